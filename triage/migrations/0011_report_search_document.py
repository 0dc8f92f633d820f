"""PostgreSQL full-text search for the queue when Elasticsearch is not there: a stored tsvector column.

The column is computed by PostgreSQL from the narrative, seller, listing address and brand (English
configuration), so it is always in step. It is not a model field: SQLite (development, tests) has no
column, and the queue searches there with `icontains` (see finding.database_search). Adding it rewrites the
reports table once on PostgreSQL.
"""

from django.db import migrations

from website.concurrent_indexes import RunSQLOnPostgreSQL


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0010_trends_index"),
        ("reports", "0008_report_queue_indexes"),
    ]

    operations = [
        RunSQLOnPostgreSQL(
            sql="""
                ALTER TABLE reports_report ADD COLUMN IF NOT EXISTS search_document tsvector
                GENERATED ALWAYS AS (
                    to_tsvector(
                        'english'::regconfig,
                        description || ' ' || seller_name || ' ' || listing_url || ' ' || brand
                    )
                ) STORED
            """,
            reverse_sql="ALTER TABLE reports_report DROP COLUMN IF EXISTS search_document",
        ),
    ]
