"""Fictional importers for the demo site. Every name is made up and every address uses reserved example domains.

`load_demo_importers()` adds the ones that are missing (matched on their external ID) and changes nothing else,
so it can run any number of times. Every demo importer consents to be listed (recorded as "Demo data"), so the
demo directory is not empty; a demo importer that has no consent record yet (a demo site made before consent
existed) gets one too.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .consent import record_consent
from .models import ConsentSource, IdentifierKind, Importer, ImporterIdentifier, Program, TradeName, VettingStatus

# (external_id, legal name, trade names, domains, store URLs, country, program, status, vetted days ago,
#  valid for days from today, public notes)
DEMO_IMPORTERS = [
    (
        "DEMO-0001",
        "Northwind Example Trading Co.",
        ["Northwind Chargers"],
        ["northwind.example"],
        ["https://marketplace.example/shops/northwind"],
        "US",
        Program.CTPAT_TRADE_COMPLIANCE,
        VettingStatus.TRUSTED,
        200,
        530,
        "Fictional demo importer of phone chargers and power banks.",
    ),
    (
        "DEMO-0002",
        "Contoso Sample Imports LLC",
        ["Contoso Beauty"],
        ["contoso-sample.example"],
        ["https://shop.example.net/store/contoso-beauty"],
        "MX",
        Program.CTPAT_SECURITY,
        VettingStatus.TRUSTED,
        90,
        640,
        "Fictional demo importer of cosmetics.",
    ),
    (
        "DEMO-0003",
        "Tailspin Toys Example Inc.",
        ["Tailspin Toys"],
        ["tailspin-toys.example"],
        ["https://marketplace.example/shops/tailspin-toys"],
        "CA",
        Program.TRUSTED_TRADER,
        VettingStatus.TRUSTED,
        30,
        700,
        "Fictional demo importer of children's toys.",
    ),
    (
        "DEMO-0004",
        "Fabrikam Demo Goods Ltd.",
        ["Fabrikam Electronics"],
        ["fabrikam-demo.example"],
        [],
        "GB",
        Program.CTPAT_TRADE_COMPLIANCE,
        VettingStatus.SUSPENDED,
        300,
        400,
        "",
    ),
    (
        "DEMO-0005",
        "Adventure Works Example Outfitters",
        [],
        ["adventure-works.example"],
        [],
        "US",
        Program.OTHER,
        VettingStatus.TRUSTED,
        800,
        -20,
        "",
    ),
]


def load_demo_importers():
    """Create the demo importers that do not exist yet. Returns how many were created."""
    today = timezone.localdate()
    created = 0
    for row in DEMO_IMPORTERS:
        external_id, name, trade_names, domains, stores, country, program, status, ago, valid, notes = row
        existing = Importer.objects.filter(external_id=external_id).first()
        if existing is not None:
            if not existing.consent_records.exists():
                record_consent(existing, True, source=ConsentSource.DEMO, given_by="Demo data")
            continue
        with transaction.atomic():
            importer = Importer(
                external_id=external_id,
                legal_name=name,
                country=country,
                program=program,
                vetted_on=today - timedelta(days=ago),
                valid_until=today + timedelta(days=valid),
                public_notes=notes,
            )
            importer.change_status(VettingStatus.TRUSTED, "Demo data: vetted")
            importer.save()
            if status != VettingStatus.TRUSTED:
                importer.change_status(status, "Demo data: audit found problems with import records")
                importer.save()
            for position, trade_name in enumerate(trade_names):
                TradeName.objects.create(importer=importer, name=trade_name, sort_order=position)
            identifiers = [(IdentifierKind.DOMAIN, d) for d in domains] + [
                (IdentifierKind.STORE_URL, s) for s in stores
            ]
            for position, (kind, value) in enumerate(identifiers):
                ImporterIdentifier.objects.create(importer=importer, kind=kind, value=value, sort_order=position)
            record_consent(importer, True, source=ConsentSource.DEMO, given_by="Demo data")
        created += 1
    return created
