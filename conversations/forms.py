"""The officer's question (with its template picker) and the reporter's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reports.forms import textarea
from reports.validation import TEXT_MAX, Errors, clean_text

from .models import QuestionTemplate


def checked_text(value, label):
    """The text as the API and the report form check it (trimmed, no control characters, at most 5,000)."""
    errors = Errors()
    text = clean_text(value, "text", errors, max_length=TEXT_MAX, label=label)
    if errors:
        raise forms.ValidationError(errors["text"])
    return text


class AskForm(forms.Form):
    """An officer's question. With a template picked and no text typed, the template's text in the reporter's
    language is sent (so the form works without JavaScript); with JavaScript, picking fills the text to edit."""

    template = forms.ModelChoiceField(
        label=_("Start from a template (optional)"),
        queryset=QuestionTemplate.objects.all(),
        required=False,
        empty_label=_("No template"),
    )
    text = forms.CharField(
        label=_("Question for the reporter"),
        help_text=_(
            "The reporter reads this on the status page, in the words you write. Do not paste contact details or"
            " other reports."
        ),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, language="en", **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.fields["template"].widget.attrs["data-question-templates"] = "1"
        self.fields["template"].label_from_instance = lambda template: template.title
        self.template_texts = {str(t.pk): t.text_for(language) for t in self.fields["template"].queryset}

    def clean(self):
        cleaned = super().clean()
        if "text" in self.errors:
            return cleaned
        if not cleaned.get("text") and cleaned.get("template"):
            cleaned["text"] = cleaned["template"].text_for(self.language)
        if not cleaned.get("text") and "template" not in self.errors:
            self.add_error("text", _("Write a question, or pick a template."))
        return cleaned

    def clean_text(self):
        return checked_text(self.cleaned_data.get("text") or "", _("the question"))


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        help_text=_("Up to 5,000 characters."),
        required=False,
        strip=False,
        widget=textarea(**{"aria-describedby": "id_text-hint"}),
    )

    def full_clean(self):
        super().full_clean()
        if "text" in self.errors:  # the error message is read with the field, as on the report form
            attrs = self.fields["text"].widget.attrs
            attrs.update({"aria-describedby": "id_text-hint id_text-error", "aria-invalid": "true"})
            attrs["class"] = "usa-textarea usa-textarea--error"

    def clean_text(self):
        text = checked_text(self.cleaned_data.get("text") or "", _("your answer"))
        if not text:
            raise forms.ValidationError(_("Write your answer."))
        return text
