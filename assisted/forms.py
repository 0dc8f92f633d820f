"""The one-page form staff fill in while a reporter tells them about a purchase by phone, letter or TTY.

It holds the public form's questions (the same step forms, so the same labels and rules: validation.validate_report)
plus how the report came in, and the officer's confirmation that the reporter agreed to the privacy notice.
"""

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from reports import forms as report_forms
from reports.choices import ASSISTED_SOURCES, Source
from reports.validation import validate_report

STEP_FORMS = (
    report_forms.ProductForm,
    report_forms.SellerForm,
    report_forms.ReasonsForm,
    report_forms.HarmForm,
    report_forms.AboutForm,
)
# The questions in the order an officer asks them, in sections with a heading.
SECTIONS = [
    (_("How the report came in"), ["source"]),
    (
        _("What they bought"),
        [
            "product_category",
            "description",
            "brand",
            "product_name",
            "price_paid",
            "currency",
            "payment_method",
            "amount_refunded",
            "purchase_date",
            "still_have_item",
            "upc",
            "model_number",
            "serial_or_lot",
        ],
    ),
    (
        _("Where they bought it"),
        [
            "marketplace",
            "seller_name",
            "listing_url",
            "order_number",
            "shipped_from_country",
            "carrier",
            "parcel_tracking_number",
            "found_seller_via",
        ],
    ),
    (_("Why they think it is fake or unsafe"), ["reasons", "harm", "harm_description"]),
    (
        _("About the reporter"),
        [
            "anonymous",
            "contact_name",
            "contact_email",
            "contact_phone",
            "share_contact_with_marketplace",
            "share_contact_with_agencies",
            "reporter_state",
            "reporter_zip",
            "preferred_language",
            "consent",
        ],
    ),
]


class AssistedReportForm(forms.Form):
    source = forms.ChoiceField(
        label=_("How did the report come in?"),
        choices=[(source.value, source.label) for source in ASSISTED_SOURCES],
        widget=forms.RadioSelect,
    )
    # A one-time token: sending the same form twice (a double click) saves one report.
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, language="en", **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.step_forms = [form_class(language=language) for form_class in STEP_FORMS]
        for step_form in self.step_forms:
            for name, field in step_form.fields.items():
                if name != "website":
                    # The public form's hint ids (id_<name>-hint) do not exist in the admin's own field layout.
                    field.widget.attrs.pop("aria-describedby", None)
                    self.fields[name] = field
        self.fields["consent"].label = _(
            "The reporter agreed that CBP may use this report and their contact details, as the privacy notice"
            " describes (read it to them, or they signed it on paper)."
        )
        self.fields["preferred_language"].initial = "en"
        self.fields["currency"].initial = "USD"
        if not self.is_bound:
            self.initial.setdefault("token", secrets.token_urlsafe(24))
        self.cleaned_report = None

    def sections(self):
        return [(heading, [self[name] for name in names]) for heading, names in SECTIONS]

    def contract(self):
        """The answers in the contract's shape (shared/report-api.md), built by each step form."""
        values = {name: self.cleaned_data.get(name) for name in self.fields}
        contract = {}
        for step_form in self.step_forms:
            own = {name: values.get(name) for name in step_form.fields if name != "website"}
            contract.update(step_form.to_contract(own))
        return contract

    def clean(self):
        data = super().clean()
        cleaned, errors = validate_report(self.contract(), default_language=self.language)
        for key, messages in errors.items():
            field = self._field_for(key)
            for message in messages:
                self.add_error(field, message)
        self.cleaned_report = cleaned
        return data

    def _field_for(self, key):
        for step_form in self.step_forms:
            for name in step_form.fields:
                if step_form.contract_key(name) == key:
                    return name
        return None

    @property
    def source_value(self):
        return Source(self.cleaned_data["source"])
