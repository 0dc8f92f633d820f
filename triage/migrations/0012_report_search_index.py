"""The GIN index over the queue's full-text column (PostgreSQL only), built concurrently, then fresh
planner statistics for the new columns."""

from django.db import migrations

from website.concurrent_indexes import RunSQLOnPostgreSQL


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("triage", "0011_report_search_document"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            sql="CREATE INDEX CONCURRENTLY IF NOT EXISTS report_search_document_idx "
            "ON reports_report USING gin (search_document)",
            reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS report_search_document_idx",
        ),
        RunSQLOnPostgreSQL(sql="ANALYZE reports_report", reverse_sql=migrations.RunSQL.noop),
    ]
