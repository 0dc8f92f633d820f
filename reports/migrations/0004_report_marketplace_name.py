from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_attachment_position_and_cleaning"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="marketplace_name",
            field=models.CharField(
                blank=True,
                db_default="",
                db_index=True,
                default="",
                editable=False,
                max_length=40,
                verbose_name="known marketplace",
            ),
        ),
    ]
