"""The queue's queryset: reports with what the listing shows, sorts and filters on."""

from datetime import timedelta

from django.conf import settings
from django.db.models import BooleanField, Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from reports.choices import Priority, Status
from reports.models import Attachment

from .models import TriageReport

PRIORITY_ORDER = [Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.LOW]


def target_days(priority):
    """Days staff have to act on a report of this priority (TRIAGE_TARGET_DAYS_URGENT / TRIAGE_TARGET_DAYS)."""
    if priority == Priority.URGENT:
        return settings.TRIAGE_TARGET_DAYS_URGENT
    return settings.TRIAGE_TARGET_DAYS


def overdue_q(now=None):
    """Untouched (no status change, assignment or note) and older than its target. Closed reports never are."""
    now = now or timezone.now()
    urgent_cutoff = now - timedelta(days=settings.TRIAGE_TARGET_DAYS_URGENT)
    other_cutoff = now - timedelta(days=settings.TRIAGE_TARGET_DAYS)
    untouched = Q(triage__first_action_at__isnull=True) | Q(triage__isnull=True)
    late = Q(priority=Priority.URGENT, submitted_at__lt=urgent_cutoff) | (
        ~Q(priority=Priority.URGENT) & Q(submitted_at__lt=other_cutoff)
    )
    return untouched & late & ~Q(status=Status.CLOSED)


def priority_rank():
    return Case(
        *[When(priority=value, then=Value(rank)) for rank, value in enumerate(PRIORITY_ORDER)],
        default=Value(len(PRIORITY_ORDER)),
        output_field=IntegerField(),
    )


def attachment_count():
    counts = (
        Attachment.objects.filter(report=OuterRef("pk"))
        .order_by()
        .values("report")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def queue_queryset(now=None, with_counts=True):
    """The queue. `with_counts=False` leaves out the per-report file count (a correlated subquery that would
    otherwise run for every row before sorting); the listing adds it for the rows of one page only."""
    queryset = TriageReport.objects.select_related("product_category", "triage", "triage__assignee").annotate(
        priority_rank=priority_rank(),
        is_overdue=Case(When(overdue_q(now), then=Value(True)), default=Value(False), output_field=BooleanField()),
    )
    if with_counts:
        queryset = queryset.annotate(attachment_count=attachment_count())
    return queryset.order_by("priority_rank", "submitted_at")
