"""Search parameters, validated the same way for the page and the JSON API."""

from django import forms
from django.utils.translation import gettext_lazy as _

from library.models import Kind

from .lookups import topic_slugs
from .params import AUDIENCES, LANGUAGES, MAX_PAGE, SORTS, SearchParams


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, strip=True)
    topic = forms.MultipleChoiceField(required=False)
    kind = forms.MultipleChoiceField(required=False, choices=Kind.choices)
    audience = forms.MultipleChoiceField(required=False, choices=AUDIENCES)
    language = forms.MultipleChoiceField(required=False, choices=LANGUAGES)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    sort = forms.ChoiceField(required=False, choices=SORTS)
    # "Search instead for ...": the words as typed, not their spelling correction.
    as_typed = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [(slug, slug) for slug in topic_slugs()]
        self.fields["q"].error_messages["max_length"] = _("Search for at most 200 characters.")
        self.fields["page"].error_messages.update(
            invalid=_("The page must be a whole number."),
            min_value=_("The page must be 1 or more."),
            max_value=_("Only the first %(limit_value)s pages of results are available; narrow your search."),
        )
        for name in ("topic", "kind", "audience", "language"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "“%(value)s” is not one of the choices; leave it out or pick one from the filters."
            )
        self.fields["sort"].error_messages["invalid_choice"] = _("Sort by “relevance” or “newest”.")

    def clean_q(self):
        value = self.cleaned_data["q"]
        if any(ord(ch) < 32 for ch in value):
            raise forms.ValidationError(_("Remove control characters from the search."))
        return " ".join(value.split())

    def params(self):
        data = self.cleaned_data
        return SearchParams(
            query=data["q"],
            topics=data["topic"],
            kinds=data["kind"],
            audiences=data["audience"],
            languages=data["language"],
            page=data["page"] or 1,
            sort=data["sort"] or "relevance",
            as_typed=data["as_typed"],
        )
