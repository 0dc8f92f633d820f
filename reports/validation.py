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

from .choices import Language, Reason

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


def clean_price(value, errors):
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        errors.add("price_paid", _("Enter the price as a number like 19.99."))
        return None
    text = str(value).strip().lstrip("$").strip()
    if THOUSANDS.match(text):
        text = text.replace(",", "")
    try:
        price = Decimal(text)
    except InvalidOperation:
        errors.add("price_paid", _("Enter the price as a number like 19.99."))
        return None
    if not price.is_finite():
        errors.add("price_paid", _("Enter the price as a number like 19.99."))
    elif price < 0:
        errors.add("price_paid", _("Enter the price you paid; it cannot be less than zero."))
    elif price > MAX_PRICE:
        errors.add("price_paid", _("Enter a price of 1,000,000 or less."))
    elif price.as_tuple().exponent < -2:
        errors.add("price_paid", _("Enter the price with at most two decimals, like 19.99."))
    else:
        return price.quantize(Decimal("0.01"))
    return None


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
