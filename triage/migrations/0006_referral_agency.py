"""The agency a referral goes to is `agency` (choices `Agency`), no longer `partner`: an API partner is `recipient`."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("triage", "0005_referral_partner_note"),
    ]

    operations = [
        migrations.RenameField(model_name="referral", old_name="partner", new_name="agency"),
        migrations.AlterField(
            model_name="referral",
            name="agency",
            field=models.CharField(
                choices=[
                    ("cbp_ipr", "CBP IPR enforcement"),
                    ("hsi", "HSI / National IPR Center"),
                    ("fda", "FDA"),
                    ("cpsc", "CPSC"),
                    ("ftc", "FTC"),
                    ("marketplace", "The marketplace"),
                ],
                max_length=20,
                verbose_name="agency",
            ),
        ),
    ]
