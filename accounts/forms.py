from django import forms
from django.utils.translation import gettext_lazy as _


class AppCodeForm(forms.Form):
    """The six-digit code from an authenticator app."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("6 digits. It changes every 30 seconds."),
        max_length=12,
        error_messages={"required": _("Enter the 6-digit code from your authenticator app.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "autofocus": True,
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("The code is 6 digits, for example 123456."))
        return code


class RecoveryCodeForm(forms.Form):
    """One of the single-use recovery codes shown when the second factor was set up."""

    recovery_code = forms.CharField(
        label=_("Recovery code"),
        help_text=_("One of the codes you saved when you set up your second factor. Each works once."),
        max_length=32,
        error_messages={"required": _("Enter one of your recovery codes.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}),
    )


class ConfirmForm(forms.Form):
    """A single box to tick before something that cannot be undone."""

    confirm = forms.BooleanField(
        label=_("Yes, I am sure"),
        error_messages={"required": _("Tick the box to confirm.")},
    )
