"""The kinds of entity a report can name, and one normaliser per kind.

A normaliser turns what someone typed into the entity's key: two spellings people would read as the same seller,
shop or number get the same key, and text that is not one gets "". The seller, brand, domain and store-address
rules are the ones the importer directory and the triage keys use (reference.sellers, reference.hosts), and the
product identifier is the report form's GTIN rule (reference.gtin); the phone and email rules live here, as no
other app reads those yet.
"""

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


NORMALISERS = {
    EntityKind.SELLER: seller_key,
    EntityKind.DOMAIN: domain_key,
    EntityKind.STORE: store_key,
    EntityKind.BRAND: brand_key,
    EntityKind.PRODUCT: product_key,
    EntityKind.PHONE: phone_key,
    EntityKind.EMAIL: email_key,
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
