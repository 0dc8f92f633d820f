# Consent to be listed, verification IDs, messages for the importer, renewal applications.
#
# The decision for the importers already in the directory: `listing_consent` is added as False for every row,
# so every existing entry leaves the public directory (page, search, API, "Check a seller") until its
# organisation consents in the partner portal, or staff record a consent given on paper (admin "Record consent"
# or `manage.py record_listing_consent`). Privacy first: nobody agreed to be listed under the old rules, and an
# entry that waits a few days to come back harms no one, while a listing nobody agreed to cannot be undone.
# Status, vetting and the verification API are unchanged by this. Each existing importer gets its own random
# verification ID.

import django.db.models.deletion
import django.utils.timezone
import importers.models
import reports.storage
from django.conf import settings
from django.db import migrations, models


def give_verification_ids(apps, schema_editor):
    Importer = apps.get_model("importers", "Importer")
    for importer in Importer.objects.filter(verification_id__isnull=True).only("pk").iterator():
        Importer.objects.filter(pk=importer.pk).update(verification_id=importers.models.new_verification_id())


class Migration(migrations.Migration):

    dependencies = [
        ('importers', '0003_translated_field_labels'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='importer',
            name='listing_consent',
            field=models.BooleanField(default=False, editable=False, help_text='Given or withdrawn by the importer in the partner portal, or recorded by staff from a signed form. Without it the importer is never shown in the public directory.', verbose_name='consents to be listed'),
        ),
        migrations.AddField(
            model_name='importer',
            name='verification_id',
            field=models.CharField(editable=False, max_length=20, null=True),
        ),
        migrations.RunPython(give_verification_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='importer',
            name='verification_id',
            field=models.CharField(default=importers.models.new_verification_id, editable=False, help_text="The ID a business gives to the verification API to check this importer's status.", max_length=20, unique=True, verbose_name='verification ID'),
        ),
        migrations.AddField(
            model_name='vettingdecision',
            name='message_for_importer',
            field=models.TextField(blank=True, help_text="Shown to the importer's users in the partner portal with the date and the status.", verbose_name='message for the importer'),
        ),
        migrations.AlterField(
            model_name='vettingdecision',
            name='reason',
            field=models.TextField(help_text='For CBP staff only; never shown to the importer.', verbose_name='reason'),
        ),
        migrations.CreateModel(
            name='ListingConsentRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('given', models.BooleanField(verbose_name='consent given')),
                ('source', models.CharField(choices=[('portal', 'In the partner portal'), ('paper', 'On paper, recorded by CBP staff'), ('demo', 'Demo data')], max_length=16, verbose_name='how')),
                ('given_by', models.CharField(blank=True, help_text='The person at the importer.', max_length=200, verbose_name='given or withdrawn by')),
                ('given_on', models.DateField(blank=True, null=True, verbose_name='date on the form')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='recorded at')),
                ('importer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consent_records', to='importers.importer')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'consent to be listed',
                'ordering': ['-at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='RenewalApplication',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('statement', models.TextField(blank=True, verbose_name='what changed since the last vetting')),
                ('submitted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='sent at')),
                ('state', models.CharField(choices=[('waiting', 'Waiting for CBP'), ('approved', 'Renewed'), ('refused', 'Not renewed')], default='waiting', max_length=16, verbose_name='state')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                ('decision', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='renewal', to='importers.vettingdecision')),
                ('importer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='renewal_applications', to='importers.importer')),
                ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'renewal application',
                'ordering': ['-submitted_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='RenewalDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('file', models.FileField(max_length=200, storage=reports.storage.get_report_file_storage, upload_to='importers/renewals/%Y/%m/')),
                ('position', models.PositiveSmallIntegerField(verbose_name='document number')),
                ('original_name', models.CharField(blank=True, max_length=200, verbose_name='original file name')),
                ('content_type', models.CharField(max_length=50, verbose_name='type')),
                ('size', models.PositiveIntegerField(verbose_name='size in bytes')),
                ('sha256', models.CharField(max_length=64)),
                ('removed', models.JSONField(blank=True, default=list, verbose_name='removed from the file')),
                ('uploaded_at', models.DateTimeField(auto_now_add=True, verbose_name='uploaded at')),
                ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='documents', to='importers.renewalapplication')),
            ],
            options={
                'verbose_name': 'renewal document',
                'ordering': ['position', 'pk'],
            },
        ),
        migrations.AddConstraint(
            model_name='renewalapplication',
            constraint=models.UniqueConstraint(condition=models.Q(('state', 'waiting')), fields=('importer',), name='importer_one_waiting_renewal'),
        ),
    ]
