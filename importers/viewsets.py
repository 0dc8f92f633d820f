"""The importers in the Wagtail admin: a ModelViewSet with filters, search, export, inspect (with the vetting
history) and a CSV import page. Guarded by the model's own permissions (the `Vetting officers` group)."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from reference.countries import country_name
from website.admin_display import CalendarDateColumn, SiteTimesInspectMixin
from website.spreadsheets import SafeSpreadsheetExportMixin

from .filters import ImporterFilterSet
from .forms import ImporterAdminForm
from .models import Importer
from .staff_views import RecordConsentView, RenewalDecisionView, download_document
from .views import ImportCSVView

PANELS = [
    MultiFieldPanel(
        [FieldPanel("legal_name"), FieldPanel("external_id"), InlinePanel("trade_names", label=_("Trade name"))],
        heading=_("Names"),
    ),
    InlinePanel("identifiers", label=_("Website or marketplace store"), heading=_("Addresses")),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("country"), FieldPanel("program")]),
            FieldRowPanel([FieldPanel("vetted_on"), FieldPanel("valid_until")]),
            FieldPanel("status"),
            FieldPanel("status_reason"),
            FieldPanel("message_for_importer"),
        ],
        heading=_("Vetting"),
    ),
    FieldPanel("public_notes"),
]


class ImporterIndexView(SafeSpreadsheetExportMixin, generic.IndexView):
    import_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        user = self.request.user
        if (
            self.import_url_name
            and user.has_perm("importers.add_importer")
            and user.has_perm("importers.change_importer")
        ):
            buttons.append(HeaderButton(_("Import CSV"), url=reverse(self.import_url_name), icon_name="upload"))
        return buttons


class ImporterInspectView(SiteTimesInspectMixin, generic.InspectView):
    template_name = "importers/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decisions"] = self.object.decisions.select_related("user")
        context["consent_records"] = self.object.consent_records.select_related("recorded_by")
        context["applications"] = self.object.renewal_applications.prefetch_related("documents")
        context["can_change"] = self.request.user.has_perm("importers.change_importer")
        return context

    def get_country_display_value(self):
        return country_name(self.object.country)


class ListingStateColumn(Column):
    """The computed tag: publicly listed, expired, not yet valid, suspended or revoked (Importer.listing_state)."""

    cell_template_name = "importers/admin/listing_state_cell.html"


class ImporterViewSet(ModelViewSet):
    model = Importer
    name = "trusted-importers"
    icon = "success"
    menu_label = _("Trusted importers")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = ImporterIndexView
    inspect_view_class = ImporterInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 50
    ordering = ["legal_name"]
    filterset_class = ImporterFilterSet
    search_fields = ["legal_name", "external_id", "trade_names__name", "identifiers__match_key"]
    search_backend_name = None
    edit_handler = ObjectList(PANELS, base_form_class=ImporterAdminForm)
    list_display = [
        "legal_name",
        Column("country", label=_("Country"), accessor="country", sort_key="country"),
        Column("program", label=_("Program"), accessor="get_program_display", sort_key="program"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
        CalendarDateColumn("valid_until", label=_("Valid until"), sort_key="valid_until"),
        ListingStateColumn("listing_state", label=_("Public directory")),
    ]
    inspect_view_fields = [
        "legal_name",
        "external_id",
        "country",
        "program",
        "status",
        "listing_state_label",
        "verification_id",
        "vetted_on",
        "valid_until",
        "public_notes",
    ]
    list_export = [
        "external_id",
        "legal_name",
        "export_trade_names",
        "export_domains",
        "export_store_urls",
        "country",
        "program",
        "status",
        "vetted_on",
        "valid_until",
        "public_notes",
    ]
    export_headings = {
        "external_id": "external_id",
        "legal_name": "legal_name",
        "export_trade_names": "trade_names",
        "export_domains": "domains",
        "export_store_urls": "store_urls",
        "country": "country",
        "program": "program",
        "status": "status",
        "vetted_on": "vetted_on",
        "valid_until": "valid_until",
        "public_notes": "public_notes",
    }
    export_filename = "trusted-importers"

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(import_url_name=self.get_url_name("import"), **kwargs)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("import/", ImportCSVView.as_view(), name="import"),
            path("renewal/<int:pk>/", RenewalDecisionView.as_view(), name="renewal"),
            path("renewal/document/<int:pk>/", download_document, name="renewal_document"),
            path("consent/<int:pk>/", RecordConsentView.as_view(), name="record_consent"),
        ]
