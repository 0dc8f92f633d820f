"""Forms for the staff actions on a report, a case, and the bulk actions on the queue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from outcomes.forms import MANY_REPORTS, OutcomeForm, check_closing
from partners.models import Partner
from reports.choices import ClosedReason, Priority, Status
from reports.models import Report
from reports.receipts import normalize_tracking_number

from .models import Agency, Case, ReferralStatus, officer_name
from .permissions import triage_officers


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return officer_name(user)


def officer_field(required=False):
    return OfficerChoiceField(
        queryset=triage_officers(), required=required, empty_label=_("Nobody"), label=_("Assign to")
    )


class AssignForm(forms.Form):
    assignee = officer_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = officer_field()


class StatusForm(OutcomeForm):
    """The status, and when closing, the reason and the enforcement outcome (outcomes/forms.py)."""

    field_order = ["status", "closed_reason"]
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    closed_reason = forms.ChoiceField(
        label=_("Reason for closing"), choices=[("", "---------")] + ClosedReason.choices, required=False
    )

    def clean(self):
        return check_closing(self, super().clean())


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class PriorityOverrideForm(forms.Form):
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class TrackingNumberField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        # However it is typed: CF-7KQ2-XW9T, cf7kq2xw9t, 7KQ2-XW9T.
        number = normalize_tracking_number(value) or value.strip().upper()
        report = Report.objects.filter(tracking_number=number).first()
        if report is None:
            raise forms.ValidationError(_("No report has that tracking number."))
        return report


class GoToReportForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("Go to report"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"aria-describedby": "triage-go-help", "autocomplete": "off", "spellcheck": "false"}
        ),
        help_text=_("Tracking number, like CF-7KQ2-XW9T (the CF- and dash are optional)."),
    )


class DuplicateForm(forms.Form):
    original = TrackingNumberField(label=_("Duplicate of (tracking number)"), max_length=20)


class CaseLinkForm(forms.Form):
    case = forms.ModelChoiceField(queryset=Case.objects.all(), required=False, label=_("Existing case"))
    title = forms.CharField(label=_("or a new case titled"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("case") and not (cleaned.get("title") or "").strip():
            raise forms.ValidationError(_("Choose a case or give a title for a new one."))
        return cleaned


def suggested_partner(reports):
    """The one active API partner whose stores hold every listing in `reports`, or None. Only ever a suggestion."""
    suggestions = {Partner.objects.for_listing(report.listing_url) for report in reports}
    if len(suggestions) == 1:
        return suggestions.pop()
    return None


class ReferralForm(forms.Form):
    """Refer to an agency; share through the partner API only with whom the officer ticks or picks.

    Nothing is pre-selected: the suggested API partner (the one whose store the listing is on) is an unticked
    checkbox, and the agency's note and the partner's note are separate fields.
    """

    agency = forms.ChoiceField(label=_("Refer to"), choices=[("", _("Choose who to refer to"))] + Agency.choices)
    note = forms.CharField(
        label=_("Note for the agency"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with the referral for staff. API partners never see it."),
    )
    share_with_suggested = forms.BooleanField(required=False)
    recipient = forms.ModelChoiceField(
        label=_("Share through the partner API with"),
        queryset=Partner.objects.filter(active=True),
        required=False,
        empty_label=_("Nobody"),
        help_text=_(
            "Only for a marketplace or carrier with API access. It will see this report without the reporter's"
            " contact details, order or parcel number, and can answer. It does see the description and the seller:"
            " check they hold no contact details the reporter typed in."
        ),
    )
    partner_note = forms.CharField(
        label=_("Note for the API partner"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the API partner reads with the report. Leave empty when nobody shares it through the API."),
    )

    def __init__(self, *args, suggested=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggested = suggested
        if suggested is None:
            del self.fields["share_with_suggested"]
        else:
            self.fields["share_with_suggested"].label = _("Also share with %(partner)s (listing on %(domains)s)") % {
                "partner": suggested.name,
                "domains": ", ".join(suggested.domain_list),
            }
            self.fields["recipient"].label = _("Or share through the partner API with")
        # A recipient is never pre-selected, whatever initial data a caller passes.
        self.initial.pop("recipient", None)
        self.initial.pop("share_with_suggested", None)

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("recipient")
        if cleaned.get("share_with_suggested"):
            if chosen is not None and chosen != self.suggested:
                raise forms.ValidationError(
                    _("Share with one API partner: untick %(suggested)s or choose Nobody in the list.")
                    % {"suggested": self.suggested.name}
                )
            chosen = self.suggested
        cleaned["shared_with"] = chosen
        if chosen is None and (cleaned.get("partner_note") or "").strip():
            self.add_error(
                "partner_note",
                _("Nobody will read this note: tick an API partner to share with, or leave the note empty."),
            )
        return cleaned


class ReferralUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Referral status"), choices=ReferralStatus.choices)
    outcome = forms.CharField(label=_("Outcome"), max_length=5000, required=False)


class BulkActionForm(OutcomeForm):
    """When closing, the reason and the outcome follow the report page's rules (outcomes/forms.py check_closing):
    an outcome is needed when closing with action taken or no action possible, and given to every report closed.
    Its messages speak of the reports (outcomes.forms.MANY_REPORTS)."""

    field_order = ["action", "scope", "query", "reports", "assignee", "status", "closed_reason"]
    ACTIONS = [
        ("assign", _("Assign to")),
        ("status", _("Change status to")),
        ("duplicate", _("Mark as duplicate of")),
        ("spam", _("Mark as spam")),
    ]
    SELECTED = "selected"
    MATCHING = "matching"
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    scope = forms.ChoiceField(
        label=_("Apply to"),
        choices=[
            (SELECTED, _("The reports ticked below")),
            (MATCHING, _("Every report matching the current filters and search")),
        ],
        initial=SELECTED,
        required=False,
        widget=forms.RadioSelect,
    )
    # The queue's query string when the form was shown: which reports "every report matching" means.
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)
    reports = forms.ModelMultipleChoiceField(queryset=Report.objects.all(), to_field_name="pk", required=False)
    assignee = officer_field()
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, required=False)
    closed_reason = forms.ChoiceField(
        label=_("Reason for closing"), choices=[("", "---------")] + ClosedReason.choices, required=False
    )
    original = TrackingNumberField(label=_("Original (tracking number)"), max_length=20, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = officer_field()

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == "status":
            if not cleaned.get("status"):
                self.add_error("status", _("Choose a status."))
            else:
                check_closing(self, cleaned, MANY_REPORTS)
        elif cleaned.get("outcome"):
            self.add_error("outcome", MANY_REPORTS.outcome_only_when_closed)
        if action == "duplicate" and not cleaned.get("original"):
            self.add_error("original", _("Give the tracking number of the original report."))
        if cleaned.get("scope") != self.MATCHING and not cleaned.get("reports") and "reports" not in self.errors:
            self.add_error(
                "reports",
                _("Tick at least one report, or choose “Every report matching the current filters and search”."),
            )
        return cleaned

    def selection(self):
        """What the bulk job works on: the ticked ids, or the queue's query string."""
        if self.cleaned_data.get("scope") == self.MATCHING:
            return {"query": self.cleaned_data.get("query", "")}
        return {"ids": [report.pk for report in self.cleaned_data["reports"]]}

    def job_parameters(self):
        data = self.cleaned_data
        parameters = {"selection": self.selection()}
        if data["action"] == "assign":
            parameters["assignee_id"] = data["assignee"].pk if data["assignee"] else None
        elif data["action"] == "status":
            parameters.update(status=data["status"], closed_reason=data.get("closed_reason", ""))
            if data.get("outcome"):
                parameters.update(
                    outcome=data["outcome"],
                    outcome_date=data["outcome_date"].isoformat() if data.get("outcome_date") else "",
                    outcome_reference=data.get("outcome_reference", ""),
                )
        elif data["action"] == "duplicate":
            parameters["original_id"] = data["original"].pk
        return parameters
