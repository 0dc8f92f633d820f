"""Indexes for the triage queue: its default order and the filters and sort columns without one.

Built with CREATE INDEX CONCURRENTLY on PostgreSQL, so reports keep arriving while they build.
"""

from django.db import migrations, models

from website.concurrent_indexes import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("reports", "0007_report_priority_rank"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="report",
            index=models.Index(fields=["priority_rank", "submitted_at"], name="report_queue_order_idx"),
        ),
        AddIndexConcurrently(
            model_name="report",
            index=models.Index(fields=["marketplace"], name="report_marketplace_idx"),
        ),
        AddIndexConcurrently(
            model_name="report",
            index=models.Index(fields=["closed_reason"], name="report_closed_reason_idx"),
        ),
        AddIndexConcurrently(
            model_name="report",
            index=models.Index(fields=["shipped_from_country"], name="report_shipped_from_idx"),
        ),
    ]
