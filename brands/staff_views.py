"""The staff side: guides to review (approve, or reject with a reason), guide photos, and referring a report to
the brand's rights holder from the report's page."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from reports.attachments import served_as
from triage.models import Agency
from triage.operations import OperationError, refer
from triage.queue import queue_queryset
from triage.referrals import referral_summary

from . import guides
from .matching import brands_named
from .models import Guide, GuidePhoto, GuideStatus
from .permissions import can_refer, can_review_guides, can_see_approved_guides


class ReviewForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Needed to reject: the rights holder reads it. Optional when approving."),
    )


class ReviewerPage(WagtailAdminTemplateMixin, TemplateView):
    def dispatch(self, request, *args, **kwargs):
        if not can_review_guides(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class GuideIndexView(ReviewerPage):
    template_name = "brands/admin/guide_index.html"
    page_title = gettext_lazy("Identification guides")
    header_icon = "doc-full"

    def status(self):
        status = self.request.GET.get("status", GuideStatus.IN_REVIEW)
        return status if status in GuideStatus.values else GuideStatus.IN_REVIEW

    def get_context_data(self, **kwargs):
        status = self.status()
        return super().get_context_data(
            status=status,
            statuses=GuideStatus.choices,
            guides=Guide.objects.filter(status=status).select_related("brand__owner", "reviewed_by"),
            **kwargs,
        )


class GuideReviewView(ReviewerPage):
    template_name = "brands/admin/guide_review.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return str(self.guide)

    def dispatch(self, request, pk):
        self.guide = get_object_or_404(Guide.objects.select_related("brand__owner", "reviewed_by"), pk=pk)
        return super().dispatch(request, pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            guide=self.guide,
            brand=self.guide.brand,
            photos=self.guide.photos.all(),
            form=kwargs.pop("form", None) or ReviewForm(),
            index_url=reverse("brand-guides:index"),
            **kwargs,
        )

    def post(self, request, pk):
        form = ReviewForm(request.POST)
        approve = request.POST.get("decision") == "approve"
        if form.is_valid():
            try:
                guides.review(
                    self.guide,
                    approve=approve,
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                    # The version on the page the reviewer read (guide_review.html): a guide changed since is refused.
                    seen=request.POST.get("seen") or None,
                )
            except guides.GuideError as error:
                form.add_error("reason" if not approve else None, error.message)
            else:
                if approve:
                    messages.success(request, _("%(guide)s approved: officers now see it.") % {"guide": self.guide})
                else:
                    messages.success(
                        request, _("%(guide)s not approved; the reason was sent.") % {"guide": self.guide}
                    )
                return redirect(reverse("brand-guides:index"))
        return self.render_to_response(self.get_context_data(form=form), status=400)


def photo(request, pk):
    """A guide photo for staff: reviewers see every guide's, officers only an approved guide's."""
    photo = get_object_or_404(GuidePhoto.objects.select_related("guide"), pk=pk)
    if can_review_guides(request.user):
        pass
    elif not (can_see_approved_guides(request.user) and photo.guide.status == GuideStatus.APPROVED):
        raise Http404("No such photo.")
    return serve_photo(photo)


def serve_photo(photo):
    """Stream a guide photo from the private storage, shown inline only as the image its first bytes are."""
    try:
        handle = photo.file.open("rb")
        head = handle.read(32)
        handle.seek(0)
    except (FileNotFoundError, OSError) as error:
        raise Http404("The photo is missing from the storage.") from error
    content_type, extension = served_as(head, photo.content_type)
    response = FileResponse(
        handle,
        as_attachment=not content_type.startswith("image/"),
        filename=f"guide-photo-{photo.pk}.{extension}",
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


class ReferToRightsHolderForm(forms.Form):
    brand = forms.IntegerField(widget=forms.HiddenInput)
    partner_note = forms.CharField(
        label=gettext_lazy("Note for the rights holder"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "They see the report without the reporter's contact details, order or parcel number. Check the"
            " description holds no contact details the reporter typed in."
        ),
    )


@require_POST
def refer_to_rights_holder(request, report_pk):
    """A triage referral to the brand's rights holder (recipient = the rights holder's organisation)."""
    if not can_refer(request.user):
        raise PermissionDenied
    report = get_object_or_404(queue_queryset(), pk=report_pk)
    back = reverse("triage:inspect", args=[report.pk]) + "#brand"
    form = ReferToRightsHolderForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The referral was not sent: the note is too long (at most 5,000 characters)."))
        return redirect(back)
    brand = brands_named(report).filter(pk=form.cleaned_data["brand"]).first()
    if brand is None or not brand.owner.active:
        messages.error(request, _("This report is not about that brand, or its rights holder is no longer active."))
        return redirect(back)
    try:
        referral = refer(
            agency=Agency.CBP_IPR,
            note=_("Referred to the rights holder of %(brand)s.") % {"brand": brand.name},
            user=request.user,
            report=report,
            recipient=brand.owner,
            partner_note=form.cleaned_data["partner_note"],
        )
    except OperationError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(request, referral_summary(referral.get_agency_display(), referral.recipient))
    return redirect(back)
