"""Forms of the referrals part of the partner portal: the inbox's filters, an answer, an answer to many, a CSV."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from reports.validation import Errors, clean_text

from .inbox import Order, Show
from .models import ResponseAction

NOTE_MAX = 2000
# The most referrals one bulk answer may cover (the inbox shows 25 a page).
BULK_MAX = 100


class InboxFilterForm(forms.Form):
    show = forms.ChoiceField(label=_("Show"), choices=Show.choices, required=False)
    order = forms.ChoiceField(label=_("Sort by date"), choices=Order.choices, required=False)

    def values(self):
        """(show, order), falling back to the defaults for anything missing or unknown."""
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("show") or Show.ALL, data.get("order") or Order.NEWEST


class ResponseForm(forms.Form):
    action = forms.ChoiceField(
        label=_("What did you do?"),
        choices=ResponseAction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you did about the referral.")},
    )
    note = forms.CharField(
        label=_("Note for CBP (optional)"),
        help_text=_("Anything CBP should know, like the listing's new state. At most 2,000 characters."),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_note(self):
        # The same rule as the API's note: trimmed, no control characters, at most 2,000 characters.
        errors = Errors()
        note = clean_text(self.cleaned_data.get("note"), "note", errors, max_length=NOTE_MAX, label=_("the note"))
        if errors:
            raise ValidationError([str(message) for message in errors["note"]])
        return note


class BulkResponseForm(ResponseForm):
    referrals = forms.TypedMultipleChoiceField(
        label=_("Referrals"),
        coerce=int,
        error_messages={
            "required": _("Tick at least one referral to answer."),
            "invalid_choice": _("One of the ticked referrals is not a referral number."),
        },
    )

    field_order = ["referrals", "action", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any number is a valid choice here; whether it is one of the organisation's referrals is checked row by
        # row when answering (a referral that is not theirs is reported as not found).
        self.fields["referrals"].valid_value = lambda value: (
            str(value).isascii() and str(value).isdigit() and 0 < int(value) < 2**31
        )

    def clean_referrals(self):
        ids = list(dict.fromkeys(self.cleaned_data["referrals"]))
        if len(ids) > BULK_MAX:
            raise ValidationError(_("Answer at most %(max)s referrals at once.") % {"max": BULK_MAX})
        return ids


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of reports"),
        help_text=_("UTF-8 CSV with a header row naming the columns below; at most 100 reports."),
        error_messages={"required": _("Choose a CSV file to upload."), "empty": _("The file is empty.")},
        widget=forms.FileInput(
            attrs={"accept": ".csv,text/csv", "class": "usa-input", "aria-describedby": "id_file-hint"}
        ),
    )
