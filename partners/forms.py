"""The admin form for an API key: scopes as check boxes; once made, a key can only be renamed or revoked."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Scope


class ApiKeyForm(WagtailAdminModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Give only what the partner needs."),
    )
    revoke = forms.BooleanField(
        label=_("Revoke this key"),
        required=False,
        help_text=_("The key stops working at once. This cannot be undone: make a new key instead."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("partner", "scopes"):
                self.fields[name].disabled = True
            if self.instance.revoked_at:
                del self.fields["revoke"]
        else:
            del self.fields["revoke"]

    def clean_expires_at(self):
        value = self.cleaned_data.get("expires_at")
        if value and value <= timezone.now() and not self.instance.pk:
            raise forms.ValidationError(
                _("Pick a date in the future, or leave it empty for a key that does not expire.")
            )
        return value
