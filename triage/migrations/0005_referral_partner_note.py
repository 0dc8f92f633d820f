from django.db import migrations, models


def copy_notes_partners_already_read(apps, schema_editor):
    """Until now the one note was also what the API partner read; keep showing partners exactly that."""
    Referral = apps.get_model("triage", "Referral")
    for referral in Referral.objects.filter(recipient__isnull=False).exclude(note=""):
        referral.partner_note = referral.note
        referral.save(update_fields=["partner_note"])


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0004_referral_case_reports"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="partner_note",
            field=models.TextField(blank=True, max_length=5000, verbose_name="note for the API partner"),
        ),
        migrations.AlterField(
            model_name="referral",
            name="note",
            field=models.TextField(blank=True, max_length=5000, verbose_name="note for the agency"),
        ),
        migrations.RunPython(copy_notes_partners_already_read, migrations.RunPython.noop),
    ]
