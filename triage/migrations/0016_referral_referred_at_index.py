"""Referrals indexed by the day they were sent (the scorecards and the partner inbox read them by period), built
concurrently on PostgreSQL so referring is never blocked while it builds."""

from django.db import migrations, models

from website.concurrent_indexes import AddIndexConcurrently


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("triage", "0015_follow_entities_and_impersonation"),
    ]

    operations = [
        AddIndexConcurrently(
            model_name="referral",
            index=models.Index(fields=["referred_at"], name="triage_referral_referred_at"),
        ),
    ]
