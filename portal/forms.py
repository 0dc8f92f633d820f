from django import forms
from django.contrib.auth import authenticate, get_user_model, password_validation
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import Role

WRONG_SIGN_IN = _(
    "The email address or password is not right. Check them and try again. After several wrong tries, signing in"
    " is paused for a while."
)


class SignInForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=150,
        error_messages={"required": _("Enter your email address."), "invalid": _("Enter an email address.")},
        widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True, "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        max_length=4096,
        error_messages={"required": _("Enter your password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        # django-axes counts a wrong password against this account and this address, and may lock both.
        user = authenticate(self.request, username=cleaned["email"].lower(), password=cleaned["password"])
        if user is None:
            raise forms.ValidationError(WRONG_SIGN_IN, code="invalid_login")
        self.user = user
        return cleaned


class NewPasswordForm(forms.Form):
    """Name and password for a new portal user, checked by the project's password validators."""

    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        max_length=4096,
        help_text=_("At least 12 characters, hard to guess. A few unrelated words work well."),
        error_messages={"required": _("Choose a password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        max_length=4096,
        error_messages={"required": _("Type the password again.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, email, *args, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second:
            if first != second:
                self.add_error("password2", _("The two passwords are not the same. Type the same password twice."))
            else:
                user = get_user_model()(
                    username=self.email,
                    email=self.email,
                    first_name=cleaned.get("first_name", ""),
                    last_name=cleaned.get("last_name", ""),
                )
                try:
                    password_validation.validate_password(first, user)
                except forms.ValidationError as error:
                    self.add_error("password1", error)
        return cleaned


class InviteForm(forms.Form):
    """An organisation administrator inviting someone to their own organisation."""

    email = forms.EmailField(
        label=_("Email address"),
        max_length=150,
        error_messages={"required": _("Enter the email address of the person to invite.")},
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.RESPONDER, widget=forms.RadioSelect)


class MemberForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, widget=forms.RadioSelect)
    active = forms.BooleanField(
        label=_("Can sign in to the portal"),
        required=False,
        help_text=_("Untick to switch this user off. They are signed out at their next click."),
    )


class NewKeyForm(forms.Form):
    """A new API key for the member's own organisation, optionally replacing one of its keys."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the key is for, like “takedown sync”."),
        error_messages={"required": _("Give the key a name, so you can tell your keys apart.")},
    )
    scopes = forms.MultipleChoiceField(
        label=_("What the key may do"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick at least one thing the key may do.")},
    )
    replaces = forms.ModelChoiceField(
        label=_("Key it replaces"),
        queryset=None,
        required=False,
        empty_label=_("None: an extra key"),
        help_text=_("The old key keeps working until the date below, so you can switch your systems over."),
    )
    old_key_stops_on = forms.DateField(
        label=_("Date the old key stops working"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date, like 12/31/2026.")},
    )

    def __init__(self, *args, organisation, scope_choices, usable_keys, today, last_day, **kwargs):
        super().__init__(*args, **kwargs)
        self.today, self.last_day = today, last_day
        self.fields["scopes"].choices = scope_choices
        self.fields["replaces"].queryset = usable_keys
        self.fields["replaces"].label_from_instance = lambda key: f"{key.name} ({key.prefix}…)"
        stops_on = self.fields["old_key_stops_on"]
        stops_on.widget.attrs.update(min=today.isoformat(), max=last_day.isoformat())
        stops_on.help_text = _(
            "Today (at once) or a date up to %(last)s. It stops at midnight at the start of that day, Eastern time."
        ) % {"last": date_format(last_day, "DATE_FORMAT")}

    def clean(self):
        cleaned = super().clean()
        replaces, day = cleaned.get("replaces"), cleaned.get("old_key_stops_on")
        if replaces and day is None and "old_key_stops_on" not in self.errors:
            self.add_error("old_key_stops_on", _("Choose the date the old key stops working."))
        elif replaces and day and not self.today <= day <= self.last_day:
            self.add_error(
                "old_key_stops_on",
                _("Choose a date from today to %(last)s.") % {"last": date_format(self.last_day, "DATE_FORMAT")},
            )
        elif replaces and day and replaces.expires_at and day > timezone.localdate(replaces.expires_at):
            # A stop date already set (by CBP or earlier) is never pushed back: a key cannot be kept alive for ever.
            self.add_error(
                "old_key_stops_on",
                _("That key already stops working on %(day)s. Choose that date or an earlier one.")
                % {"day": date_format(timezone.localdate(replaces.expires_at), "DATE_FORMAT")},
            )
        return cleaned
