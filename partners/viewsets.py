"""The partner API in the Wagtail admin: partners, their keys (shown once when made) and the call log.

Guarded by the models' own permissions (the `Partner managers` group). Creating and changing partners and
keys goes into Wagtail's audit log like any other model.
"""

from django.db import transaction
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from . import keys
from .forms import ApiKeyForm
from .models import ApiCall, ApiKey, Partner


class PartnerViewSet(ModelViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["name", "kind", "domains", "contact_email", "active"]
    list_display = ["name", Column("kind", accessor="get_kind_display", label=_("Kind")), "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "domains"]
    search_backend_name = None


class ApiKeyCreateView(generic.CreateView):
    """Makes the key and shows it once. The answer is never cached and the key is never stored in full."""

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
        response = TemplateResponse(
            self.request,
            "partners/admin/key_created.html",
            {"api_key": self.object, "key": key, "index_url": self.get_success_url(), "page_title": _("New API key")},
        )
        response["Cache-Control"] = "no-store"
        return response


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
        Column("scopes", label=_("Scopes"), accessor="scope_labels"),
        DateColumn("last_used_at", label=_("Last used")),
        DateColumn("revoked_at", label=_("Revoked")),
    ]
    list_filter = ["partner"]
    search_fields = ["name", "prefix", "partner__name"]
    search_backend_name = None
    inspect_view_fields = [
        "partner",
        "name",
        "prefix",
        "scopes",
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
    list_display = [
        DateColumn("at", label=_("When")),
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


class PartnerApiGroup(ViewSetGroup):
    menu_label = _("API partners")
    menu_icon = "link-external"
    menu_order = 270
    items = (PartnerViewSet("api-partners"), ApiKeyViewSet("api-keys"), ApiCallViewSet("api-calls"))
