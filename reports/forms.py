"""One Django form per step of the report form, and the status page's forms.

The forms only collect and render; the rules live in validation.validate_report, which each step runs on its
own fields (and the review step on everything), so the page and the API can never disagree.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from library.models import ProductCategory, alphabetical
from reference.countries import country_choices
from reference.currencies import currency_choices
from reference.us_places import state_choices

from .choices import FoundSellerVia, Language, PaymentMethod, Reason
from .validation import validate_report

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def text_input(**attrs):
    return forms.TextInput(attrs={"class": "usa-input", **attrs})


def textarea(**attrs):
    return forms.Textarea(attrs={"class": "usa-textarea", "rows": 6, **attrs})


def select(choices=(), **attrs):
    return forms.Select(choices=choices, attrs={"class": "usa-select", **attrs})


def text(label, help_text="", widget=None):
    return forms.CharField(
        label=label, help_text=help_text, required=False, strip=False, widget=widget or text_input()
    )


def choice(label, choices, help_text="", **attrs):
    """A select box starting on "- Select -" (nothing chosen)."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        widget=select([("", _("- Select -")), *choices], **attrs),
    )


def yes_no(label, help_text=""):
    return forms.ChoiceField(
        label=label, help_text=help_text, required=False, choices=YES_NO, widget=forms.RadioSelect
    )


def bool_to_choice(value):
    return {True: "yes", False: "no"}.get(value, "")


def choice_to_bool(value):
    return {"yes": True, "no": False}.get(value)


class StepForm(forms.Form):
    """A step: its fields map to contract keys (CONTRACT_KEYS: form field -> contract key, default the same)."""

    CONTRACT_KEYS = {}
    # A field people should leave empty; bots fill it in. Hidden from view and from screen readers.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, language="en", **kwargs):
        self.language = language
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-hint"

    @property
    def honeypot_filled(self):
        return bool(self.is_bound and self.data.get("website", "").strip())

    def contract_key(self, field_name):
        return self.CONTRACT_KEYS.get(field_name, field_name)

    def to_contract(self, values):
        """The step's saved values (form field names) in the contract's shape."""
        return {self.contract_key(name): value for name, value in values.items() if name != "website"}

    def values(self):
        """What to keep in the session: the submitted values, as typed."""
        return {name: self.cleaned_data.get(name) for name in self.fields if name != "website"}

    def clean(self):
        data = super().clean()
        contract = self.to_contract(self.values())
        _cleaned, errors = validate_report(contract, default_language=self.language)
        field_for = {self.contract_key(name): name for name in self.fields}
        for key, messages in errors.items():
            if key in field_for:
                for message in messages:
                    self.add_error(field_for[key], message)
        return data

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["aria-describedby"] = " ".join(
                    filter(None, [widget.attrs.get("aria-describedby"), f"id_{name}-error"])
                )
                widget.attrs["aria-invalid"] = "true"
                if "class" in widget.attrs:
                    widget.attrs["class"] += f" {widget.attrs['class'].split()[0]}--error"


class ProductForm(StepForm):
    title = _("What you bought")
    product_category = forms.CharField(label=_("What kind of product is it?"), required=False, widget=select())
    brand = text(_("Brand (optional)"), _("The brand shown on the product or the listing."))
    product_name = text(_("Product name (optional)"))
    description = text(
        _("What did you buy, and what is wrong with it?"),
        _("For example: “A phone charger. It got very hot and the plug melted.” At least 10 characters."),
        widget=textarea(),
    )
    price_paid = text(_("Price you paid (optional)"), _("Numbers only, like 19.99."), text_input(inputmode="decimal"))
    currency = forms.CharField(label=_("Currency"), required=False, widget=select(), initial="USD")
    purchase_date = text(
        _("Date you bought it (optional)"),
        _("Year-month-day, like 2026-03-15."),
        forms.DateInput(attrs={"class": "usa-input", "type": "date"}),
    )
    still_have_item = yes_no(_("Do you still have the item? (optional)"))
    payment_method = choice(_("How did you pay? (optional)"), PaymentMethod.choices)
    amount_refunded = text(
        _("Amount refunded to you so far (optional)"),
        _("If the seller, the marketplace or your bank gave money back. Numbers only, like 5.00."),
        text_input(inputmode="decimal"),
    )
    # Numbers printed on the product or its box: they let us link reports about the same product.
    upc = text(
        _("Barcode number (UPC or EAN) (optional)"),
        _("The 8 to 14 digits under the barcode, like 0 36000 29145 2."),
        text_input(inputmode="numeric", autocomplete="off", spellcheck="false"),
    )
    model_number = text(_("Model number (optional)"), widget=text_input(autocomplete="off", spellcheck="false"))
    serial_or_lot = text(
        _("Serial or lot number (optional)"),
        _("Often near the barcode or on a sticker, after “S/N”, “LOT” or “Batch”."),
        text_input(autocomplete="off", spellcheck="false"),
    )
    PRODUCT_NUMBERS = ("upc", "model_number", "serial_or_lot")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        categories = alphabetical(ProductCategory.objects.all())
        self.fields["product_category"].widget.choices = [("", _("- Select -"))] + [
            (category.slug, category.display_name) for category in categories
        ]
        self.fields["currency"].widget.choices = currency_choices()

    @property
    def product_numbers_open(self):
        """Whether the folded "numbers on the product" part starts open: it holds a value or an error."""
        return any(self[name].value() or self[name].errors for name in self.PRODUCT_NUMBERS)

    def to_contract(self, values):
        contract = super().to_contract(values)
        contract["still_have_item"] = choice_to_bool(values.get("still_have_item"))
        return contract


