"""A report's page and a case's page in the admin (Wagtail inspect views)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic

from importers.lookup import match_seller
from reference.countries import country_name
from website.admin_display import SiteTimesInspectMixin

from . import permissions
from .forms import (
    AssignForm,
    CaseLinkForm,
    DuplicateForm,
    NoteForm,
    PriorityOverrideForm,
    ReferralForm,
    ReferralUpdateForm,
    StatusForm,
    suggested_partner,
)
from .models import Case, Referral
from .priority import compute_priority
from .queue import queue_queryset, target_days
from .related import related_reports
from .state import active_override, ensure_state, facts_for
from .timeline import timeline

# Every field of a report, in reading order (hashes and fingerprints are internal and left out).
REPORT_FIELDS = [
    "tracking_number",
    "submitted_at",
    "source",
    "product_category",
    "brand",
    "product_name",
    "description",
    "price_paid",
    "currency",
    "purchase_date",
    "still_have_item",
    "marketplace",
    "seller_name",
    "listing_url",
    "order_number",
    "shipped_from_country",
    "carrier",
    "parcel_tracking_number",
    "reasons",
    "harm",
    "harm_description",
    "anonymous",
    "preferred_language",
    "consent_at",
    "status",
    "closed_reason",
    "priority",
    "urgent",
    "last_addition_at",
    "updated_at",
]


class ReportInspectView(SiteTimesInspectMixin, generic.InspectView):
    template_name = "triage/report_inspect.html"
    any_permission_required = ["view", "change"]

    def get_object(self, queryset=None):
        from django.shortcuts import get_object_or_404

        return get_object_or_404(queue_queryset(), pk=self.pk)

    def get_fields(self):
        return REPORT_FIELDS

    def get_page_title(self):
        return _("Report %(tracking)s") % {"tracking": self.object.tracking_number}

    def get_page_subtitle(self):
        return self.object.tracking_number

    def get_shipped_from_country_display_value(self):
        code = self.object.shipped_from_country
        return f"{country_name(code)} ({code})" if code else ""

    def get_reasons_display_value(self):
        from reports.choices import Reason

        labels = dict(Reason.choices)
        return "; ".join(str(labels.get(value, value)) for value in self.object.reasons or []) or "-"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        user = self.request.user
        state = ensure_state(report)
        override = active_override(report)
        # The reasons as of now (counts of other reports change as reports arrive); the stored priority stands.
        live_priority, live_reasons = compute_priority(facts_for(report, state))
        can_change = permissions.can(user, "change")
        context.update(
            report=report,
            state=state,
            override=override,
            live_priority=live_priority,
            priority_reasons=live_reasons,
            target_days=target_days(report.priority),
            attachments=report.attachments.all(),
            additions=report.additions.prefetch_related("attachments"),
            notes=report.triage_notes.select_related("author"),
            events=timeline(report),
            related=related_reports(report),
            importer_check=match_seller(report.listing_url, report.seller_name),
            cases=report.cases.all(),
            referrals=Referral.objects.filter(Q(report=report) | Q(case__reports=report))
            .select_related("referred_by", "case", "recipient")
            .prefetch_related("partner_responses__partner")
            .distinct(),
            has_contact=hasattr(report, "contact"),
            contact_purged=bool(state.contact_purged_at),
            can_change=can_change,
            can_note=permissions.can(user, "note"),
            can_refer=permissions.can(user, "refer"),
            can_link=permissions.can(user, "link"),
            can_view_contact=permissions.can(user, "view_contact"),
            urls={
                name: reverse(f"triage:{name}", args=[report.pk])
                for name in ("assign", "status", "note", "priority", "duplicate", "case", "refer", "contact")
            },
        )
        if can_change:
            context.update(
                assign_form=AssignForm(initial={"assignee": state.assignee_id}),
                status_form=StatusForm(initial={"status": report.status, "closed_reason": report.closed_reason}),
                priority_form=PriorityOverrideForm(initial={"priority": report.priority}),
                duplicate_form=DuplicateForm(),
                referral_update_form=ReferralUpdateForm(),
            )
        if context["can_note"]:
            context["note_form"] = NoteForm()
        if context["can_link"]:
            context["case_form"] = CaseLinkForm()
        if context["can_refer"]:
            # The API partner whose store the listing is on is offered as an unticked choice, never pre-selected.
            context["referral_form"] = ReferralForm(suggested=suggested_partner([report]))
        return context


class CaseInspectView(SiteTimesInspectMixin, generic.InspectView):
    template_name = "triage/case_inspect.html"

    def get_fields(self):
        return ["title", "summary", "created_by", "created_at"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case: Case = self.object
        user = self.request.user
        context.update(
            case=case,
            reports=queue_queryset().filter(cases=case),
            referrals=case.referrals.select_related("referred_by", "recipient"),
            can_refer=permissions.can(user, "refer"),
            can_change=permissions.can(user, "change"),
            referral_form=ReferralForm(suggested=suggested_partner(case.reports.all())),
            referral_update_form=ReferralUpdateForm(),
            refer_url=reverse("triage-cases:refer", args=[case.pk]),
        )
        return context
