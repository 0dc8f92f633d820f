"""The referrals part of the partner portal, for marketplaces and carriers: the inbox, one referral, answers, CSV.

Every query starts from `inbox.inbox(self.organisation)`, i.e. `operations.referrals_for`, the query the partner
API uses: a referral addressed to another organisation answers 404, as a missing one does. A referral shows
exactly what the API shows (api_v1.partner_report: never the order or parcel number, the reporter's contact only
with their consent); the API shares no files, so neither does the portal. Answering, in one go or in bulk, and
uploading reports need the responder or admin role; a viewer reads only. Uploading also needs what the API's bulk
route needs: CBP gave one of the organisation's working keys the `reports:submit-bulk` scope.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from portal.access import PortalMixin
from portal.access import refused as refused_page
from portal.models import Role
from reports import ratelimits
from reports.choices import Reason

from . import csv_reports, inbox, operations
from .api_v1 import partner_report
from .models import ApiKey, PartnerKind, ResponseAction, Scope
from .portal_forms import BulkResponseForm, InboxFilterForm, ResponseForm, UploadForm

# Rights holders get the referrals CBP addresses to them (from a report about their brand) the same way.
KINDS = (PartnerKind.MARKETPLACE, PartnerKind.CARRIER, PartnerKind.RIGHTS_HOLDER)
PAGE_SIZE = 25
# What a bulk answer, an answer or an upload did, kept for the page the browser is sent to next (shown once).
BULK_RESULTS = "portal_referrals_bulk_results"
ANSWERED = "portal_referrals_answered"
UPLOAD_RESULTS = "portal_referrals_upload_results"


def may_send_reports(organisation):
    """CBP lets an organisation send reports in bulk by giving one of its working keys the scope for it."""
    usable = ApiKey.objects.usable().filter(partner=organisation).values_list("scopes", flat=True)
    return any(Scope.SUBMIT_BULK in (scopes or []) for scopes in usable)


NOT_ALLOWED_TO_SEND = gettext_lazy(
    "Your organisation may not send reports yet. Ask your CBP partner manager to allow it (the API scope"
    " “Submit reports in bulk”)."
)


def subject(referral):
    """The tracking numbers of the reports in a referral, for lists and results."""
    return ", ".join(report.tracking_number for report in operations.reports_of(referral))


class ReferralsMixin(PortalMixin):
    allowed_kinds = KINDS

    def can_respond(self):
        return self.membership.has_role(Role.RESPONDER)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            organisation=self.organisation,
            can_respond=self.can_respond(),
            target_days=settings.PARTNER_RESPONSE_TARGET_DAYS,
        )
        return context


class InboxView(ReferralsMixin, TemplateView):
    template_name = "portal/referrals/inbox.html"

    def get_context_data(self, bulk_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = InboxFilterForm(self.request.GET)
        show, order = filters.values()
        page = Paginator(inbox.shown(self.organisation, show, order), PAGE_SIZE).get_page(self.request.GET.get("page"))
        rows = [
            {"referral": referral, "subject": subject(referral), "overdue": inbox.is_overdue(referral)}
            for referral in page.object_list
        ]
        counts = inbox.counts(self.organisation)
        context.update(
            page=page,
            rows=rows,
            show=show,
            order=order,
            orders=inbox.Order.choices,
            tabs=[{"value": value, "label": label, "count": counts[value]} for value, label in inbox.Show.choices],
            shown_label=inbox.Show(show).label,
            bulk_form=bulk_form or BulkResponseForm(),
            results=self.request.session.pop(BULK_RESULTS, None),
        )
        return context


class BulkRespondView(InboxView):
    """One answer to the ticked referrals; each gets its own result, shown at the top of the inbox."""

    minimum_role = Role.RESPONDER
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = BulkResponseForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(bulk_form=form), status=400)
        data = form.cleaned_data
        done = operations.respond_to_many(
            data["referrals"], partner=self.organisation, action=data["action"], note=data["note"], user=request.user
        )
        request.session[BULK_RESULTS] = {
            "action": str(ResponseAction(data["action"]).label),
            "rows": [
                {
                    "id": row["id"],
                    "recorded": row["status"] == "recorded",
                    "subject": subject(row["response"].referral) if row["response"] else "",
                }
                for row in done
            ],
        }
        return redirect(reverse("portal:referrals:inbox") + "#results")


class ReferralView(ReferralsMixin, TemplateView):
    template_name = "portal/referrals/referral.html"

    def get_referral(self):
        return get_object_or_404(inbox.inbox(self.organisation), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.referral = self.get_referral()
        operations.mark_seen(self.referral, self.organisation)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        referral = self.referral
        reasons = dict(Reason.choices)
        reports = []
        for report in operations.reports_of(referral):
            shown = partner_report(report, referral)
            shown["reason_labels"] = [reasons.get(code, code) for code in shown["reasons"]]
            reports.append(shown)
        context.update(
            referral=referral,
            reports=reports,
            responses=referral.partner_responses.select_related("responded_by"),
            overdue=inbox.is_overdue(referral),
            answer_by=inbox.answer_by(referral),
            form=form or ResponseForm(),
            answered_now=self.request.session.pop(ANSWERED, None) == referral.pk,
        )
        return context


class RespondView(ReferralView):
    """The answer to one referral: the same operation, actions and note rules as the API's."""

    minimum_role = Role.RESPONDER
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.referral = self.get_referral()
        form = ResponseForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        operations.respond(
            self.referral,
            partner=self.organisation,
            api_key=None,
            action=form.cleaned_data["action"],
            note=form.cleaned_data["note"],
            user=request.user,
        )
        request.session[ANSWERED] = self.referral.pk
        return redirect(reverse("portal:referrals:referral", args=[self.referral.pk]) + "#answers")


