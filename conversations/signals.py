"""A report whose status changed and whose reporter asked for updates: send the update after the commit.

Status changes made with a plain UPDATE (bulk jobs) send no signal; `manage.py send_reporter_notices` (cron)
finds those by comparing each subscription's last status with the report's, so none is missed.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_save

from reports.models import Report

from .models import Subscription


def status_may_have_changed(sender, instance, created, update_fields=None, **kwargs):
    if created or (update_fields is not None and "status" not in update_fields):
        return
    waiting = Subscription.objects.filter(report_id=instance.pk, active=True).exclude(
        last_status=instance.public_status
    )
    if waiting.exists():
        from .tasks import enqueue_sending

        transaction.on_commit(enqueue_sending)


def connect():
    """Listen to Report and to every proxy of it: staff change statuses through the triage app's TriageReport."""
    for model in apps.get_models():
        if issubclass(model, Report):
            post_save.connect(status_may_have_changed, sender=model, dispatch_uid=f"status-notice-{model._meta.label}")