class SellerForm(StepForm):
    title = _("Where you bought it")
    CONTRACT_KEYS = {"parcel_tracking_number": "tracking_number"}
    marketplace = text(_("Website or app where you bought it"), _("For example, the name of the online store."))
    seller_name = text(_("Seller's name"), _("The shop or seller name shown on the listing or receipt."))
    listing_url = text(
        _("Web address of the listing"),
        _("Copy it from your browser, starting with https://"),
        text_input(inputmode="url", autocomplete="off"),
    )
    order_number = text(_("Order number (optional)"))
    shipped_from_country = forms.CharField(
        label=_("Country it was shipped from (optional)"), required=False, widget=select()
    )
    carrier = text(_("Delivery company (optional)"), _("For example USPS, UPS, FedEx or DHL."))
    parcel_tracking_number = text(_("Parcel tracking number (optional)"))
    found_seller_via = choice(_("How did you find the seller? (optional)"), FoundSellerVia.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shipped_from_country"].widget.choices = [("", _("- Select -"))] + country_choices(self.language)


class ReasonsForm(StepForm):
    title = _("Why you think it is fake or unsafe")
    reasons = forms.MultipleChoiceField(
        label=_("Why do you think it is fake or unsafe? Choose all that apply."),
        required=False,
        choices=Reason.choices,
        widget=forms.CheckboxSelectMultiple,
    )


class HarmForm(StepForm):
    title = _("Harm")
    harm = yes_no(_("Was anyone hurt or made sick, or was property damaged?"))
    harm_description = text(
        _("If yes: what happened?"),
        _("Who was hurt or what was damaged, and how. Leave this empty if no one was harmed."),
        widget=textarea(),
    )

    def to_contract(self, values):
        contract = super().to_contract(values)
        contract["harm"] = choice_to_bool(values.get("harm"))
        return contract


class PhotosForm(StepForm):
    """Files are handled by the view (see uploads.py); this form carries only the honeypot."""

    title = _("Photos and documents")


class AboutForm(StepForm):
    title = _("About you")
    CONTRACT_KEYS = {
        "contact_name": "contact.name",
        "contact_email": "contact.email",
        "contact_phone": "contact.phone",
    }
    anonymous = forms.BooleanField(label=_("Report anonymously"), required=False)
    contact_name = text(_("Your name (optional)"), widget=text_input(autocomplete="name"))
    contact_email = text(
        _("Your email (optional)"),
        _("We send a confirmation with your tracking number, and may write if we have questions."),
        forms.EmailInput(attrs={"class": "usa-input", "autocomplete": "email"}),
    )
    contact_phone = text(_("Your phone number (optional)"), widget=text_input(type="tel", autocomplete="tel"))
    share_contact_with_marketplace = forms.BooleanField(
        label=_("You may give my contact details to the marketplace, so it can contact me about a refund"),
        required=False,
    )
    share_contact_with_agencies = forms.BooleanField(
        label=_("You may give my contact details to a federal agency you send my report to, so it can contact me"),
        required=False,
    )
    reporter_state = choice(
        _("State or territory where you live (optional)"),
        (),
        _("It tells us where fake and unsafe products reach people."),
        autocomplete="address-level1",
    )
    reporter_zip = text(
        _("ZIP code (optional)"),
        _("5 digits, like 20229."),
        text_input(inputmode="numeric", autocomplete="postal-code"),
    )
    preferred_language = forms.ChoiceField(
        label=_("Language we should use with you"), required=False, choices=Language.choices, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that CBP may use this report, and the contact details I gave, as the privacy notice describes."
        ),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporter_state"].widget.choices = [("", _("- Select -")), *state_choices()]

    def to_contract(self, values):
        contract = {key: value for key, value in super().to_contract(values).items() if not key.startswith("contact.")}
        contract["contact"] = {
            key: values.get(f"contact_{key}") for key in ("name", "email", "phone") if values.get(f"contact_{key}")
        }
        return contract


class StatusLookupForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("Tracking number"),
        help_text=_("It looks like CF-7KQ2-XW9T."),
        max_length=40,
        widget=text_input(autocomplete="off", spellcheck="false"),
    )
    receipt_key = forms.CharField(
        label=_("Receipt key"),
        help_text=_("The 20-character key we showed you when you sent the report."),
        max_length=60,
        widget=text_input(autocomplete="off", spellcheck="false"),
    )


class AdditionForm(forms.Form):
    text = forms.CharField(
        label=_("What would you like to add? (optional)"),
        required=False,
        strip=False,
        widget=textarea(),
    )
