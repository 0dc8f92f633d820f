"""New reports and reporter additions: give each report its triage state and priority, and queue its index
update (in the same transaction, search/outbox.py)."""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from reports.models import Report, ReporterAddition
from search.outbox import queue_update, queue_updates

from . import state
from .models import TriageReport, TriageState

logger = logging.getLogger(__name__)


# Saved as a Report (intake) or as a TriageReport (the staff pages): Django sends a proxy model's signals with
# the proxy as the sender, so a receiver for Report alone missed every status and priority change staff made.
@receiver(post_save, sender=Report, dispatch_uid="triage_report_saved")
@receiver(post_save, sender=TriageReport, dispatch_uid="triage_triage_report_saved")
def report_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    if created:
        TriageState.for_report(instance)
        state.recompute_priority(instance)
        transaction.on_commit(lambda: _queue_related(instance.pk))
        transaction.on_commit(lambda: _queue_follow_matching(instance.pk))
    queue_update("reports", instance.pk)


@receiver(post_delete, sender=Report, dispatch_uid="triage_report_deleted")
@receiver(post_delete, sender=TriageReport, dispatch_uid="triage_triage_report_deleted")
def report_deleted(sender, instance, **kwargs):
    queue_update("reports", instance.pk)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="triage_assignee_deleted")
def assignee_deleted(sender, instance, **kwargs):
    """Deleting an officer leaves their reports assigned to nobody (SET_NULL, no save): re-index those."""
    queue_updates("reports", TriageState.objects.filter(assignee=instance).values_list("report_id", flat=True))


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


def _queue_follow_matching(report_id):
    from .tasks import match_follows

    try:
        match_follows.enqueue(report_id)
    except Exception:  # the report is saved; the officers following searches see it in the queue anyway
        logger.exception("Could not queue the matching of report %s against followed searches", report_id)
