"""The partner API in the Wagtail admin: partners, their keys (shown once when made) and the call log.

Guarded by the models' own permissions (the `Partner managers` group). Creating and changing partners and
keys goes into Wagtail's audit log like any other model.
"""

from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from webhooks.viewsets import EndpointViewSet
from website.admin_display import LocalDateTimeColumn, SiteTimesInspectMixin, YesNoColumn

from . import keys
from .forms import ApiKeyForm
from .models import ApiCall, ApiKey, Partner


class InspectView(SiteTimesInspectMixin, generic.InspectView):
    pass


class PartnerViewSet(ModelViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = InspectView
    form_fields = ["name", "kind", "agency", "importer", "domains", "contact_email", "active"]
    list_display = [
        "name",
        Column("kind", accessor="get_kind_display", label=_("Kind")),
        YesNoColumn("active", label=_("Active"), sort_key="active"),
    ]
    list_filter = ["kind", "active"]
    search_fields = ["name", "domains"]
    search_backend_name = None


SESSION_KEY = "partners_new_api_keys"


class ApiKeyCreateView(generic.CreateView):
    """Makes the key, then redirects to a page that shows it once (post/redirect/get): reloading that page, or
    going back to it, never makes another key. Until that page reads it, the full key waits in the session
    (server side); the database keeps only a fingerprint."""

    def form_valid(self, form):
        data = form.cleaned_data
        with transaction.atomic():
            self.object, key = keys.create_key(
                partner=data["partner"],
                name=data["name"],
                scopes=data["scopes"],
                created_by=self.request.user,
                expires_at=data.get("expires_at"),
            )
            log(instance=self.object, action="wagtail.create", user=self.request.user)
        waiting = self.request.session.get(SESSION_KEY, {})
        waiting[str(self.object.pk)] = key
        self.request.session[SESSION_KEY] = waiting
        return redirect(reverse("api-keys:created", args=[self.object.pk]))


class ApiKeyCreatedView(generic.PermissionCheckedMixin, generic.WagtailAdminTemplateMixin, TemplateView):
    """Shows a new key once: the first read takes it out of the session, so a reload says it was already shown."""

    permission_policy = None  # set by the viewset
    permission_required = "add"
    template_name = "partners/admin/key_created.html"
    page_title = _("New API key")
    header_icon = "key"
    index_url_name = "api-keys:index"

    def get(self, request, pk):
        self.api_key = get_object_or_404(ApiKey.objects.select_related("partner"), pk=pk)
        waiting = request.session.get(SESSION_KEY, {})
        self.key = waiting.pop(str(pk), None)
        request.session[SESSION_KEY] = waiting
        response = super().get(request, pk)
        response["Cache-Control"] = "no-store"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            api_key=self.api_key,
            key=self.key,
            index_url=reverse(self.index_url_name),
            add_url=reverse("api-keys:add"),
        )
        return context


class ApiKeyEditView(generic.EditView):
    def save_instance(self):
        instance = super().save_instance()
        if self.form.cleaned_data.get("revoke"):
            keys.revoke(instance, user=self.request.user)
            log(instance=instance, action="partners.revoke_key", user=self.request.user)
        return instance


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    icon = "key"
    menu_label = _("API keys")
    add_view_class = ApiKeyCreateView
    edit_view_class = ApiKeyEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = InspectView
    edit_handler = ObjectList(
        [
            FieldPanel("partner"),
            FieldPanel("name"),
            FieldPanel("scopes"),
            FieldPanel("expires_at"),
            FieldPanel("revoke"),
        ],
        base_form_class=ApiKeyForm,
    )
    list_display = [
        "name",
        "partner",
        Column("prefix", label=_("Key starts with")),
        Column("scopes", label=_("Scopes"), accessor="scopes_display"),
        LocalDateTimeColumn("last_used_at", label=_("Last used"), sort_key="last_used_at"),
        LocalDateTimeColumn("revoked_at", label=_("Revoked"), sort_key="revoked_at"),
    ]
    list_filter = ["partner"]
    search_fields = ["name", "prefix", "partner__name"]

    def get_urlpatterns(self):
        created = ApiKeyCreatedView.as_view(permission_policy=self.permission_policy)
        return super().get_urlpatterns() + [path("created/<int:pk>/", created, name="created")]

    search_backend_name = None
    inspect_view_fields = [
        "partner",
        "name",
        "prefix",
        "scopes_display",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]


class ApiCallViewSet(ModelViewSet):
    """The call log: read only."""

    model = ApiCall
    icon = "list-ul"
    menu_label = _("API call log")
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = InspectView
    list_display = [
        LocalDateTimeColumn("at", label=_("When"), sort_key="at"),
        "partner",
        Column("presented_prefix", label=_("Key")),
        "method",
        "path",
        "status_code",
        "outcome",
    ]
    list_filter = ["partner", "outcome", "status_code"]
    search_fields = ["path", "presented_prefix"]
    search_backend_name = None
    list_per_page = 100
    form_fields = []

    def get_urlpatterns(self):
        # No add, edit or delete: a log is only read.
        return [
            pattern for pattern in super().get_urlpatterns() if pattern.name in {"index", "index_results", "inspect"}
        ]


class ScorecardsViewSet(ViewSet):
    """The scorecards page (partners/scorecard_views.py) as a menu item of the group."""

    name = "partner-scorecards"
    icon = "tasks"
    menu_label = _("Scorecards")

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        from .scorecard_views import may_view

        class ScorecardsMenuItem(MenuItem):
            def is_shown(self, request):
                return may_view(request.user)

        return ScorecardsMenuItem

    def get_urlpatterns(self):
        from .scorecard_views import ScorecardsView

        return [path("", ScorecardsView.as_view(), name="index")]


class PartnerApiGroup(ViewSetGroup):
    menu_label = _("API partners")
    menu_icon = "link-external"
    menu_order = 270
    items = (
        PartnerViewSet("api-partners"),
        ApiKeyViewSet("api-keys"),
        ApiCallViewSet("api-calls"),
        ScorecardsViewSet(),
        EndpointViewSet("webhook-endpoints"),  # organisations' webhook endpoints, read only (webhooks/viewsets.py)
    )
