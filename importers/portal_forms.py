"""Forms for importers in the partner portal: consent to be listed, and a renewal application with documents."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.attachments import MAX_FILES, check_files
from reports.validation import CONTROL_CHARACTERS

STATEMENT_MAX = 5000


class ConsentForm(forms.Form):
    listed = forms.TypedChoiceField(
        label=_("Do you want your organisation listed in the public directory of trusted importers?"),
        choices=[
            ("yes", _("Yes: list our name, trade names, websites, country and program publicly")),
            ("no", _("No: do not list us (businesses can still check our status with our verification ID)")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the form's clean_<name> checks them (here: by the report-file rules)."""

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [upload for upload in files if upload]


class RenewalForm(forms.Form):
    statement = forms.CharField(
        label=_("What changed since your last vetting"),
        help_text=_("For example new owners, new addresses or new suppliers. Write “Nothing” if nothing changed."),
        max_length=STATEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say what changed since your last vetting, or write “Nothing”.")},
    )
    documents = MultipleFileField(
        label=_("Documents"),
        help_text=_("Up to %(max)s files: PDFs or photos (JPEG, PNG, WebP, HEIC), each at most 10 MB.")
        % {"max": MAX_FILES},
        widget=MultipleFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp,image/heic"}),
        required=False,
    )

    def clean_statement(self):
        value = self.cleaned_data["statement"].replace("\r\n", "\n").strip()
        if CONTROL_CHARACTERS.search(value):
            raise forms.ValidationError(_("Remove the special (control) characters from the text."))
        return value

    def clean_documents(self):
        """Every file checked and cleaned by the report-file rules before anything is saved."""
        uploads = self.cleaned_data["documents"]
        if not uploads:
            raise forms.ValidationError(_("Add at least one document, such as your program certificate."))
        clean, errors, _too_large = check_files(uploads)
        if errors:
            raise forms.ValidationError([*errors, _("Nothing was sent. Choose the files again.")])
        return clean
