"""The priority as a number in the queue's order, a column the database computes from `priority`.

On PostgreSQL, adding a stored generated column rewrites the reports table once (about a minute per
million reports on a small machine; see bench/TRIAGE.md), holding its lock meanwhile.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_statistics_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="priority_rank",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Case(
                    models.When(priority="urgent", then=models.Value(0)),
                    models.When(priority="high", then=models.Value(1)),
                    models.When(priority="normal", then=models.Value(2)),
                    models.When(priority="low", then=models.Value(3)),
                    default=models.Value(4),
                ),
                output_field=models.PositiveSmallIntegerField(),
            ),
        ),
    ]
