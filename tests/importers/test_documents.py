"""The importers index's documents: a rebuild reads them in batches (three plain queries per batch, no model
instances), and what it builds must be exactly what the outbox builds for one importer."""

from datetime import date

import pytest

from importers.documents import IMPORTERS, ImporterDocument
from importers.models import IdentifierKind, Importer, ImporterIdentifier, TradeName

from .conftest import ImporterFactory, set_status

on_commit_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def importers(db):
    acme = ImporterFactory(
        legal_name="Acme Example Imports LLC",
        country="CA",
        program="ctpat_security",
        vetted_on=date(2026, 1, 5),
        valid_until=date(2027, 1, 4),
        domains=["acme.example", "acme-chargers.example"],
        stores=["https://marketplace.example/shops/acme"],
    )
    # Trade names saved out of their order: the document lists them by their position.
    TradeName.objects.create(importer=acme, name="Acme Power", sort_order=2)
    TradeName.objects.create(importer=acme, name="Acme Chargers", sort_order=1)
    bare = ImporterFactory(legal_name="Bare Example Corp", vetted_on=date(2026, 2, 2), valid_until=date(2026, 12, 31))
    set_status(bare, "suspended")
    others = [ImporterFactory(trade_names=[f"Brand {n}"], domains=[f"other{n}.example"]) for n in range(3)]
    return acme, bare, others


ACME = {
    "legal_name": "Acme Example Imports LLC",
    "trade_names": ["Acme Chargers", "Acme Power"],
    "addresses": ["acme.example", "acme-chargers.example", "marketplace.example shops acme"],
    "domains": ["acme.example", "acme-chargers.example"],
    "store_urls": ["marketplace.example/shops/acme"],
    "country": "CA",
    "program": "ctpat_security",
    "status": "trusted",
    "vetted_on": date(2026, 1, 5),
    "valid_until": date(2027, 1, 4),
    "listing_consent": True,
}
BARE = {
    "legal_name": "Bare Example Corp",
    "trade_names": [],
    "addresses": [],
    "domains": [],
    "store_urls": [],
    "country": "US",
    "program": "ctpat_trade_compliance",
    "status": "suspended",
    "vetted_on": date(2026, 2, 2),
    "valid_until": date(2026, 12, 31),
    "listing_consent": True,
}


def one_by_one():
    """Each importer's document as the outbox builds it: from a model instance, its rows read on their own."""
    return [
        (importer.pk, ImporterDocument.source_for_importer(importer)) for importer in Importer.objects.order_by("pk")
    ]


def test_the_documents_read_in_batches_are_the_ones_built_one_by_one(importers):
    acme, bare, _others = importers
    # Batches of two: importers and their names and addresses split across batch boundaries.
    batches = list(IMPORTERS.batches(2))
    assert [len(batch) for batch in batches] == [2, 2, 1]
    documents = [pair for batch in batches for pair in batch]

    assert documents == one_by_one()
    assert dict(documents)[acme.pk] == ACME
    assert dict(documents)[bare.pk] == BARE
    # The prefetched queryset (what drains and checks of a few importers read) builds the same too.
    assert [(i.pk, IMPORTERS.source(i)) for i in IMPORTERS.queryset()] == documents


def test_a_batch_reads_a_fixed_number_of_queries_whatever_the_importers(importers, django_assert_num_queries):
    # Three queries for five importers with names and addresses: their columns, their trade names, their addresses.
    with django_assert_num_queries(3):
        assert len(IMPORTERS.documents(None, 10)) == 5
    last = max(Importer.objects.values_list("pk", flat=True))
    with django_assert_num_queries(1):
        assert IMPORTERS.documents(last, 10) == []


def test_an_address_of_another_importer_stays_with_it(importers):
    acme, bare, others = importers
    ImporterIdentifier.objects.create(importer=bare, kind=IdentifierKind.DOMAIN, value="bare.example", sort_order=0)
    documents = dict(pair for batch in IMPORTERS.batches(1) for pair in batch)
    assert documents[bare.pk]["domains"] == ["bare.example"]
    assert documents[acme.pk] == ACME


@pytest.mark.elasticsearch
@on_commit_db
def test_a_rebuild_in_small_batches_writes_every_importer_as_expected(importer_index, importers):
    acme, bare, others = importers
    name, count = importer_index.rebuild(batch_size=2)
    assert count == 5
    importer_index.refresh()
    expected = {
        acme.pk: {**ACME, "vetted_on": "2026-01-05", "valid_until": "2027-01-04"},
        bare.pk: {**BARE, "vetted_on": "2026-02-02", "valid_until": "2026-12-31"},
    }
    for pk, document in expected.items():
        assert importer_index.source(pk) == document
    assert importer_index.ids() == {acme.pk, bare.pk, *(other.pk for other in others)}
