"""The decision for existing entries: after migration 0004 every importer is unlisted until it consents, keeps its
status, and has its own verification ID."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("importers", "0003_translated_field_labels")]
AFTER = [("importers", "0004_listing_consent_and_renewals")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_entries_leave_the_public_directory_until_they_consent():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    Importer = executor.loader.project_state(BEFORE).apps.get_model("importers", "Importer")
    for number in range(3):
        Importer.objects.create(
            legal_name=f"Old Entry {number} LLC",
            name_key=f"old entry {number}",
            country="US",
            program="ctpat_trade_compliance",
            status="trusted",
            vetted_on="2026-01-01",
            valid_until="2030-01-01",
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    Importer = executor.loader.project_state(AFTER).apps.get_model("importers", "Importer")
    rows = list(Importer.objects.values("listing_consent", "status", "verification_id"))
    assert len(rows) == 3
    assert {row["listing_consent"] for row in rows} == {False}
    assert {row["status"] for row in rows} == {"trusted"}
    ids = [row["verification_id"] for row in rows]
    assert len(set(ids)) == 3 and all(i and i.startswith("VI-") for i in ids)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from importers.models import Importer as Current

    assert Current.objects.count() == 3
    assert not Current.objects.publicly_listed().exists()
