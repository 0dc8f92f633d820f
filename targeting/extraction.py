"""Which entities a report names: from its fields, and phones, emails and product identifiers written in its
description.

`entities_in(report)` gives (kind, key, shown name) triples, each once. A marketplace's own domain (amazon.com) is
not a store domain: thousands of unrelated sellers share it (the rule triage uses for related reports). The
reporter's own phone and email are never entities, even when they wrote them in the description.
"""

import re

import phonenumbers

from reference.hosts import host_of
from reference.marketplaces import is_marketplace_host

from .kinds import (
    PHONE_REGION,
    EntityKind,
    email_key,
    normalise,
    payment_key,
    phone_key,
    product_key,
    shown_payment,
    shown_phone,
    shown_product,
)

MAX_FREE_TEXT = 5000  # the description's own limit: matching never reads more
EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+")
# A product identifier in prose only next to a word that says so: long digit runs in a description are far more
# often order or parcel numbers, and a check digit alone lets one in ten of those through.
PRODUCT_IN_TEXT = re.compile(r"\b(?:UPC|GTIN|EAN|barcode|bar code)\b[^0-9\n]{0,20}(\d[\d -]{6,20}\d)", re.IGNORECASE)


# A payment account in prose: the app's name, then within a few words an @handle, $cashtag, email or phone number.
PAYMENT_IN_TEXT = re.compile(
    r"\b(venmo|cash\s?app|zelle|paypal)\b[^\n@$\d+(]{0,25}?"
    r"([@$][A-Za-z0-9][A-Za-z0-9_.-]{0,29}|[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+"
    r"|\+?\(?\d[\d ().-]{6,20}\d)",
    re.IGNORECASE,
)


def _field_entities(report):
    yield EntityKind.SELLER, report.seller_name, report.seller_name.strip()
    yield EntityKind.BRAND, report.brand, report.brand.strip()
    host = host_of(report.listing_url)
    if host and not is_marketplace_host(host):
        yield EntityKind.DOMAIN, report.listing_url, None
    yield EntityKind.STORE, report.listing_url, None
    yield EntityKind.PRODUCT, report.upc, None


def phones_in(text):
    """The valid phone numbers written in `text`, as keys."""
    matcher = phonenumbers.PhoneNumberMatcher(text[:MAX_FREE_TEXT], PHONE_REGION, leniency=phonenumbers.Leniency.VALID)
    return [phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164) for match in matcher]


def emails_in(text):
    return [key for key in (email_key(found) for found in EMAIL_IN_TEXT.findall(text[:MAX_FREE_TEXT])) if key]


def products_in(text):
    return [key for key in (product_key(found) for found in PRODUCT_IN_TEXT.findall(text[:MAX_FREE_TEXT])) if key]


def payments_in(text):
    """The payment accounts written in `text`, as keys (card numbers never: payment_key refuses them)."""
    found = (payment_key(f"{service} {handle}") for service, handle in PAYMENT_IN_TEXT.findall(text[:MAX_FREE_TEXT]))
    return [key for key in found if key]


def _reporter_keys(report):
    """The reporter's own phone and email keys (never linked as a seller's)."""
    from reports.models import ReporterContact

    try:
        contact = report.contact
    except ReporterContact.DoesNotExist:
        return set()
    return {phone_key(contact.phone), email_key(contact.email)} - {""}


def shown_name(kind, key, typed=None):
    if typed:
        return typed[:200]
    if kind == EntityKind.PRODUCT:
        return shown_product(key)
    if kind == EntityKind.PHONE:
        return shown_phone(key)
    if kind == EntityKind.PAYMENT:
        return shown_payment(key)
    return key[:200]


def entities_in(report):
    """[(kind, key, shown name)] for one report, each (kind, key) once, in a stable order."""
    found = {}
    for kind, text, typed in _field_entities(report):
        key = normalise(kind, text)
        if key:
            found.setdefault((kind, key), shown_name(kind, key, typed))
    own = _reporter_keys(report)
    description = report.description or ""
    for kind, keys in (
        (EntityKind.PHONE, phones_in(description)),
        (EntityKind.EMAIL, emails_in(description)),
        (EntityKind.PRODUCT, products_in(description)),
        (EntityKind.PAYMENT, payments_in(description)),
    ):
        for key in keys:
            if key not in own and key.partition(":")[2] not in own:
                found.setdefault((kind, key), shown_name(kind, key))
    return [(kind, key, shown) for (kind, key), shown in found.items()]
