"""The outcome fields of the report page's status form, of the case's close form and of the queue's bulk form."""

from typing import NamedTuple

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.choices import ClosedReason, Status

from .codes import OutcomeCode, closed_reason_for

# Closing a report for one of these reasons needs an outcome; the others (duplicate, spam, blank) take none.
NEEDS_OUTCOME = (ClosedReason.ACTIONED, ClosedReason.NO_ACTION)


class ClosingMessages(NamedTuple):
    """What check_closing says, worded for one report (the report page) or for several (the queue's bulk form)."""

    outcome_only_when_closed: str
    choose_reason: str
    choose_outcome: str
    no_outcome_for_reason: str


ONE_REPORT = ClosingMessages(
    outcome_only_when_closed=_("An outcome is recorded only when the report is closed."),
    choose_reason=_("Choose why the report is closed."),
    choose_outcome=_("Choose the outcome: what came of the report."),
    no_outcome_for_reason=_("A report closed as a duplicate, spam or blank has no outcome."),
)
MANY_REPORTS = ClosingMessages(
    outcome_only_when_closed=_("An outcome is recorded only when the reports are closed."),
    choose_reason=_("Choose why the reports are closed."),
    choose_outcome=_("Choose the outcome: what came of the reports."),
    no_outcome_for_reason=_("Reports closed as duplicates, spam or blank have no outcome."),
)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", "---------")] + OutcomeCode.choices,
        required=False,
        help_text=_("What came of it. The reporter reads a plain sentence for it on their status page."),
    )
    outcome_date = forms.DateField(
        label=_("Date of the action (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When the listing was removed, the shipment seized, and so on. Not known: leave it empty."),
    )
    outcome_reference = forms.CharField(
        label=_("Reference number (optional)"),
        max_length=100,
        required=False,
        help_text=_("A seizure, case or takedown number, if there is one."),
    )

    def clean_outcome_date(self):
        day = self.cleaned_data.get("outcome_date")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date of the action cannot be in the future."))
        return day


class CaseCloseForm(OutcomeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["outcome"].help_text = _(
            "Recorded on every report of the case that has no outcome yet (not on duplicates or spam), and the "
            "reports still open are closed."
        )


def check_closing(form, cleaned, says=ONE_REPORT):
    """The status form's rules for the outcome: needed when closing with action taken or no action possible,
    taken as the reason when no reason is chosen, and never given with another status or reason. `says`: the
    wording, for one report or (MANY_REPORTS) for a bulk close."""
    outcome = cleaned.get("outcome")
    status = cleaned.get("status")
    reason = cleaned.get("closed_reason")
    if status != Status.CLOSED:
        if outcome:
            form.add_error("outcome", says.outcome_only_when_closed)
        return cleaned
    if outcome and not reason:
        cleaned["closed_reason"] = reason = closed_reason_for(outcome)
    if not reason:
        form.add_error("closed_reason", says.choose_reason)
    elif reason in NEEDS_OUTCOME and not outcome:
        form.add_error("outcome", says.choose_outcome)
    elif outcome and reason not in NEEDS_OUTCOME:
        form.add_error("outcome", says.no_outcome_for_reason)
    elif outcome and closed_reason_for(outcome) != reason:
        form.add_error(
            "outcome",
            _("This outcome goes with the reason “%(reason)s”.")
            % {"reason": ClosedReason(closed_reason_for(outcome)).label},
        )
    return cleaned
