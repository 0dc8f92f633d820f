"""Finding importers for the public directory.

`search_directory(params)` answers from Elasticsearch when it is configured and answering, and from the
database otherwise, in the same shape, logging a warning. Both only ever list importers that are trusted,
currently valid (`vetted_on <= today <= valid_until`) and consent to be listed (`listing_consent`); the dates
are compared at query time, so nothing needs reindexing when a date passes. Query bodies are plain functions.
"""

import logging
import math
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from reference import hosts
from search.connection import get_client, index_alias
from search.fallback import with_fallback

from .models import Importer, VettingStatus

logger = logging.getLogger(__name__)

PAGE_SIZE = 20


@dataclass
class DirectoryParams:
    query: str = ""
    programs: list = field(default_factory=list)
    countries: list = field(default_factory=list)
    page: int = 1


@dataclass
class DirectoryResults:
    count: int = 0
    importers: list = field(default_factory=list)
    page: int = 1
    backend: str = "database"

    @property
    def num_pages(self):
        return max(1, math.ceil(self.count / PAGE_SIZE))


def address_keys(query):
    """(host, store key) when the query reads as a web address, else (None, None)."""
    if "." not in query or " " in query.strip():
        return None, None
    try:
        return hosts.parse_address(query)
    except hosts.AddressError:
        return None, None


# --- Elasticsearch query body (a pure function) ---------------------------------------------------


def directory_body(params, today):
    filters = [
        {"term": {"status": VettingStatus.TRUSTED.value}},
        {"range": {"vetted_on": {"lte": today.isoformat()}}},
        {"range": {"valid_until": {"gte": today.isoformat()}}},
        {"term": {"listing_consent": True}},
    ]
    if params.programs:
        filters.append({"terms": {"program": params.programs}})
    if params.countries:
        filters.append({"terms": {"country": params.countries}})
    body = {
        "from": (params.page - 1) * PAGE_SIZE,
        "size": PAGE_SIZE,
        "track_total_hits": True,
        "_source": False,
    }
    if params.query:
        should = [
            {
                "multi_match": {
                    "query": params.query,
                    "fields": ["legal_name^3", "trade_names^2", "addresses"],
                    "operator": "and",
                }
            },
            {
                "multi_match": {
                    "query": params.query,
                    "fields": ["legal_name^3", "trade_names^2"],
                    "type": "phrase_prefix",
                }
            },
            {
                "multi_match": {
                    "query": params.query,
                    "fields": ["legal_name", "trade_names"],
                    "fuzziness": "AUTO",
                    "prefix_length": 1,
                    "operator": "and",
                    "boost": 0.5,
                }
            },
        ]
        host, key = address_keys(params.query)
        if host:
            should += [
                {"terms": {"domains": hosts.host_suffixes(host), "boost": 5}},
                {"terms": {"store_urls": hosts.path_prefixes(key), "boost": 6}},
                {"prefix": {"store_urls": {"value": key, "boost": 3}}},
            ]
        body["query"] = {"bool": {"filter": filters, "should": should, "minimum_should_match": 1}}
    else:
        body["query"] = {"bool": {"filter": filters}}
        body["sort"] = [{"legal_name.sort": "asc"}]
    return body


def _listed_in_order(ids, today):
    """The importers for these ids, still listed now (a stale index never shows a suspended importer)."""
    found = {
        importer.pk: importer
        for importer in Importer.objects.publicly_listed(today)
        .filter(pk__in=ids)
        .prefetch_related("trade_names", "identifiers")
    }
    return [found[pk] for pk in ids if pk in found]


def elasticsearch_search(params, today):
    response = get_client().search(index=index_alias("importers"), body=directory_body(params, today))
    ids = [int(hit["_id"]) for hit in response["hits"]["hits"]]
    return DirectoryResults(
        count=response["hits"]["total"]["value"],
        importers=_listed_in_order(ids, today),
        page=params.page,
        backend="elasticsearch",
    )


def database_search(params, today):
    importers = Importer.objects.publicly_listed(today)
    if params.programs:
        importers = importers.filter(program__in=params.programs)
    if params.countries:
        importers = importers.filter(country__in=params.countries)
    if params.query:
        words = params.query.split()
        for word in words:
            importers = importers.filter(
                Q(legal_name__icontains=word)
                | Q(trade_names__name__icontains=word)
                | Q(identifiers__match_key__icontains=word.lower())
            )
        host, key = address_keys(params.query)
        if host:
            by_address = Importer.objects.publicly_listed(today).filter(
                Q(identifiers__kind="domain", identifiers__match_key__in=hosts.host_suffixes(host))
                | Q(identifiers__kind="store_url", identifiers__match_key__in=hosts.path_prefixes(key))
                | Q(identifiers__kind="store_url", identifiers__match_key__startswith=key)
            )
            if params.programs:
                by_address = by_address.filter(program__in=params.programs)
            if params.countries:
                by_address = by_address.filter(country__in=params.countries)
            importers = Importer.objects.filter(Q(pk__in=importers.values("pk")) | Q(pk__in=by_address.values("pk")))
    importers = importers.distinct().order_by("legal_name", "pk")
    count = importers.count()
    start = (params.page - 1) * PAGE_SIZE
    page_rows = list(importers.prefetch_related("trade_names", "identifiers")[start : start + PAGE_SIZE])
    return DirectoryResults(count=count, importers=page_rows, page=params.page, backend="database")


def search_directory(params, today=None):
    today = today or timezone.localdate()
    return with_fallback(
        lambda: elasticsearch_search(params, today),
        lambda: database_search(params, today),
        "the importer directory",
    )
