"""The triage queue's "Possibly genuine" filter: reports naming an authorised seller, web domain or store of any
registered brand, found in the database from the keys triage already keeps for each report (TriageState's
seller_key, listing_host and listing_key: the same normalisers as the registry's keys).

The report's page applies one more rule (matching.py): when the report names a registered brand, only that
brand's authorised sellers count. The filter leaves that out (a report's brand has no stored key), so it can list
a few reports whose page then shows no flag.
"""

from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef, Q, Value
from django.db.models.functions import Concat

from .models import AuthorisedSeller, SellerKind


def _outer(field):
    """The report's key as a text expression a lookup can compare (a bare OuterRef takes no lookups)."""
    return ExpressionWrapper(OuterRef(field), output_field=CharField())


def possibly_genuine_q():
    sellers = AuthorisedSeller.objects.filter(kind=SellerKind.SELLER, key=OuterRef("triage__seller_key"))
    domains = (
        AuthorisedSeller.objects.filter(kind=SellerKind.DOMAIN)
        .alias(host=_outer("triage__listing_host"), subdomain=Concat(Value("."), F("key")))
        .filter(Q(host=F("key")) | Q(host__endswith=F("subdomain")))
    )
    stores = (
        AuthorisedSeller.objects.filter(kind=SellerKind.STORE)
        .alias(listing=_outer("triage__listing_key"), below=Concat(F("key"), Value("/")))
        .filter(Q(listing=F("key")) | Q(listing__startswith=F("below")))
    )
    return Q(Exists(sellers)) | Q(Exists(domains)) | Q(Exists(stores))
