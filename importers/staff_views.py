"""Staff pages beside an importer in the admin: decide a renewal application (with its documents), download a
document, and record a consent to be listed given or withdrawn on paper. Vetting officers only (the model's
change permission)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from reports.attachments import served_as

from .consent import record_consent
from .forms import PaperConsentForm, RenewalDecisionForm
from .models import ConsentSource, Importer, RenewalApplication, RenewalDocument, RenewalState
from .renewals import RenewalRefused, decide_renewal


def require_vetting_officer(user):
    if not user.has_perm("importers.change_importer"):
        raise PermissionDenied


class ImporterPageMixin(WagtailAdminTemplateMixin):
    header_icon = "success"

    def dispatch(self, request, *args, **kwargs):
        require_vetting_officer(request.user)
        return super().dispatch(request, *args, **kwargs)

    def importer_url(self):
        return reverse("trusted-importers:inspect", args=[self.importer.pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("trusted-importers:index"), "label": _("Trusted importers")},
            {"url": self.importer_url(), "label": str(self.importer)},
            {"url": "", "label": self.get_page_title()},
        ]


class RenewalDecisionView(ImporterPageMixin, FormView):
    template_name = "importers/admin/renewal.html"
    form_class = RenewalDecisionForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.application = get_object_or_404(
            RenewalApplication.objects.select_related("importer", "submitted_by", "decision__user"), pk=kwargs["pk"]
        )
        self.importer = self.application.importer

    def get_page_title(self):
        return _("Renewal application %(reference)s") % {"reference": self.application.reference}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            application=self.application,
            importer=self.importer,
            documents=self.application.documents.all(),
            waiting=self.application.state == RenewalState.WAITING,
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            decide_renewal(
                self.application,
                approve=data["decision"] == "approve",
                valid_until=data["valid_until"],
                reason=data["reason"],
                message_for_importer=data["message_for_importer"],
                user=self.request.user,
            )
        except RenewalRefused as refused:
            form.add_error(None, refused.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        messages.success(self.request, _("The decision is recorded in the vetting history."))
        return redirect(self.importer_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class RecordConsentView(ImporterPageMixin, FormView):
    template_name = "importers/admin/record_consent.html"
    form_class = PaperConsentForm
    page_title = _("Record consent given on paper")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.importer = get_object_or_404(Importer, pk=kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(importer=self.importer, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        record_consent(
            self.importer,
            data["given"],
            source=ConsentSource.PAPER,
            recorded_by=self.request.user,
            given_by=data["given_by"],
            given_on=data["given_on"],
            note=data["note"],
        )
        messages.success(self.request, _("The consent is recorded."))
        return redirect(self.importer_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


def download_document(request, pk):
    """A renewal document from the private storage, as a download named from its content, to vetting officers."""
    require_vetting_officer(request.user)
    document = get_object_or_404(RenewalDocument.objects.select_related("application"), pk=pk)
    try:
        handle = document.file.open("rb")
        head = handle.read(32)
        handle.seek(0)
    except OSError as error:
        raise Http404("The file is missing from the storage.") from error
    content_type, _extension = served_as(head, document.content_type)
    response = FileResponse(
        handle, as_attachment=True, filename=document.download_name(content_type), content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
