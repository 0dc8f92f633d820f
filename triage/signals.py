"""New reports and reporter additions: give each report its triage state and priority, and queue its index
update (in the same transaction, search/outbox.py)."""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from reports.models import Report, ReporterAddition
from search.outbox import queue_update

from . import state

logger = logging.getLogger(__name__)


@receiver(post_save, sender=Report, dispatch_uid="triage_report_saved")
def report_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        state.ensure_state(instance)
        state.recompute_priority(instance)
        transaction.on_commit(lambda: _queue_related(instance.pk))
    queue_update("reports", instance.pk)


@receiver(post_delete, sender=Report, dispatch_uid="triage_report_deleted")
def report_deleted(sender, instance, **kwargs):
    queue_update("reports", instance.pk)


@receiver(post_save, sender=ReporterAddition, dispatch_uid="triage_addition_saved")
def addition_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    report = Report.objects.select_related("product_category").get(pk=instance.report_id)
    state.recompute_priority(report)
    queue_update("reports", report.pk)


def _queue_related(report_id):
    from .tasks import recompute_related

    try:
        recompute_related.enqueue(report_id)
    except Exception:  # the report is saved; its neighbours' priorities can wait for the next report
        logger.exception("Could not queue the priority update for reports related to %s", report_id)
