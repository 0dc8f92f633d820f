"""Forms: the admin form (status changes need a reason), the public directory and "Check a seller", CSV upload,
and the staff's renewal decision and consent-on-paper forms."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from reference import hosts
from reference.countries import COUNTRY_CODES, country_choices

from .models import IdentifierKind, ImporterIdentifier, Program, identifier_key

MAX_PAGE = 500
MAX_CSV_BYTES = 5 * 1024 * 1024


class ImporterAdminForm(WagtailAdminModelForm):
    status_reason = forms.CharField(
        label=_("Reason for the status"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required when you change the status: say why (for example the audit that found a problem). "
            "It is kept in the vetting history with your name."
        ),
    )
    message_for_importer = forms.CharField(
        label=_("Message for the importer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Optional, with a status change: what the importer's users read in the partner portal beside the date "
            "and the new status. Write it for them; nothing internal."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial_status = self.instance.status if self.instance.pk else None
        if "country" in self.fields:
            # The model's choices are the English names; staff see them in their own admin language.
            blank = [choice for choice in self.fields["country"].choices if choice[0] == ""]
            self.fields["country"].choices = blank + country_choices()

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        reason = (cleaned.get("status_reason") or "").strip()
        if self.initial_status and status and status != self.initial_status and not reason:
            self.add_error("status_reason", _("Say why the status changes; the reason is kept in the history."))
        return cleaned

    def is_valid(self):
        # The address formset is cleaned after this form's clean(), so addresses are checked here.
        valid = super().is_valid()
        return self._check_identifiers() and valid

    def _check_identifiers(self):
        """Every address is a usable one and belongs to no other importer."""
        formset = self.formsets.get("identifiers")
        if formset is None:
            return True
        valid = True
        seen = {}
        for child in formset.forms:
            data = getattr(child, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not data.get("value"):
                continue
            kind = data.get("kind") or IdentifierKind.DOMAIN
            try:
                key = identifier_key(kind, data["value"])
            except hosts.AddressError as error:
                child.add_error("value", str(error).capitalize() + ".")
                valid = False
                continue
            if (kind, key) in seen:
                child.add_error("value", _("This address is listed twice."))
                valid = False
                continue
            seen[(kind, key)] = child
            taken = ImporterIdentifier.objects.filter(kind=kind, match_key=key)
            if self.instance.pk:
                taken = taken.exclude(importer=self.instance)
            owner = taken.select_related("importer").first()
            if owner:
                child.add_error(
                    "value",
                    _("%(key)s already belongs to %(importer)s.") % {"key": key, "importer": owner.importer},
                )
                valid = False
        return valid

    def save(self, commit=True):
        reason = (self.cleaned_data.get("status_reason") or "").strip()
        self.instance._vetting_reason = reason
        self.instance._vetting_message = (self.cleaned_data.get("message_for_importer") or "").strip()
        self.instance._vetting_user = self.for_user if getattr(self, "for_user", None) else None
        return super().save(commit=commit)


class DirectoryForm(forms.Form):
    """The directory's search and filters, and the "Check a seller" box: all GET parameters, all optional."""

    q = forms.CharField(required=False, max_length=200, strip=True, label=_("Name, website or store address"))
    program = forms.MultipleChoiceField(required=False, choices=Program.choices, label=_("Program"))
    country = forms.MultipleChoiceField(required=False, label=_("Country"))
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    seller = forms.CharField(required=False, strip=True, label=_("Seller's web address"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices()
        self.fields["q"].error_messages["max_length"] = _("Search for at most 200 characters.")
        self.fields["program"].error_messages["invalid_choice"] = _("Pick a program from the list.")
        self.fields["country"].error_messages["invalid_choice"] = _("Pick a country from the list.")
        self.fields["page"].error_messages.update(
            invalid=_("The page must be a whole number."),
            min_value=_("The page must be 1 or more."),
            max_value=_("There are not that many pages; narrow your search."),
        )

    def clean_q(self):
        value = self.cleaned_data["q"]
        if any(ord(ch) < 32 for ch in value):
            raise ValidationError(_("Remove control characters from the search."))
        return " ".join(value.split())

    def clean_country(self):
        return [code for code in self.cleaned_data["country"] if code in COUNTRY_CODES]

    def clean_seller(self):
        value = self.cleaned_data["seller"]
        if not value:
            return ""
        if len(value) > hosts.MAX_ADDRESS_LENGTH:
            raise ValidationError(
                _("That address is too long (%(length)s characters). Paste only the seller's web address.")
                % {"length": len(value)}
            )
        try:
            hosts.parse_address(value)
        except hosts.AddressError as error:
            raise ValidationError(
                _(
                    "We could not read that as a web address. Paste the address of the seller's website or "
                    "marketplace store, like example.com or https://www.marketplace.example/shops/name."
                )
            ) from error
        return value

    def params(self):
        from .directory import DirectoryParams

        data = self.cleaned_data
        return DirectoryParams(
            query=data["q"], programs=data["program"], countries=data["country"], page=data["page"] or 1
        )


class CSVUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 CSV with a header row; at most 5 MB. The columns are described below."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise ValidationError(_("The file is larger than 5 MB; split it into smaller files."))
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ValidationError(_("The file is not UTF-8 text; save it as “CSV UTF-8” and try again.")) from error
        if "\x00" in text:
            raise ValidationError(_("The file is not a CSV text file."))
        return text


class RenewalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Renew")), ("refuse", _("Do not renew"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to renew.")},
    )
    valid_until = forms.DateField(
        label=_("New “valid until” date"),
        required=False,
        help_text=_("Required to renew: the day the renewed vetting ends."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reason = forms.CharField(
        label=_("Reason (staff only)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the vetting history with your name; never shown to the importer."),
        error_messages={"required": _("Say why; the reason is kept in the vetting history.")},
    )
    message_for_importer = forms.CharField(
        label=_("Message for the importer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the importer's users in the partner portal. Say what they need to do, if anything."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "approve":
            valid_until = cleaned.get("valid_until")
            if not valid_until:
                self.add_error("valid_until", _("Give the new “valid until” date to renew."))
            elif valid_until <= timezone.localdate():
                self.add_error("valid_until", _("The new “valid until” date must be after today."))
        return cleaned


class PaperConsentForm(forms.Form):
    given = forms.TypedChoiceField(
        label=_("What the importer said"),
        choices=[("yes", _("Consents to be listed")), ("no", _("Withdraws consent"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the importer consents or withdraws.")},
    )
    given_by = forms.CharField(
        label=_("Signed by"),
        max_length=200,
        help_text=_("The name and role of the person at the importer who signed."),
        error_messages={"required": _("Give the name of the person who signed.")},
    )
    given_on = forms.DateField(
        label=_("Date on the form"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Give the date on the signed form.")},
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example where the signed form is filed."),
    )

    def clean_given_on(self):
        value = self.cleaned_data["given_on"]
        if value > timezone.localdate():
            raise ValidationError(_("The date on the form cannot be in the future."))
        return value
