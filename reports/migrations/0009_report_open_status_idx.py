"""The queue sorted by status (open reports only), and planner statistics for its marketplace filter.

The marketplace filter matches part of the name, case aside (`UPPER(marketplace) LIKE '%...%'`). Without
statistics on that expression PostgreSQL guessed a handful of rows, sorted all the matches (a fifth of the
reports) and took over a second at a million; with them it walks the queue's order index and stops at a page.
"""

from django.db import migrations, models

from website.concurrent_indexes import AddIndexConcurrently, RunSQLOnPostgreSQL


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("reports", "0008_report_queue_indexes"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="report",
            index=models.Index(
                condition=models.Q(("status", "closed"), _negated=True),
                fields=["status", "submitted_at"],
                name="report_open_status_idx",
            ),
        ),
        RunSQLOnPostgreSQL(
            sql="CREATE STATISTICS IF NOT EXISTS report_marketplace_upper_stats "
            "ON (UPPER(marketplace::text)) FROM reports_report",
            reverse_sql="DROP STATISTICS IF EXISTS report_marketplace_upper_stats",
        ),
    ]
