"""Forms for the staff actions on a report, a case, and the bulk actions on the queue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partners.models import Partner as ApiPartner
from reports.choices import ClosedReason, Priority, Status
from reports.models import Report

from .models import Case, Partner, ReferralStatus
from .permissions import triage_officers


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


def officer_field(required=False):
    return OfficerChoiceField(
        queryset=triage_officers(), required=required, empty_label=_("Nobody"), label=_("Assign to")
    )


class AssignForm(forms.Form):
    assignee = officer_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = officer_field()


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    closed_reason = forms.ChoiceField(
        label=_("Reason for closing"), choices=[("", "---------")] + ClosedReason.choices, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.CLOSED and not cleaned.get("closed_reason"):
            self.add_error("closed_reason", _("Choose why the report is closed."))
        return cleaned


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
        report = Report.objects.filter(tracking_number__iexact=value.strip()).first()
        if report is None:
            raise forms.ValidationError(_("No report has that tracking number."))
        return report


class DuplicateForm(forms.Form):
    original = TrackingNumberField(label=_("Duplicate of (tracking number)"), max_length=12)


class CaseLinkForm(forms.Form):
    case = forms.ModelChoiceField(queryset=Case.objects.all(), required=False, label=_("Existing case"))
    title = forms.CharField(label=_("or a new case titled"), max_length=200, required=False)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("case") and not (cleaned.get("title") or "").strip():
            raise forms.ValidationError(_("Choose a case or give a title for a new one."))
        return cleaned


class ReferralForm(forms.Form):
    partner = forms.ChoiceField(label=_("Refer to"), choices=Partner.choices)
    recipient = forms.ModelChoiceField(
        label=_("API partner who reads it"),
        queryset=ApiPartner.objects.filter(active=True),
        required=False,
        help_text=_(
            "Only for a marketplace or carrier with API access. It will see this report without the reporter's"
            " contact details, order or parcel number, and can answer. It does see the description and the seller:"
            " check they hold no contact details the reporter typed in."
        ),
    )
    note = forms.CharField(label=_("Note for the partner"), max_length=5000, required=False, widget=forms.Textarea)


class ReferralUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Referral status"), choices=ReferralStatus.choices)
    outcome = forms.CharField(label=_("Outcome"), max_length=5000, required=False)


class BulkActionForm(forms.Form):
    ACTIONS = [
        ("assign", _("Assign to")),
        ("status", _("Change status to")),
        ("duplicate", _("Mark as duplicate of")),
        ("spam", _("Mark as spam")),
    ]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    reports = forms.ModelMultipleChoiceField(queryset=Report.objects.all(), to_field_name="pk")
    assignee = officer_field()
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, required=False)
    closed_reason = forms.ChoiceField(
        label=_("Reason for closing"), choices=[("", "---------")] + ClosedReason.choices, required=False
    )
    original = TrackingNumberField(label=_("Original (tracking number)"), max_length=12, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"] = officer_field()

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == "status":
            if not cleaned.get("status"):
                self.add_error("status", _("Choose a status."))
            elif cleaned["status"] == Status.CLOSED and not cleaned.get("closed_reason"):
                self.add_error("closed_reason", _("Choose why the reports are closed."))
        if action == "duplicate" and not cleaned.get("original"):
            self.add_error("original", _("Give the tracking number of the original report."))
        return cleaned
