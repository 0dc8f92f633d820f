"""The agencies' part of the partner portal (/portal/agency/): the inbox of referrals addressed to the agency,
a referral with its reports and files, and the acknowledgement, the outcome and the question to CBP.

Every query starts from `operations.referrals_for(self.organisation)`, so a referral addressed to another agency
answers 404, like one that does not exist. Files are streamed from the private storage by `ReferralFileView`,
never from a public address.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from partners.operations import reports_of
from portal.access import PortalMixin
from portal.models import Role
from reports.attachments import served_as
from triage.models import ReferralStatus

from . import operations
from .forms import AgencyOutcomeForm, QuestionForm

KINDS = (operations.AGENCY_KIND,)
PER_PAGE = 50

FILTERS = {
    "new": (gettext_lazy("New"), Q(status=ReferralStatus.SENT)),
    "acknowledged": (gettext_lazy("Acknowledged"), Q(status=ReferralStatus.ACKNOWLEDGED)),
    "answered": (
        gettext_lazy("Outcome recorded"),
        Q(status__in=[ReferralStatus.ACTION_TAKEN, ReferralStatus.NO_ACTION]),
    ),
}

# The report's facts an agency reads (never the receipt key, the fingerprint or staff-only fields).
REPORT_FIELDS = [
    "product_category",
    "brand",
    "product_name",
    "description",
    "harm_description",
    "price_paid",
    "purchase_date",
    "marketplace",
    "seller_name",
    "listing_url",
    "order_number",
    "shipped_from_country",
    "carrier",
    "parcel_tracking_number",
    "upc",
    "model_number",
    "serial_or_lot",
]


def _facts(report):
    facts = []
    for name in REPORT_FIELDS:
        field = report._meta.get_field(name)
        value = getattr(report, name)
        if value in (None, ""):
            continue
        facts.append({"label": field.verbose_name, "value": value, "long": name.endswith("description")})
    return facts


class AgencyMixin(PortalMixin):
    allowed_kinds = KINDS

    def referrals(self):
        return operations.referrals_for(self.organisation)

    def get_referral(self):
        return get_object_or_404(self.referrals(), pk=self.kwargs["pk"])


class InboxView(AgencyMixin, TemplateView):
    template_name = "agencies/portal/inbox.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chosen = self.request.GET.get("show", "")
        referrals = self.referrals().annotate(
            open_questions=Count("agency_questions", filter=Q(agency_questions__answered_at__isnull=True))
        )
        if chosen in FILTERS:
            referrals = referrals.filter(FILTERS[chosen][1])
        else:
            chosen = ""
        page = Paginator(referrals.order_by("-referred_at", "-pk"), PER_PAGE).get_page(self.request.GET.get("page"))
        context.update(
            organisation=self.organisation,
            page=page,
            referrals=[
                {"referral": referral, "reports": reports_of(referral), "open_questions": referral.open_questions}
                for referral in page
            ],
            filters=[{"key": "", "label": _("All"), "selected": not chosen}]
            + [{"key": key, "label": label, "selected": key == chosen} for key, (label, _q) in FILTERS.items()],
            chosen=chosen,
        )
        return context


class ReferralView(AgencyMixin, TemplateView):
    template_name = "agencies/portal/referral.html"

    def get(self, request, *args, **kwargs):
        self.referral = self.get_referral()
        response = super().get(request, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        referral = self.referral
        reports = []
        for report in reports_of(referral):
            contact = operations.shared_contact(report)
            if contact is not None:
                operations.log_contact_view(report, organisation=self.organisation, user=self.request.user)
            reports.append(
                {
                    "report": report,
                    "facts": _facts(report),
                    "attachments": list(report.attachments.all()),
                    "contact": contact,
                }
            )
        can_respond = self.membership.has_role(Role.RESPONDER)
        context.update(
            organisation=self.organisation,
            referral=referral,
            reports=reports,
            responses=referral.agency_responses.select_related("organisation", "responded_by"),
            questions=referral.agency_questions.filter(organisation=self.organisation),
            can_respond=can_respond,
            outcome_form=kwargs.get("outcome_form") or AgencyOutcomeForm(),
            question_form=kwargs.get("question_form") or QuestionForm(),
            acknowledged=referral.status != ReferralStatus.SENT,
        )
        return context


class ActionView(AgencyMixin, View):
    """Base of the POST-only steps: a responder or an admin of the agency organisation."""

    minimum_role = Role.RESPONDER
    http_method_names = ["post"]

    def back(self, referral, anchor=""):
        return redirect(reverse("portal:agencies_portal:referral", args=[referral.pk]) + anchor)

    def invalid(self, referral, **forms):
        view = ReferralView()
        view.setup(self.request, pk=referral.pk)
        view.membership, view.organisation, view.referral = self.membership, self.organisation, referral
        response = view.render_to_response(view.get_context_data(**forms))
        response.status_code = 400
        return response


class AcknowledgeView(ActionView):
    def post(self, request, pk):
        referral = self.get_referral()
        operations.acknowledge(referral, organisation=self.organisation, user=request.user)
        messages.success(request, _("You acknowledged the referral. CBP can see that you have it."))
        return self.back(referral)


class OutcomeView(ActionView):
    def post(self, request, pk):
        referral = self.get_referral()
        form = AgencyOutcomeForm(request.POST)
        if not form.is_valid():
            return self.invalid(referral, outcome_form=form)
        operations.record_outcome(referral, organisation=self.organisation, user=request.user, **form.cleaned_data)
        messages.success(request, _("Your outcome was recorded. Thank you: the reporter and CBP can now see it."))
        return self.back(referral)


class QuestionView(ActionView):
    def post(self, request, pk):
        referral = self.get_referral()
        form = QuestionForm(request.POST)
        if not form.is_valid():
            return self.invalid(referral, question_form=form)
        operations.ask(referral, organisation=self.organisation, user=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your question was sent to CBP. The answer will appear on this page."))
        return self.back(referral, "#questions")


class ReferralFileView(AgencyMixin, View):
    """A file of one of the referral's reports, streamed as a download (never a public address), and logged."""

    def get(self, request, pk, attachment_id):
        referral = self.get_referral()
        attachment = operations.attachment_for(referral, attachment_id)
        if attachment is None:
            raise Http404(_("This file is not part of the referral."))
        try:
            handle = attachment.file.open("rb")
            head = handle.read(32)
            handle.seek(0)
        except (FileNotFoundError, OSError) as error:
            raise Http404(_("The file is missing from the storage.")) from error
        content_type, _extension = served_as(head, attachment.content_type)
        operations.log_file_download(attachment, organisation=self.organisation, user=request.user)
        response = FileResponse(
            handle, as_attachment=True, filename=attachment.download_name(content_type), content_type=content_type
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        response["Cache-Control"] = "private, no-store"
        return response
