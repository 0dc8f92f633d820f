"""Impersonation of a vetted importer: a report whose seller uses the name, a trade name or the web address of an
importer the directory has suspended or revoked.

The names are compared by the importer directory's own name rule (reference.sellers.seller_name_key: case,
punctuation and "Inc."/"LLC" ignored) and the addresses by its host rule (reference.hosts, a subdomain belongs to
its domain), through importers.lookup. A trusted importer's name is not flagged: a seller may well be that importer.
Checked when the priority is computed (triage/state.py), stored on TriageState.impersonates for the watchlist.
"""

from dataclasses import dataclass

from importers.lookup import importers_named
from importers.models import IdentifierKind, Importer, ImporterIdentifier, VettingStatus
from reference import hosts

FLAGGED_STATUSES = (VettingStatus.SUSPENDED, VettingStatus.REVOKED)
NAME, ADDRESS = "name", "address"
UNKNOWN = object()  # "not looked up yet", for state.facts_for


@dataclass(frozen=True)
class Impersonation:
    importer: Importer
    by: str  # NAME (the seller's name is the importer's name or trade name) or ADDRESS (its web address)

    @property
    def status_label(self):
        return VettingStatus(self.importer.status).label


def _flagged():
    return Importer.objects.filter(status__in=FLAGGED_STATUSES)


def _hosts_written(seller_name, listing_url):
    """The hosts the report gives: the listing's, and the seller name's when it is written as a domain."""
    found = []
    name = (seller_name or "").strip()
    if "." in name and " " not in name:
        try:
            found.append(hosts.parse_address(name)[0])
        except hosts.AddressError:
            pass
    listing = hosts.host_of(listing_url or "")
    if listing:
        found.append(listing)
    return found


def find(seller_name="", listing_url=""):
    """The suspended or revoked importer this seller claims to be (by name first, then by address), or None."""
    named = importers_named(seller_name, _flagged()).order_by("legal_name").first() if seller_name else None
    if named:
        return Impersonation(named, NAME)
    suffixes = [suffix for host in _hosts_written(seller_name, listing_url) for suffix in hosts.host_suffixes(host)]
    if suffixes:
        identifier = (
            ImporterIdentifier.objects.filter(
                kind=IdentifierKind.DOMAIN, match_key__in=suffixes, importer__status__in=FLAGGED_STATUSES
            )
            .select_related("importer")
            .order_by("importer__legal_name")
            .first()
        )
        if identifier:
            return Impersonation(identifier.importer, ADDRESS)
    return None


def for_report(report):
    return find(report.seller_name, report.listing_url)
