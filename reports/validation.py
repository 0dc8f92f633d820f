"""The one set of rules for a report (shared/report-api.md), used by the API and by the HTML form.

`validate_report(data)` takes the contract's JSON shape as a plain dict and returns `(cleaned, errors)`:
every problem at once, keyed by field (`contact.email` for contact fields), in words a person can act on.
Unknown keys are ignored; wrong JSON types get a message, never an exception.
"""

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from library.models import ProductCategory
from reference.countries import COUNTRY_CODES
from reference.currencies import CURRENCY_CODES, DEFAULT_CURRENCY
from reference.gtin import GTIN_LENGTHS, compact_gtin, gs1_check_digit, is_valid_gtin
from reference.us_places import US_STATE_CODES, is_zip_code

from .choices import FoundSellerVia, Language, PaymentMethod, Reason

# Control characters other than tab and newline (carriage returns are turned into newlines first).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# 1,234.56 is read as a thousands separator; 19,99 is refused rather than guessed.
THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
EARLIEST_PURCHASE = date(2000, 1, 1)
MAX_PRICE = Decimal("1000000")
DESCRIPTION_MIN, TEXT_MAX = 10, 5000

# field: (maximum length, label used in messages)
SHORT_TEXT_FIELDS = {
    "brand": (200, _("the brand")),
    "product_name": (200, _("the product name")),
    "marketplace": (200, _("the marketplace")),
    "seller_name": (200, _("the seller's name")),
    "order_number": (100, _("the order number")),
    "carrier": (100, _("the carrier")),
    "tracking_number": (100, _("the parcel tracking number")),
    "model_number": (100, _("the model number")),
    "serial_or_lot": (100, _("the serial or lot number")),
}
CONTACT_FIELDS = {"name": (200, _("your name")), "phone": (40, _("your phone number"))}


NOT_UNICODE = _("The body holds text that is not valid Unicode (a lone surrogate such as \\ud800). Send UTF-8 text.")


def is_valid_unicode(text):
    """False for text holding a lone UTF-16 surrogate (JSON allows "\\ud800"; no database stores it)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Errors(dict):
    def add(self, field, message):
        self.setdefault(field, []).append(message)


def clean_text(value, field, errors, *, max_length, label):
    """A trimmed string, or "" for null/absent. Wrong types and control characters are errors."""
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.add(field, _("Enter %(label)s as text.") % {"label": label})
        return ""
    value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not is_valid_unicode(value):
        errors.add(field, _("Remove the characters that are not valid text from %(label)s.") % {"label": label})
        return ""
    if CONTROL_CHARACTERS.search(value):
        errors.add(field, _("Remove the special (control) characters from %(label)s.") % {"label": label})
        return ""
    if len(value) > max_length:
        errors.add(
            field,
            _("Shorten %(label)s to %(max)s characters or fewer (it has %(count)s).")
            % {"label": label, "max": f"{max_length:,}", "count": f"{len(value):,}"},
        )
    return value


def clean_bool(value, field, errors, *, label, default=None):
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "1", "yes", "on"}:
        return True
    if isinstance(value, str) and value.strip().lower() in {"false", "0", "no", "off"}:
        return False
    errors.add(field, _("Answer %(label)s with yes or no (true or false).") % {"label": label})
    return default


PRICE_MESSAGES = {
    "price_paid": {
        "number": _("Enter the price as a number like 19.99."),
        "negative": _("Enter the price you paid; it cannot be less than zero."),
        "too_big": _("Enter a price of 1,000,000 or less."),
        "decimals": _("Enter the price with at most two decimals, like 19.99."),
    },
    "amount_refunded": {
        "number": _("Enter the amount refunded as a number like 19.99."),
        "negative": _("Enter the amount refunded; it cannot be less than zero."),
        "too_big": _("Enter an amount refunded of 1,000,000 or less."),
        "decimals": _("Enter the amount refunded with at most two decimals, like 19.99."),
    },
}


def clean_price(value, errors, field="price_paid"):
    """An amount of money (`price_paid` or `amount_refunded`): 0 to 1,000,000 with at most two decimals."""
    messages = PRICE_MESSAGES[field]
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        errors.add(field, messages["number"])
        return None
    text = str(value).strip().lstrip("$").strip()
    if THOUSANDS.match(text):
        text = text.replace(",", "")
    try:
        price = Decimal(text)
    except InvalidOperation:
        errors.add(field, messages["number"])
        return None
    if not price.is_finite():
        errors.add(field, messages["number"])
    elif price < 0:
        errors.add(field, messages["negative"])
    elif price > MAX_PRICE:
        errors.add(field, messages["too_big"])
    elif price.as_tuple().exponent < -2:
        errors.add(field, messages["decimals"])
    else:
        return price.quantize(Decimal("0.01"))
    return None


def clean_upc(value, errors):
    """A GTIN-8, UPC-A, EAN-13 or GTIN-14 as digits only, with a right check digit; "" when absent."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        errors.add("upc", _("Enter the barcode number as text, like 036000291452."))
        return ""
    code = compact_gtin(value.strip())
    if not code:
        return ""
    if not (code.isascii() and code.isdigit()):
        errors.add("upc", _("Enter only the digits under the barcode (spaces and dashes are fine)."))
    elif len(code) not in GTIN_LENGTHS:
        errors.add(
            "upc",
            _("A barcode number has 8, 12, 13 or 14 digits; this one has %(count)s. Check that you copied all of it.")
            % {"count": len(code)},
        )
    elif not is_valid_gtin(code):
        errors.add(
            "upc",
            _("This barcode number does not add up: its last digit should be %(digit)s. Check each digit again.")
            % {"digit": gs1_check_digit(code[:-1])},
        )
    else:
        return code
    return ""


