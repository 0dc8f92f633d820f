"""What the importers index holds, and its definition for the search app's registry. Core analysis only (standard tokenizer + lowercase; see docs/elasticsearch.md).

Every importer is indexed whatever its status; the public query filters on status, dates and consent to be
listed, so an importer whose `valid_until` passes drops out of the directory without any reindexing. An index
made before `listing_consent` existed lists nobody until each importer is saved again or the index is rebuilt
(a missing field never matches the consent filter), which is the safe side.
"""

from collections import defaultdict

from elasticsearch.dsl import Boolean, Date, Document, Keyword, Text, analyzer

from search.registry import IndexDefinition

importer_text = analyzer("importer_text", tokenizer="standard", filter=["lowercase"])


class ImporterDocument(Document):
    legal_name = Text(analyzer=importer_text, fields={"sort": Keyword(normalizer="lowercase")})
    trade_names = Text(analyzer=importer_text)
    addresses = Text(analyzer=importer_text)
    domains = Keyword()
    store_urls = Keyword()
    country = Keyword()
    program = Keyword()
    status = Keyword()
    vetted_on = Date()
    valid_until = Date()
    listing_consent = Boolean()

    @classmethod
    def source_for_importer(cls, importer):
        """The document's fields as a plain dict (what a rebuild sends, without building a Document)."""
        return importer_source(
            [getattr(importer, name) for name in IMPORTER_FIELDS],
            [trade.name for trade in _prefetched(importer, "trade_names")],
            [(identifier.kind, identifier.match_key) for identifier in _prefetched(importer, "identifiers")],
        )


# The importer's own columns in a document, in the order importer_source() takes them.
IMPORTER_FIELDS = ("legal_name", "country", "program", "status", "vetted_on", "valid_until", "listing_consent")


def importer_source(fields, trade_names, identifiers):
    """One importer's document from its columns (IMPORTER_FIELDS), trade names and (kind, match_key) pairs."""
    legal_name, country, program, status, vetted_on, valid_until, listing_consent = fields
    return dict(
        legal_name=legal_name,
        trade_names=trade_names,
        addresses=[key.replace("/", " ") for _kind, key in identifiers],
        domains=[key for kind, key in identifiers if kind == "domain"],
        store_urls=[key for kind, key in identifiers if kind == "store_url"],
        country=country,
        program=program,
        status=status,
        vetted_on=vetted_on,
        valid_until=valid_until,
        listing_consent=bool(listing_consent),
    )


def _prefetched(importer, relation):
    """The importer's names or addresses: the list indexable_importers() prefetched, else from the database."""
    rows = getattr(importer, f"indexed_{relation}", None)
    return rows if rows is not None else list(getattr(importer, relation).all())


def importer_documents(after_pk, limit):
    """The next `limit` importers' (pk, document) pairs after `after_pk`, for rebuilds and checks.

    Three plain queries per batch (the importers' columns, then their trade names and addresses for that pk
    range) and no model instances: building Importer objects and prefetching through them cost a rebuild
    three quarters of its time.
    """
    from .models import Importer, ImporterIdentifier, TradeName

    importers = Importer.objects.order_by("pk")
    if after_pk is not None:
        importers = importers.filter(pk__gt=after_pk)
    rows = list(importers.values_list("pk", *IMPORTER_FIELDS)[:limit])
    if not rows:
        return []
    between = {"importer_id__gte": rows[0][0], "importer_id__lte": rows[-1][0]}
    names, identifiers = defaultdict(list), defaultdict(list)
    for importer_id, name in (
        TradeName.objects.filter(**between)
        .order_by("importer_id", "sort_order", "pk")
        .values_list("importer_id", "name")
    ):
        names[importer_id].append(name)
    for importer_id, kind, key in (
        ImporterIdentifier.objects.filter(**between)
        .order_by("importer_id", "sort_order", "pk")
        .values_list("importer_id", "kind", "match_key")
    ):
        identifiers[importer_id].append((kind, key))
    return [(pk, importer_source(fields, names[pk], identifiers[pk])) for pk, *fields in rows]


def indexable_importers():
    from django.db.models import Prefetch

    from .models import Importer, ImporterIdentifier, TradeName

    # Prefetched into plain lists (`to_attr`): a prefetched manager per importer made rebuilds 3x slower.
    return Importer.objects.prefetch_related(
        Prefetch("trade_names", queryset=TradeName.objects.all(), to_attr="indexed_trade_names"),
        Prefetch("identifiers", queryset=ImporterIdentifier.objects.all(), to_attr="indexed_identifiers"),
    ).order_by("pk")


IMPORTERS = IndexDefinition(
    name="importers",
    document=ImporterDocument,
    queryset=indexable_importers,
    source=ImporterDocument.source_for_importer,
    documents=importer_documents,
    noun="importer",
    compare_fields=("legal_name", "trade_names", "domains", "store_urls", "status", "valid_until", "listing_consent"),
)
