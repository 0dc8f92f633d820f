"""A new report is linked to its entities in the background worker (tasks.py), never while the reporter waits."""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from reports.models import Report

from .models import LeadThresholds

logger = logging.getLogger(__name__)


def _enqueue(task, *args):
    try:
        task.enqueue(*args)
    except Exception:  # the report is saved; `manage.py link_entities` links whatever was missed
        logger.exception("Could not queue %s%r", task, args)


@receiver(post_save, sender=Report, dispatch_uid="targeting_report_saved")
def report_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .tasks import link_report_entities

        transaction.on_commit(lambda: _enqueue(link_report_entities, instance.pk))


@receiver(post_save, sender=LeadThresholds, dispatch_uid="targeting_thresholds_saved")
def thresholds_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        from .tasks import promote_leads

        transaction.on_commit(lambda: _enqueue(promote_leads))
