"""The public directory at /trusted-importers/ (search, filters, "Check a seller") and the admin CSV import page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from reference.countries import country_name
from search.writing import refresh_now

from .directory import search_directory
from .forms import CSVUploadForm, DirectoryForm
from .importing import COLUMNS, CREATED, FAILED, UNCHANGED, UPDATED, import_records, parse_csv
from .lookup import check_address
from .models import Program


@require_GET
def directory(request):
    form = DirectoryForm(request.GET)
    valid = form.is_valid()
    results = check = None
    if valid:
        results = search_directory(form.params())
        for importer in results.importers:
            importer.country_label = country_name(importer.country)
        if form.cleaned_data["seller"]:
            check = check_address(form.cleaned_data["seller"])
    context = {
        "form": form,
        "results": results,
        "check": check,
        "query": form.cleaned_data.get("q", "") if valid else request.GET.get("q", "")[:200],
        "seller": form.cleaned_data.get("seller", "") if valid else request.GET.get("seller", "")[:300],
        "programs": Program.choices,
        "selected_programs": form.cleaned_data.get("program", []) if valid else [],
        "selected_countries": form.cleaned_data.get("country", []) if valid else [],
        "countries": form.fields["country"].choices,
    }
    return render(request, "importers/directory.html", context, status=200 if valid else 400)


class ImportCSVView(WagtailAdminTemplateMixin, FormView):
    """Upload a CSV: every row checked, good rows imported, a summary and the row errors shown."""

    template_name = "importers/admin/import.html"
    form_class = CSVUploadForm
    page_title = _("Import trusted importers from CSV")
    header_icon = "upload"
    index_url_name = None

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("trusted-importers:index"), "label": _("Trusted importers")},
            {"url": "", "label": self.get_page_title()},
        ]

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.has_perm("importers.add_importer") and user.has_perm("importers.change_importer")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["columns"] = COLUMNS.items()
        return context

    def form_valid(self, form):
        records, errors = parse_csv(form.cleaned_data["file"])
        name = getattr(self.request.FILES.get("file"), "name", "upload.csv")
        counts, failures = import_records(records, user=self.request.user, source=f"CSV import of {name}")
        counts[FAILED] += len(errors)
        errors = sorted(errors + failures, key=lambda error: error.row_number)
        refresh_now("importers")
        summary = [(label, counts[key]) for key, label in self.summary_labels()]
        if counts[FAILED]:
            messages.warning(self.request, _("Some rows were not imported; see the list below."))
        else:
            messages.success(self.request, _("Every row was imported."))
        return self.render_to_response(
            self.get_context_data(form=CSVUploadForm(), summary=summary, row_errors=errors, file_name=name)
        )

    @staticmethod
    def summary_labels():
        return [(CREATED, _("Created")), (UPDATED, _("Updated")), (UNCHANGED, _("Unchanged")), (FAILED, _("Failed"))]
