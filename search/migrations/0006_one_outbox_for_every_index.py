from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0005_synonym_help_text")]

    operations = [
        migrations.RenameField("pendingindexupdate", "page_id", "object_id"),
        migrations.AlterField("pendingindexupdate", "object_id", models.PositiveBigIntegerField()),
        migrations.RemoveField("pendingindexupdate", "action"),
        migrations.AddField(
            "pendingindexupdate", "index", models.CharField(default="library", max_length=50)
        ),
        migrations.AddField("pendingindexupdate", "kept_for_rebuild", models.BooleanField(default=False)),
        migrations.AddIndex(
            "pendingindexupdate",
            models.Index(fields=["index", "kept_for_rebuild", "id"], name="search_outbox_waiting_idx"),
        ),
        migrations.CreateModel(
            name="IndexState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=50, unique=True)),
                ("rebuild_started_at", models.DateTimeField(blank=True, null=True)),
                ("rebuild_index", models.CharField(blank=True, max_length=255)),
            ],
        ),
    ]