class UploadView(ReferralsMixin, TemplateView):
    """Reports in a CSV file (the API's bulk format): the whole file is read first, then each row is answered."""

    template_name = "portal/referrals/upload.html"
    minimum_role = Role.RESPONDER

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        results = self.request.session.pop(UPLOAD_RESULTS, None)
        context.update(
            form=form or UploadForm(),
            columns=list(csv_reports.COLUMNS.items()),
            required=csv_reports.REQUIRED_COLUMNS,
            max_rows=csv_reports.MAX_ROWS,
            max_kb=settings.PARTNER_CSV_MAX_BYTES // 1024,
            results=results,
        )
        return context

    def get(self, request, *args, **kwargs):
        if not may_send_reports(self.organisation):
            return refused_page(request, NOT_ALLOWED_TO_SEND)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not may_send_reports(self.organisation):
            return refused_page(request, NOT_ALLOWED_TO_SEND)
        form = UploadForm(request.POST, request.FILES)
        verdict = ratelimits.hit("partner_csv", f"organisation-{self.organisation.pk}")
        if not verdict.allowed:
            form.add_error(
                "file",
                _(
                    "Your organisation sent many files in a short time. Nothing was saved."
                    " Try again in %(minutes)s minutes."
                )
                % {"minutes": max(1, verdict.retry_after // 60)},
            )
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(verdict.retry_after)
            return response
        if form.is_valid():
            upload = form.cleaned_data["file"]
            # Never more than the limit (and one byte to tell) is read into memory.
            raw = upload.read(settings.PARTNER_CSV_MAX_BYTES + 1)
            try:
                rows = csv_reports.upload(raw, partner=self.organisation)
            except csv_reports.FileRefused as refused:
                too_big = len(raw) > settings.PARTNER_CSV_MAX_BYTES
                form.add_error("file", _("Nothing was saved. %(reason)s") % {"reason": refused})
                return self.render_to_response(self.get_context_data(form=form), status=413 if too_big else 400)
            request.session[UPLOAD_RESULTS] = {
                "name": upload.name,
                "accepted": sum(1 for row in rows if row.accepted),
                "refused": sum(1 for row in rows if not row.accepted),
                "rows": [row.as_dict() for row in rows],
            }
            return redirect(reverse("portal:referrals:upload") + "#results")
        return self.render_to_response(self.get_context_data(form=form), status=400)
