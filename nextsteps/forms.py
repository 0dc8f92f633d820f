"""The editing form for a next-step rule: ticked lists for how people paid and their reasons; links are https only."""

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from reports.choices import PaymentMethod, Reason

HTTPS_ONLY = URLValidator(schemes=["https"], message=_("Enter a full address starting with https://"))


class NextStepForm(WagtailAdminModelForm):
    payment_methods = forms.MultipleChoiceField(
        label=_("Paid with"),
        choices=PaymentMethod.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when the reporter paid one of these ways. None ticked: however they paid, or if not said."),
    )
    reasons = forms.MultipleChoiceField(
        label=_("Reasons"),
        choices=Reason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only when the reporter gave at least one of these reasons. None ticked: any reasons."),
    )
