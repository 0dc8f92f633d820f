"""The queue's queryset: reports with what the listing shows, sorts and filters on."""

from datetime import timedelta

from django.conf import settings
from django.db.models import BooleanField, Case, Count, F, Func, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from reports.choices import PRIORITY_ORDER, Priority, Status
from reports.marketplaces import MARKETPLACE_HOSTS
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


def _shares(key, outer):
    """Another report's state has the same non-empty `key` as the report `outer` points at."""
    return Q(**{key: outer(f"triage__{key}")}) & ~Q(**{key: ""})


def _own_shop_domain():
    """A store domain that is not one of the big marketplaces (nor one of their subdomains)."""
    marketplace = Q(listing_host__in=MARKETPLACE_HOSTS)
    for host in MARKETPLACE_HOSTS:
        marketplace |= Q(listing_host__endswith=f".{host}")
    return ~marketplace


def related_count():
    """How many other reports share a seller, store address, own-shop domain, order number, parcel number or
    parcel number pattern with this one: the groups the report page lists (related.related_by_signal), counted
    in one correlated subquery, up to RELATED_COUNT_CAP + 1. Similar narratives (Elasticsearch) are not counted.
    """

    def outer(name):
        return OuterRef(OuterRef(name))

    shared = (
        _shares("seller_key", outer)
        | _shares("listing_key", outer)
        | (_shares("listing_host", outer) & _own_shop_domain())
        | _shares("order_key", outer)
        | _shares("parcel_key", outer)
        | _shares("parcel_pattern", outer)
    )
    first_ones = (
        TriageState.objects.filter(shared)
        .exclude(report_id=outer("pk"))
        .order_by()
        .values("report_id")[: RELATED_COUNT_CAP + 1]
    )
    counted = (
        TriageState.objects.filter(report_id__in=first_ones)
        .order_by()
        .annotate(count=Func(F("report_id"), function="COUNT"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def related_label(report):
    """The related count as a row shows it: "3", or "100+" past the cap."""
    count = getattr(report, "related_count", 0)
    return f"{RELATED_COUNT_CAP}+" if count > RELATED_COUNT_CAP else count


def queue_queryset(now=None, with_counts=True):
    """The queue. `with_counts=False` leaves out the per-report file and related-report counts (correlated
    subqueries that would otherwise run for every row before sorting); the listing adds them for the rows of one
    page only."""
    queryset = TriageReport.objects.select_related("product_category", "triage", "triage__assignee").annotate(
        is_overdue=Case(When(overdue_q(now), then=Value(True)), default=Value(False), output_field=BooleanField()),
    )
    if with_counts:
        queryset = queryset.annotate(attachment_count=attachment_count(), related_count=related_count())
    return queryset.order_by("priority_rank", "submitted_at")