def clean_choice(value, field, errors, *, choices, message):
    """One of `choices` (a TextChoices class), or "" when absent."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str) or value.strip().lower() not in choices.values:
        errors.add(field, message % {"allowed": ", ".join(choices.values)})
        return ""
    return value.strip().lower()


def clean_zip(value, errors):
    if value is None or value == "":
        return ""
    text = value.strip() if isinstance(value, str) else None
    if text is None or not is_zip_code(text):
        errors.add("reporter_zip", _("Enter a ZIP code of 5 digits, like 20229, or ZIP+4, like 20229-0001."))
        return ""
    return text


def clean_purchase_date(value, errors):
    if value is None or value == "":
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        errors.add("purchase_date", _("Enter the purchase date as year-month-day, like 2026-03-15."))
        return None
    try:
        purchase_date = date.fromisoformat(value.strip())
    except ValueError:
        errors.add("purchase_date", _("Enter a real date, like 2026-03-15."))
        return None
    # The latest date anywhere on Earth (UTC+14), so nobody is told their today is in the future.
    latest = (timezone.now() + timedelta(hours=14)).date()
    if purchase_date > latest:
        errors.add("purchase_date", _("Enter a purchase date that is today or earlier."))
    elif purchase_date < EARLIEST_PURCHASE:
        errors.add("purchase_date", _("Enter a purchase date in 2000 or later."))
    else:
        return purchase_date
    return None


def clean_listing_url(value, errors):
    url = clean_text(value, "listing_url", errors, max_length=2000, label=_("the listing address"))
    if url and "listing_url" not in errors:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors.add(
                "listing_url",
                _("Enter the listing's full web address, starting with http:// or https://, like %(example)s.")
                % {"example": "https://shop.example.com/item/123"},
            )
            return ""
    return url


def clean_code(value, field, errors, *, allowed, message, default=""):
    if value is None or value == "":
        return default
    if not isinstance(value, str) or value.strip().upper() not in allowed:
        errors.add(field, message)
        return default
    return value.strip().upper()


def clean_product_category(value, errors):
    if value is None or value == "":
        errors.add("product_category", _("Choose the product category."))
        return None
    # A slug never holds control characters; don't ask the database about one (PostgreSQL rejects NUL).
    looks_like_slug = isinstance(value, str) and len(value) <= 100 and not CONTROL_CHARACTERS.search(value)
    category = ProductCategory.objects.filter(slug=value).first() if looks_like_slug else None
    if category is None:
        errors.add("product_category", _("Choose a product category from the list."))
    return category


def clean_reasons(value, errors):
    if value is None or value == "":
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        errors.add("reasons", _('Send the reasons as a list of codes, like ["price_too_low", "packaging"].'))
        return []
    unknown = [item for item in value if item not in Reason.values]
    if unknown:
        errors.add(
            "reasons",
            _("Choose reasons from the list. Not on it: %(unknown)s. Allowed: %(allowed)s.")
            % {"unknown": ", ".join(unknown[:5]), "allowed": ", ".join(Reason.values)},
        )
    return [reason for reason in Reason.values if reason in value]


def clean_contact(value, errors):
    if value is None or value == "":
        return {}
    if not isinstance(value, dict):
        errors.add("contact", _("Send contact details as an object with name, email and phone."))
        return {}
    contact = {}
    for key, (max_length, label) in CONTACT_FIELDS.items():
        contact[key] = clean_text(value.get(key), f"contact.{key}", errors, max_length=max_length, label=label)
    contact["email"] = clean_text(value.get("email"), "contact.email", errors, max_length=254, label=_("your email"))
    if contact["email"] and "contact.email" not in errors:
        try:
            EmailValidator()(contact["email"])
        except ValidationError:
            errors.add("contact.email", _("Enter an email address like name@example.com."))
    return {key: text for key, text in contact.items() if text}


def validate_report(data, default_language=Language.ENGLISH):
    """Check a report in the contract's shape. Returns (cleaned, errors); `errors` is empty when it is fine."""
    errors = Errors()
    if not isinstance(data, dict):
        errors.add("body", _("Send the report as a JSON object."))
        return {}, dict(errors)

    cleaned = {"product_category": clean_product_category(data.get("product_category"), errors)}
    for field, (max_length, label) in SHORT_TEXT_FIELDS.items():
        cleaned[field] = clean_text(data.get(field), field, errors, max_length=max_length, label=label)

    description = clean_text(
        data.get("description"), "description", errors, max_length=TEXT_MAX, label=_("the description")
    )
    if "description" not in errors and len(description) < DESCRIPTION_MIN:
        errors.add(
            "description",
            _("Describe what you bought and what is wrong with it (at least %(min)s characters).")
            % {"min": DESCRIPTION_MIN}
            if description
            else _("Describe what you bought and what is wrong with it."),
        )
    cleaned["description"] = description

    cleaned["price_paid"] = clean_price(data.get("price_paid"), errors)
    cleaned["currency"] = clean_code(
        data.get("currency"),
        "currency",
        errors,
        allowed=CURRENCY_CODES,
        message=_("Choose the currency from the list, or send a 3-letter code like USD or MXN."),
        default=DEFAULT_CURRENCY,
    )
    cleaned["purchase_date"] = clean_purchase_date(data.get("purchase_date"), errors)
    cleaned["still_have_item"] = clean_bool(
        data.get("still_have_item"), "still_have_item", errors, label=_("whether you still have the item")
    )
    cleaned["upc"] = clean_upc(data.get("upc"), errors)
    cleaned["payment_method"] = clean_choice(
        data.get("payment_method"),
        "payment_method",
        errors,
        choices=PaymentMethod,
        message=_("Choose how you paid from the list (one of: %(allowed)s)."),
    )
    cleaned["amount_refunded"] = clean_price(data.get("amount_refunded"), errors, field="amount_refunded")
    if (
        cleaned["amount_refunded"] is not None
        and cleaned["price_paid"] is not None
        and cleaned["amount_refunded"] > cleaned["price_paid"]
    ):
        errors.add(
            "amount_refunded",
            _("The amount refunded cannot be more than the price you paid (%(price)s).")
            % {"price": cleaned["price_paid"]},
        )

    cleaned["listing_url"] = clean_listing_url(data.get("listing_url"), errors)
    where = ("marketplace", "seller_name", "listing_url")
    if not any(cleaned[field] for field in where) and not any(field in errors for field in where):
        errors.add(
            "marketplace", _("Give at least one of: the marketplace, the seller's name, or the listing address.")
        )
    cleaned["shipped_from_country"] = clean_code(
        data.get("shipped_from_country"),
        "shipped_from_country",
        errors,
        allowed=COUNTRY_CODES,
        message=_("Choose the country from the list, or send a 2-letter code like CN or MX."),
    )

    cleaned["found_seller_via"] = clean_choice(
        data.get("found_seller_via"),
        "found_seller_via",
        errors,
        choices=FoundSellerVia,
        message=_("Choose how you found the seller from the list (one of: %(allowed)s)."),
    )

    cleaned["reasons"] = clean_reasons(data.get("reasons"), errors)
    cleaned["harm"] = clean_bool(data.get("harm"), "harm", errors, label=_("whether anyone was harmed"), default=False)
    harm_description = clean_text(
        data.get("harm_description"),
        "harm_description",
        errors,
        max_length=TEXT_MAX,
        label=_("what happened"),
    )
    if cleaned["harm"] and not harm_description and "harm_description" not in errors:
        errors.add("harm_description", _("Tell us what happened: who was hurt or what was damaged, and how."))
    cleaned["harm_description"] = harm_description if cleaned["harm"] else ""

    cleaned["anonymous"] = clean_bool(
        data.get("anonymous"), "anonymous", errors, label=_("whether to report anonymously"), default=False
    )
    cleaned["contact"] = {} if cleaned["anonymous"] else clean_contact(data.get("contact"), errors)
    cleaned["reporter_state"] = clean_code(
        data.get("reporter_state"),
        "reporter_state",
        errors,
        allowed=US_STATE_CODES,
        message=_("Choose your state or territory from the list, or send its 2-letter USPS code, like VA or PR."),
    )
    cleaned["reporter_zip"] = clean_zip(data.get("reporter_zip"), errors)
    share = clean_bool(
        data.get("share_contact_with_marketplace"),
        "share_contact_with_marketplace",
        errors,
        label=_("whether we may give your contact details to the marketplace"),
        default=False,
    )
    # Only meaningful with contact details: without them there is nothing to share.
    cleaned["share_contact_with_marketplace"] = bool(share and cleaned["contact"])
    share_with_agencies = clean_bool(
        data.get("share_contact_with_agencies"),
        "share_contact_with_agencies",
        errors,
        label=_("whether we may give your contact details to an agency we send your report to"),
        default=False,
    )
    cleaned["share_contact_with_agencies"] = bool(share_with_agencies and cleaned["contact"])
    cleaned["preferred_language"] = clean_code(
        data.get("preferred_language"),
        "preferred_language",
        errors,
        allowed={code.upper() for code in Language.values},
        message=_("Choose English (en) or Spanish (es)."),
        default=default_language.upper(),
    ).lower()

    if clean_bool(data.get("consent"), "consent", errors, label=_("the consent question")) is not True:
        if "consent" not in errors:
            errors.add("consent", _("Tick the box to agree that we may use your report as described."))

    return cleaned, dict(errors)
