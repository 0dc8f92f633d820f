"""Does a seller's address (or name) belong to an importer in the directory?

`match_seller()` is for staff: it finds importers whatever their status, so staff can see that a reported
seller uses, or claims, the name or address of a suspended or revoked importer. `check_address()` is the
public "Check a seller" box: only importers that are listed publicly (trusted and currently valid) count,
and nothing about any other status is ever said.
"""

from dataclasses import dataclass

from django.db.models import Q

from reference import hosts
from reference.sellers import seller_name_key

from .models import IdentifierKind, Importer, ImporterIdentifier, TradeName


def _identifier_match(host, key, importers):
    """The most specific identifier the address falls under: a store path beats a whole domain."""
    store = (
        ImporterIdentifier.objects.filter(
            kind=IdentifierKind.STORE_URL,
            match_key__in=hosts.path_prefixes(key),
            importer__in=importers,
        )
        .select_related("importer")
        .order_by()
    )
    best = max(store, key=lambda identifier: len(identifier.match_key), default=None)
    if best:
        return "store_url", best
    domain = (
        ImporterIdentifier.objects.filter(
            kind=IdentifierKind.DOMAIN,
            match_key__in=hosts.host_suffixes(host),
            importer__in=importers,
        )
        .select_related("importer")
        .order_by()
    )
    best = max(domain, key=lambda identifier: len(identifier.match_key), default=None)
    if best:
        return "domain", best
    return None, None


def importers_named(seller_name, importers=None):
    """Importers whose legal name or a trade name is the given name (case, punctuation, 'Inc.'... ignored)."""
    key = seller_name_key(seller_name)
    if not key:
        return Importer.objects.none()
    importers = importers if importers is not None else Importer.objects.all()
    by_trade_name = TradeName.objects.filter(name_key=key).values("importer_id")
    return importers.filter(Q(name_key=key) | Q(pk__in=by_trade_name)).distinct()


def match_seller(url: str = "", seller_name: str = "") -> dict:
    """For staff: which importer, if any, this seller's address or name belongs to.

    Returns {"match": "store_url" | "domain" | "name" | None, "importer": Importer | None,
    "status": the importer's status or None, "publicly_listed": bool, "claims_name": bool,
    "name_matches": [importers whose name the seller uses], "key": the normalised address or "",
    "error": why the address could not be read, or ""}.

    `claims_name` is true when the seller name is the name of an importer in the directory; when the
    address matched a different importer (or none), that is a sign of impersonation.
    """
    result = {
        "match": None,
        "importer": None,
        "status": None,
        "publicly_listed": False,
        "claims_name": False,
        "name_matches": [],
        "key": "",
        "error": "",
    }
    importers = Importer.objects.all()
    if url and url.strip():
        try:
            host, key = hosts.parse_address(url)
        except hosts.AddressError as error:
            result["error"] = str(error)
        else:
            result["key"] = key
            kind, identifier = _identifier_match(host, key, importers)
            if identifier:
                result.update(match=kind, importer=identifier.importer)
    if seller_name and seller_name.strip():
        named = list(importers_named(seller_name, importers).order_by("legal_name"))
        result["name_matches"] = named
        result["claims_name"] = bool(named)
        if result["importer"] is None and named:
            result.update(match="name", importer=named[0])
    if result["importer"] is not None:
        result["status"] = result["importer"].status
        result["publicly_listed"] = result["importer"].is_publicly_listed()
    return result


@dataclass
class PublicCheck:
    key: str
    importer: Importer | None = None
    match: str | None = None

    @property
    def found(self):
        return self.importer is not None


def check_address(address):
    """For the public: the listed importer this address belongs to, or none. Raises hosts.AddressError."""
    host, key = hosts.parse_address(address)
    kind, identifier = _identifier_match(host, key, Importer.objects.publicly_listed())
    return PublicCheck(key=key, importer=identifier.importer if identifier else None, match=kind)
