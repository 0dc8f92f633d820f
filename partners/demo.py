"""Two fictional API partners for the demo site, on reserved `.example` domains. No keys: staff make those."""

from .models import Partner, PartnerKind

DEMO_PARTNERS = [
    ("BargainMart (demo)", PartnerKind.MARKETPLACE, "bargainmart.example.com"),
    ("SwiftParcel Express (demo)", PartnerKind.CARRIER, ""),
]


def load_demo_partners():
    """Add the demo partners that are missing; returns how many were added."""
    added = 0
    for name, kind, domains in DEMO_PARTNERS:
        _partner, created = Partner.objects.get_or_create(name=name, defaults={"kind": kind, "domains": domains})
        added += created
    return added
