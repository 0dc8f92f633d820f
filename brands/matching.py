"""Which registered brands a report is about, and whether it names one of their authorised sellers.

A report's brand is its `brand` field, keyed by the rule targeting uses for brand entities (targeting.kinds
.brand_key); it matches a brand's name or one of its other names. The seller name is keyed by the seller rule
and the listing address by the host rule (reference/), the same keys the importer directory and triage use:

- an authorised seller matches when the report's seller has the same key ("ACME Shop, LLC" is "acme shop");
- an authorised domain matches the listing's host or a subdomain of it ("shop.brand.example" is on
  "brand.example"), never a look-alike ("brand-example.shop", "brandexample.com");
- an authorised store matches a listing under that store's address.

A report that names an authorised seller is "possibly genuine": when the report names registered brands, only
their authorised sellers count; when it names none, any brand's do (the listing is on a brand's own shop).
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from reference.hosts import address_key, host_of, host_suffixes, path_prefixes
from targeting.kinds import brand_key, seller_key

from .models import AuthorisedSeller, Brand, GuideStatus, SellerKind


@dataclass(frozen=True)
class GenuineSign:
    """One reason a report may be about genuine goods."""

    seller: AuthorisedSeller
    reason: str


def brands_named(report):
    """The registered brands the report's brand field names (by name or other name)."""
    key = brand_key(report.brand or "")
    if not key:
        return Brand.objects.none()
    return Brand.objects.filter(Q(key=key) | Q(other_names__key=key)).distinct().select_related("owner")


def _reason(seller, report):
    values = {"brand": seller.brand.name, "value": seller.value}
    if seller.kind == SellerKind.SELLER:
        values["seller"] = report.seller_name
        return _("The seller “%(seller)s” is an authorised seller of %(brand)s (listed as “%(value)s”).") % values
    values["host"] = host_of(report.listing_url)
    if seller.kind == SellerKind.DOMAIN:
        return _("The listing is on %(host)s, an authorised web domain of %(brand)s (%(value)s).") % values
    return _("The listing is in %(value)s, an authorised store of %(brand)s.") % values


def genuine_signs(report, brands=None):
    """[GenuineSign] for the authorised sellers, domains and stores this report names (empty when none)."""
    brands = list(brands_named(report) if brands is None else brands)
    conditions = Q()
    name = seller_key(report.seller_name or "")
    if name:
        conditions |= Q(kind=SellerKind.SELLER, key=name)
    host = host_of(report.listing_url or "")
    if host:
        conditions |= Q(kind=SellerKind.DOMAIN, key__in=host_suffixes(host) or [host])
        key = address_key(report.listing_url)
        if "/" in key:
            conditions |= Q(kind=SellerKind.STORE, key__in=path_prefixes(key))
    if not conditions:
        return []
    sellers = AuthorisedSeller.objects.filter(conditions).select_related("brand")
    if brands:
        sellers = sellers.filter(brand__in=brands)
    return [GenuineSign(seller, _reason(seller, report)) for seller in sellers.order_by("brand__name", "kind", "pk")]


def approved_guides(brands):
    """The approved guides of these brands, with their photos (never a draft, one in review or a rejected one)."""
    from .models import Guide

    return (
        Guide.objects.filter(brand__in=brands, status=GuideStatus.APPROVED)
        .select_related("brand")
        .prefetch_related("photos")
    )
