"""The queue's queryset: reports with what the listing shows, sorts and filters on."""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from reference.marketplaces import is_marketplace_host
from reports.choices import PRIORITY_ORDER, Priority, Status
from reports.models import Attachment

from .models import TriageReport, TriageState

__all__ = ["PRIORITY_ORDER"]


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


def priority_ranks(priorities):
    """The stored ranks (Report.priority_rank) of these priorities: the queue filters on the indexed rank."""
    return [PRIORITY_ORDER.index(value) for value in priorities if value in PRIORITY_ORDER]


def attachment_count():
    counts = (
        Attachment.objects.filter(report=OuterRef("pk"))
        .order_by()
        .values("report")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


# Past this many, a row says "100+": counting every report on a busy shop domain for each row would be slow.
RELATED_COUNT_CAP = 100
# The keys the report page groups related reports by (related.related_by_signal).
RELATED_KEYS = ("seller_key", "listing_key", "listing_host", "order_key", "parcel_key", "parcel_pattern")


def related_counts(report_ids):
    """{report id: how many other reports share a seller, store address, own-shop domain, order number, parcel
    number or parcel number pattern with it}: the groups the report page lists, for the rows of one page.

    In one query: for each report, each shared key is an index-only lookup cut at RELATED_COUNT_CAP + 1 rows,
    and the union of those is counted, so a parcel-number pattern or a big shop's domain shared by 200,000
    reports costs no more than a rare seller. Similar narratives (Elasticsearch) are not counted.
    """
    report_ids = list(report_ids)
    if not report_ids:
        return {}
    hosts = TriageState.objects.filter(report_id__in=report_ids).values_list("report_id", "listing_host")
    # A shared marketplace domain (amazon.com) says nothing about the seller: not counted for those reports.
    on_marketplace = [pk for pk, host in hosts if host and is_marketplace_host(host)] or [0]
    branches = []
    for key in RELATED_KEYS:  # `key` is one of RELATED_KEYS, never user input
        condition = f"v.{key} <> '' AND s.{key} = v.{key} AND s.report_id <> v.report_id"
        if key == "listing_host":
            condition += f" AND v.report_id NOT IN ({', '.join(['%s'] * len(on_marketplace))})"
        branches.append(
            f"SELECT report_id FROM (SELECT s.report_id FROM triage_triagestate s WHERE {condition}"  # noqa: S608
            f" LIMIT {RELATED_COUNT_CAP + 1}) AS by_{key}"
        )
    sql = (
        f"SELECT v.report_id, (SELECT COUNT(*) FROM ({' UNION '.join(branches)}) AS shared)"  # noqa: S608
        f" FROM triage_triagestate v WHERE v.report_id IN ({', '.join(['%s'] * len(report_ids))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*on_marketplace, *report_ids])
        return dict(cursor.fetchall())


def related_label(report):
    """The related count as a row shows it: "3", or "100+" past the cap."""
    count = getattr(report, "related_count", 0)
    return f"{RELATED_COUNT_CAP}+" if count > RELATED_COUNT_CAP else count


def queue_queryset(now=None, with_counts=True):
    """The queue. `with_counts=False` leaves out the per-report file count (a correlated subquery that would
    otherwise run for every row before sorting); the listing adds it, and the related-report counts
    (related_counts), for the rows of one page only."""
    queryset = TriageReport.objects.select_related("product_category", "triage", "triage__assignee").annotate(
        is_overdue=Case(When(overdue_q(now), then=Value(True)), default=Value(False), output_field=BooleanField()),
    )
    if with_counts:
        queryset = queryset.annotate(attachment_count=attachment_count())
    return queryset.order_by("priority_rank", "submitted_at")
