"""The kinds of entity a report can name, and one normaliser per kind.

A normaliser turns what someone typed into the entity's key: two spellings people would read as the same seller,
shop or number get the same key, and text that is not one gets "". The seller, brand, domain and store-address
rules are the ones the importer directory and the triage keys use (reference.sellers, reference.hosts), and the
product identifier is the report form's GTIN rule (reference.gtin); the phone, email and payment-account rules
live here, as no other app reads those yet.

A payment account is what a seller was paid through, as a report gives it: a person-to-person app and the handle
on it (Venmo @name, Cash App $cashtag, Zelle or PayPal email or phone). Never a card number: a report holds none
(the form asks only how someone paid, `Report.payment_method`), and a number that looks like one is refused here,
so one typed into a description never becomes a key.
"""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _

from reference.gtin import normalize_gtin
from reference.hosts import address_key, host_of
from reference.sellers import seller_name_key

PHONE_REGION = "US"  # how a number without its country code is read
MAX_KEY_LENGTH = 500


class EntityKind(models.TextChoices):
    SELLER = "seller", _("Seller")
    DOMAIN = "domain", _("Store domain")
    STORE = "store", _("Store address")
    BRAND = "brand", _("Brand")
    PRODUCT = "product", _("Product identifier (UPC/GTIN)")
    PHONE = "phone", _("Seller phone")
    EMAIL = "email", _("Seller email")
    PAYMENT = "payment", _("Payment account")


def seller_key(text):
    """'ACME Imports, L.L.C.' -> 'acme imports' (the importer directory's name rule)."""
    return seller_name_key(text)[:MAX_KEY_LENGTH]


def brand_key(text):
    """'Nike, Inc.' -> 'nike': a brand is compared as a company name is."""
    return seller_name_key(text)[:MAX_KEY_LENGTH]


def domain_key(text):
    """'https://WWW.Shop.example/x' -> 'shop.example' (the one host rule, reference/hosts.py)."""
    return host_of(text)[:MAX_KEY_LENGTH]


def store_key(text):
    """'https://market.example/Shops/Acme/?ref=1' -> 'market.example/shops/acme'; "" when there is no path
    (a bare domain is a domain, not a store address)."""
    key = address_key(text)
    return key[:MAX_KEY_LENGTH] if key and "/" in key else ""


def product_key(text):
    """A UPC-A, EAN-13, EAN-8 or GTIN-14 as 14 digits ('0 36000 29145 2' -> '00036000291452'); "" when the
    length or the check digit is wrong (reference/gtin.py: the report form's own rule)."""
    digits = normalize_gtin(text or "")
    return digits.zfill(14) if digits else ""


def phone_key(text):
    """A phone number that can exist, in international form ('(202) 555-0143' -> '+12025550143'); "" otherwise.
    A number without a country code is read as a U.S. one."""
    try:
        number = phonenumbers.parse(text or "", PHONE_REGION)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email_key(text):
    """'  Sales@Shop.Example ' -> 'sales@shop.example'; "" for text that is not an email address."""
    text = (text or "").strip().lower()
    try:
        validate_email(text)
    except ValidationError:
        return ""
    return text[:MAX_KEY_LENGTH]


# The payment apps whose accounts are entities, as written -> the key's prefix (and how it is shown).
PAYMENT_SERVICES = {
    "venmo": ("venmo", "Venmo"),
    "cash app": ("cashapp", "Cash App"),
    "cashapp": ("cashapp", "Cash App"),
    "zelle": ("zelle", "Zelle"),
    "paypal": ("paypal", "PayPal"),
}
_SERVICE = re.compile(r"^\s*(venmo|cash\s?app|zelle|paypal)\b[\s:,-]*(?:to\s+|at\s+)?(.+?)\s*$", re.IGNORECASE)
_TAG = re.compile(r"^[@$]?([A-Za-z0-9][A-Za-z0-9_.-]{0,29})$")


def looks_like_card_number(text):
    """13 to 19 digits (spaces and dashes aside) that pass the Luhn check: a payment card's number."""
    digits = re.sub(r"[\s-]", "", text or "")
    if not digits.isdigit() or not 13 <= len(digits) <= 19:
        return False
    total = 0
    for position, digit in enumerate(int(d) for d in reversed(digits)):
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def payment_key(text):
    """'Venmo @Volt-Deals' -> 'venmo:@volt-deals'; 'Cash App $VoltDeals' -> 'cashapp:$voltdeals';
    'Zelle to Pay@Volt.example' -> 'zelle:pay@volt.example'; 'Zelle (202) 555-0143' -> 'zelle:+12025550143'.
    "" for anything else, and always for a card number."""
    match = _SERVICE.match(text or "")
    if not match:
        return ""
    service = PAYMENT_SERVICES[re.sub(r"\s+", " ", match.group(1).lower())][0]
    handle = match.group(2).strip().rstrip(".,;")
    if looks_like_card_number(handle):
        return ""
    if "@" in handle[1:]:
        key = email_key(handle)
    elif re.fullmatch(r"[+(\d][\d\s().-]{6,20}", handle):
        key = phone_key(handle)
    else:
        tag = _TAG.match(handle)
        if not tag or tag.group(1).isdigit():
            return ""
        # Venmo's handles are "@name", Cash App's cashtags "$name" (both case-insensitive); others keep the bare name.
        sign = {"venmo": "@", "cashapp": "$"}.get(service, "")
        key = f"{sign}{tag.group(1).lower()}" if sign else ""
    return f"{service}:{key}"[:MAX_KEY_LENGTH] if key else ""


def shown_payment(key):
    """'cashapp:$voltdeals' -> 'Cash App $voltdeals'."""
    service, _colon, handle = key.partition(":")
    names = {prefix: shown for prefix, shown in PAYMENT_SERVICES.values()}
    if handle.startswith("+"):
        handle = shown_phone(handle)
    return f"{names.get(service, service)} {handle}"


NORMALISERS = {
    EntityKind.SELLER: seller_key,
    EntityKind.DOMAIN: domain_key,
    EntityKind.STORE: store_key,
    EntityKind.BRAND: brand_key,
    EntityKind.PRODUCT: product_key,
    EntityKind.PHONE: phone_key,
    EntityKind.EMAIL: email_key,
    EntityKind.PAYMENT: payment_key,
}


def normalise(kind, text):
    """The key of `text` as an entity of `kind` ("" when it is not one)."""
    return NORMALISERS[EntityKind(kind)](text)


def shown_product(key):
    """How a product identifier is shown: the 12-digit UPC, 13-digit EAN or 8-digit EAN it was written as."""
    stripped = key.lstrip("0")
    for length in (8, 12, 13):
        if len(stripped) <= length:
            return key[-length:]
    return key


def shown_phone(key):
    """'+12025550143' -> '+1 202-555-0143'."""
    try:
        return phonenumbers.format_number(phonenumbers.parse(key), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return key
