"""Organisations' webhook endpoints in the Wagtail admin, for CBP partner managers: read only.

Listed under API partners → Webhook endpoints: organisation, address, events, enabled or not, the last try (time,
status code or error) and failed tries in the last 7 days; each endpoint's page adds its description, who added
it and when its secret was made. Never a secret (nor its first characters): only the organisation holds it.
Guarded by the `webhooks.view_endpoint` permission (the `Partner managers` group, migration 0003).

Each endpoint's history lists the audit log: added, edited, enabled, disabled, secret rotated, deliveries replayed
(deleted: in Site history), who did it and when. The log entries hold no secret.
"""

from django.contrib.admin.utils import quote, unquote
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from website.admin_display import LocalDateTimeColumn, SiteTimesInspectMixin, YesNoColumn

from .delivery_health import RECENT_DAYS, last_try_summary, with_delivery_health
from .models import Endpoint
from .outbox import NEW_REFERRAL

# Every enabled endpoint gets every event the site sends; today there is one.
EVENTS = (NEW_REFERRAL,)


def events(endpoint):
    return ", ".join(EVENTS)


class EndpointIndexView(generic.IndexView):
    def get_base_queryset(self):
        return with_delivery_health(super().get_base_queryset().select_related("organisation"))


class EndpointInspectView(SiteTimesInspectMixin, generic.InspectView):
    history_url_name = None
    extra_labels = {
        "events": _("Events"),
        "last_try_at": _("Last try"),
        "last_try": _("Last try's answer"),
        "recent_failures": format_lazy(_("Failed tries in the last {days} days"), days=RECENT_DAYS),
    }

    def get_object(self, queryset=None):
        endpoints = with_delivery_health(Endpoint.objects.select_related("organisation", "created_by"))
        return get_object_or_404(endpoints, pk=unquote(str(self.pk)))

    def get_field_label(self, field_name, field):
        if field_name in self.extra_labels:
            return self.extra_labels[field_name]
        return super().get_field_label(field_name, field)

    @cached_property
    def header_buttons(self):
        return [HeaderButton(_("History"), url=reverse(self.history_url_name, args=(quote(self.object.pk),)))]

    def get_events_display_value(self):
        return events(self.object)

    def get_last_try_display_value(self):
        return last_try_summary(self.object)


class EndpointHistoryView(HistoryView):
    """The endpoint's audit log, for whoever may view endpoints (nobody edits them in the admin)."""

    any_permission_required = ["view"]

    def get_edit_url(self, instance):
        return None

    @cached_property
    def header_buttons(self):
        return []


class EndpointViewSet(ModelViewSet):
    """Read only: the organisation's admins add, change and delete endpoints in the portal."""

    model = Endpoint
    icon = "resubmit"
    menu_label = _("Webhook endpoints")
    index_view_class = EndpointIndexView
    inspect_view_enabled = True
    inspect_view_class = EndpointInspectView
    history_view_class = EndpointHistoryView
    copy_view_enabled = False
    form_fields = []
    list_display = [
        "organisation",
        Column("url", label=_("Address")),
        Column("events", accessor=events, label=_("Events")),
        YesNoColumn("enabled", label=_("Enabled"), sort_key="enabled"),
        LocalDateTimeColumn("last_try_at", label=_("Last try"), sort_key="last_try_at"),
        Column("last_try", accessor=last_try_summary, label=_("Last try's answer")),
        Column(
            "recent_failures",
            label=format_lazy(_("Failed tries ({days} days)"), days=RECENT_DAYS),
            sort_key="recent_failures",
        ),
    ]
    list_filter = ["organisation", "enabled"]
    search_fields = ["url", "description", "organisation__name"]
    search_backend_name = None
    inspect_view_fields = [
        "organisation",
        "url",
        "description",
        "events",
        "enabled",
        "last_try_at",
        "last_try",
        "recent_failures",
        "created_by",
        "created_at",
        "secret_rotated_at",
        "previous_secret_ends_at",
    ]

    def get_urlpatterns(self):
        # No add, edit or delete: the organisation manages its endpoints in the portal.
        shown = {"index", "index_results", "inspect", "history", "history_results"}
        return [p for p in super().get_urlpatterns() if p.name in shown]
