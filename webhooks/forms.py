from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from .addresses import check_address
from .models import Endpoint

MAX_ENDPOINTS = 5


class EndpointForm(forms.Form):
    url = forms.URLField(
        label=_("Address"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Where CBP sends each new referral, like https://example.com/webhooks/cbp. It must use https."),
        error_messages={
            "required": _("Enter the address of your receiver."),
            "invalid": _("This is not a web address. Write it like https://example.com/webhooks/cbp."),
        },
        widget=forms.URLInput(attrs={"spellcheck": "false", "autocomplete": "url"}),
    )
    description = forms.CharField(
        label=_("Description (optional)"),
        max_length=200,
        required=False,
        help_text=_("For your colleagues, like “takedown queue, production”."),
    )

    def __init__(self, *args, organisation, endpoint=None, **kwargs):
        """`endpoint`: the one being edited (its address and description are the initial values)."""
        self.organisation = organisation
        self.endpoint = endpoint
        if endpoint is not None:
            kwargs.setdefault("initial", {"url": endpoint.url, "description": endpoint.description})
        super().__init__(*args, **kwargs)

    def others(self):
        """The organisation's other endpoints."""
        endpoints = Endpoint.objects.filter(organisation=self.organisation)
        return endpoints.exclude(pk=self.endpoint.pk) if self.endpoint is not None else endpoints

    def clean_url(self):
        url = self.cleaned_data["url"]
        check_address(url)
        if self.others().filter(url=url).exists():
            raise forms.ValidationError(_("Your organisation already has an endpoint with this address."))
        return url

    def clean(self):
        if self.endpoint is None and self.others().count() >= MAX_ENDPOINTS:
            raise forms.ValidationError(
                _("An organisation can have at most %(count)s endpoints. Delete one you no longer use first.")
                % {"count": MAX_ENDPOINTS}
            )
        return super().clean()


class PreferenceForm(forms.Form):
    email_new_referrals = forms.BooleanField(
        label=_("Email me about new referrals"),
        required=False,
        help_text=_("One short email per new referral, with a link to the portal and no report details."),
    )


class RotateSecretForm(forms.Form):
    """When the secret being replaced stops: after the grace period (the usual case) or at once (it leaked)."""

    LATER = "later"
    NOW = "now"

    old_secret = forms.ChoiceField(
        label=_("When should the current secret stop?"),
        widget=forms.RadioSelect,
        initial=LATER,
        error_messages={"required": _("Choose when the current secret stops signing.")},
    )

    # When the secret the administrator saw was made: a second click (or another administrator's roll in between)
    # then changes nothing instead of stopping the secret the receiver still uses.
    made_at = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, endpoint=None, **kwargs):
        super().__init__(*args, **kwargs)
        if endpoint is not None:
            self.fields["made_at"].initial = endpoint.secret_rotated_at.isoformat()
        hours = settings.WEBHOOK_SECRET_GRACE_HOURS
        later = ngettext_lazy(
            "In %(hours)s hour: both secrets sign until then, so your receiver keeps working while you update it",
            "In %(hours)s hours: both secrets sign until then, so your receiver keeps working while you update it",
            "hours",
        ) % {"hours": hours}
        now = _("Now: only if the current secret may have leaked (requests fail until your receiver has the new one)")
        self.fields["old_secret"].choices = [(self.LATER, later), (self.NOW, now)] if hours > 0 else [(self.NOW, now)]
        if hours <= 0:
            self.fields["old_secret"].initial = self.NOW

    @property
    def keep_previous(self):
        return self.cleaned_data["old_secret"] == self.LATER
