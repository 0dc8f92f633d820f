"""The agency's outcome and question, and the officer's answer."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from outcomes.codes import OutcomeCode

# An agency's outcome: what it did. "Referred to an agency" is CBP's own step, not an agency's.
AGENCY_OUTCOMES = [(code.value, code.label) for code in OutcomeCode if code != OutcomeCode.REFERRED]


class AgencyOutcomeForm(forms.Form):
    code = forms.ChoiceField(
        label=_("What came of it"),
        choices=AGENCY_OUTCOMES,
        widget=forms.RadioSelect(attrs={"class": "usa-radio__input"}),
    )
    action_date = forms.DateField(
        label=_("Date of the action (optional)"),
        required=False,
        help_text=_("For example 2026-11-30."),
        widget=forms.DateInput(attrs={"type": "date", "class": "usa-input"}),
    )
    reference = forms.CharField(
        label=_("Your reference number (optional)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": "usa-input"}),
    )
    note = forms.CharField(
        label=_("Note for CBP (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"class": "usa-textarea", "rows": 3}),
    )

    def clean_action_date(self):
        value = self.cleaned_data.get("action_date")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date of the action cannot be in the future."))
        return value


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question for CBP"),
        max_length=2000,
        widget=forms.Textarea(attrs={"class": "usa-textarea", "rows": 4}),
    )


class AnswerForm(forms.Form):
    text = forms.CharField(label=_("Answer"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
