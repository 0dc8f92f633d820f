"""Each related-report key indexed with the report id, so "the reports sharing this key, up to 101" is read
from the index alone. The new indexes are built concurrently before the single-column ones are dropped; then
fresh planner statistics (with the marketplace statistics of reports 0006)."""

from django.db import migrations, models

from website.concurrent_indexes import AddIndexConcurrently, RunSQLOnPostgreSQL

KEYS = [
    ("seller_key", "seller"),
    ("listing_host", "host"),
    ("listing_key", "listing"),
    ("order_key", "order"),
    ("parcel_key", "parcel"),
    ("parcel_pattern", "pattern"),
]


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("triage", "0012_report_search_index"),
        ("reports", "0009_report_open_status_idx"),
    ]

    operations = [
        *[
            AddIndexConcurrently(
                model_name="triagestate",
                index=models.Index(fields=[key, "report_id"], name=f"triage_{name}_idx"),
            )
            for key, name in KEYS
        ],
        migrations.RemoveIndex(model_name="triagestate", name="triage_listing_key_idx"),
        migrations.AlterField(
            model_name="triagestate", name="listing_host", field=models.CharField(blank=True, max_length=255)
        ),
        migrations.AlterField(
            model_name="triagestate", name="order_key", field=models.CharField(blank=True, max_length=100)
        ),
        migrations.AlterField(
            model_name="triagestate", name="parcel_key", field=models.CharField(blank=True, max_length=100)
        ),
        migrations.AlterField(
            model_name="triagestate", name="parcel_pattern", field=models.CharField(blank=True, max_length=20)
        ),
        migrations.AlterField(
            model_name="triagestate", name="seller_key", field=models.CharField(blank=True, max_length=200)
        ),
        RunSQLOnPostgreSQL(sql="ANALYZE reports_report", reverse_sql=migrations.RunSQL.noop),
        RunSQLOnPostgreSQL(sql="ANALYZE triage_triagestate", reverse_sql=migrations.RunSQL.noop),
    ]
