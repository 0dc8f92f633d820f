"""The data migration numbers existing files so they download as report-<tracking number>-file-<n>.<ext>."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("reports", "0002_alter_report_source")]
AFTER = [("reports", "0003_attachment_position_and_cleaning")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_files_get_positions_and_photos_are_marked_rewritten():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Category = apps.get_model("library", "ProductCategory")
    Report = apps.get_model("reports", "Report")
    Attachment = apps.get_model("reports", "Attachment")
    category = Category.objects.create(name="Toys", slug="toys-migration")
    reports = [
        Report.objects.create(
            tracking_number=f"CF-MIGR-000{n}", product_category=category, description="x", consent_at=timezone.now()
        )
        for n in (1, 2)
    ]
    made = {}
    for report, content_type in [
        (reports[0], "image/jpeg"),
        (reports[1], "application/pdf"),
        (reports[0], "application/pdf"),
    ]:
        made.setdefault(report.pk, []).append(
            Attachment.objects.create(
                report=report, file="reports/x", content_type=content_type, size=1, sha256="0"
            ).pk
        )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    Attachment = executor.loader.project_state(AFTER).apps.get_model("reports", "Attachment")
    rows = {row.pk: row for row in Attachment.objects.all()}
    first, second = made[reports[0].pk]
    (only,) = made[reports[1].pk]
    assert (rows[first].position, rows[first].rewritten) == (1, True)
    assert (rows[second].position, rows[second].rewritten) == (2, False)
    assert (rows[only].position, rows[only].rewritten) == (1, False)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
