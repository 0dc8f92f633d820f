"""A report's page and a case's page in the admin (Wagtail inspect views)."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic

from conversations.staff import ask_form, reporter_answered, staff_messages
from importers.lookup import match_seller
from outcomes.forms import CaseCloseForm
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
from .models import Case, Referral, TriageState
from .permissions import triage_officers
from .priority import compute_priority
from .queue import queue_queryset, target_days
from .related import related_reports
from .state import active_override, facts_for
from .timeline import timeline

# Every field of a report, in reading order: what it is about and the reporter's own words first, where it was
# bought next, the record last. (Status and priority are in the actions panel; hashes and fingerprints are internal.)
REPORT_FIELDS = [
    "product_category",
    "brand",
    "product_name",
    "description",
    "harm",
    "harm_description",
    "urgent",
    "marketplace",
    "seller_name",
    "listing_url",
    "price_paid",
    "currency",
    "purchase_date",
    "still_have_item",
    "payment_method",
    "amount_refunded",
    "upc",
    "model_number",
    "serial_or_lot",
    "found_seller_via",
    "order_number",
    "shipped_from_country",
    "carrier",
    "parcel_tracking_number",
    "reasons",
    "anonymous",
    "share_contact_with_marketplace",
    "share_contact_with_agencies",
    "reporter_state",
    "reporter_zip",
    "preferred_language",
    "tracking_number",
    "submitted_at",
    "source",
    "consent_at",
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

    def get_reporter_state_display_value(self):
        from reference.us_places import state_name

        code = self.object.reporter_state
        return f"{state_name(code)} ({code})" if code else ""

    def get_reasons_display_value(self):
        from reports.choices import Reason

        labels = dict(Reason.choices)
        return "; ".join(str(labels.get(value, value)) for value in self.object.reasons or []) or "-"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        user = self.request.user
        state = TriageState.for_report(report)
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
            .prefetch_related(
                "partner_responses__partner", "agency_responses__organisation", "agency_questions__organisation"
            )
            .distinct(),
            has_contact=hasattr(report, "contact"),
            contact_purged=bool(state.contact_purged_at),
            can_change=can_change,
            can_note=permissions.can(user, "note"),
            can_refer=permissions.can(user, "refer"),
            can_link=permissions.can(user, "link"),
            can_view_contact=permissions.can(user, "view_contact"),
            can_ask=permissions.can(user, "ask"),
            conversation=staff_messages(report),
            reporter_answered=reporter_answered(report),
            urls={
                name: reverse(f"triage:{name}", args=[report.pk])
                for name in (
                    *("assign", "status", "note", "priority", "duplicate", "case", "refer", "contact"),
                    *("ask", "answer_read"),
                )
            },
        )
        if context["can_refer"]:
            # One form per referral, with ids of its own (a label must point at its own field).
            context["referrals"] = list(context["referrals"])
            for referral in context["referrals"]:
                referral.update_form = ReferralUpdateForm(auto_id=f"id_referral{referral.pk}_%s")
        # The page's forms, empty; a form the officer sent that did not pass comes back bound, with its errors.
        forms = {}
        if can_change:
            forms.update(
                assign_form=AssignForm(initial={"assignee": state.assignee_id}),
                status_form=StatusForm(initial={"status": report.status, "closed_reason": report.closed_reason}),
                priority_form=PriorityOverrideForm(initial={"priority": report.priority}),
                duplicate_form=DuplicateForm(),
            )
            context["can_assign_to_me"] = (
                state.assignee_id != user.pk and triage_officers().filter(pk=user.pk).exists()
            )
        if context["can_note"]:
            forms["note_form"] = NoteForm()
        if context["can_link"]:
            forms["case_form"] = CaseLinkForm()
        if context["can_ask"]:
            forms["ask_form"] = ask_form(report)
        if context["can_refer"]:
            # The API partner whose store the listing is on is offered as an unticked choice, never pre-selected.
            forms["referral_form"] = ReferralForm(suggested=suggested_partner([report]))
        forms.update({name: form for name, form in kwargs.items() if name in forms})
        context.update(forms)
        # A folded part of the panel (refer, case, duplicate) opens when its form has an error to show.
        failed = kwargs.get("failed_form", "")
        context["open_folds"] = {failed.removesuffix("_form")} if failed else set()
        context.update(self.split_fields(context["fields"]))
        return context

    # What the reporter wrote in their own words, shown first; the other answers follow as short facts.
    REPORTER_TEXT = ("description", "harm_description")

    def split_fields(self, fields):
        by_name = dict(zip(self.fields, fields, strict=True))
        return {
            "reporter_text": [by_name[name] for name in self.REPORTER_TEXT if by_name[name]["value"]],
            "facts": [field for name, field in by_name.items() if name not in self.REPORTER_TEXT],
        }


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
            close_form=CaseCloseForm(auto_id="id_close_%s"),
            close_url=reverse("outcomes_case_close", args=[case.pk]),
        )
        return context
