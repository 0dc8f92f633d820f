"""Keeping each report's TriageState in step: keys for related reports, the computed priority, first action."""

from django.db.models import Count, Q
from django.utils import timezone

from reference.marketplaces import is_marketplace_host
from reports.choices import Status
from reports.models import Report
from search.outbox import queue_update, queue_updates

from . import impersonation
from .models import PriorityOverride, TriageState
from .priority import REPEAT_COUNT_CAP, PriorityFacts, compute_priority


def refresh_keys(report):
    state = TriageState.for_report(report)
    keys = TriageState.keys_for(report)
    if any(getattr(state, name) != value for name, value in keys.items()):
        TriageState.objects.filter(pk=state.pk).update(**keys)
        for name, value in keys.items():
            setattr(state, name, value)
    return state


def _capped_count(queryset):
    return queryset.order_by().values("pk")[: REPEAT_COUNT_CAP + 1].count()


def other_report_counts(report, state):
    """(same seller, same store domain): how many other reports share them, each counted up to
    REPEAT_COUNT_CAP + 1 over its index (a big store's domain can have 200,000 reports)."""
    others = TriageState.objects.exclude(report_id=report.pk)
    seller = _capped_count(others.filter(seller_key=state.seller_key)) if state.seller_key else 0
    repeat_domain = state.listing_host and not is_marketplace_host(state.listing_host)
    domain = _capped_count(others.filter(listing_host=state.listing_host)) if repeat_domain else 0
    return seller, domain


def impersonation_facts(impersonation):
    """The PriorityFacts fields for an impersonation.Impersonation (or None)."""
    if impersonation is None:
        return {}
    return {
        "impersonated": impersonation.importer.legal_name,
        "impersonated_status": impersonation.status_label,
        "impersonated_by": impersonation.by,
    }


def facts_for(report, state, found=impersonation.UNKNOWN):
    """The priority facts of a report. `found`: the impersonation already looked up (None for none)."""
    seller, domain = other_report_counts(report, state)
    if found is impersonation.UNKNOWN:
        found = impersonation.for_report(report)
    category = report.product_category
    submitted = report.submitted_at or timezone.now()
    return PriorityFacts(
        harm=report.harm,
        category_name=category.name,
        health_and_safety=category.health_and_safety,
        other_seller_reports=seller,
        other_domain_reports=domain,
        domain=state.listing_host,
        purchase_date=report.purchase_date,
        reported_on=timezone.localdate(submitted),
        **impersonation_facts(found),
    )


def active_override(report):
    return PriorityOverride.objects.filter(report_id=report.pk, active=True).select_related("set_by").first()


def recompute_priority(report):
    """Compute and store the priority and its reasons. An officer's override keeps its priority."""
    state = refresh_keys(report)
    found = impersonation.for_report(report)
    priority, reasons = compute_priority(facts_for(report, state, found))
    impersonates = found.importer if found else None
    TriageState.objects.filter(pk=state.pk).update(
        computed_priority=priority, priority_reasons=reasons, impersonates=impersonates
    )
    state.computed_priority, state.priority_reasons, state.impersonates = priority, reasons, impersonates
    override = active_override(report)
    effective = override.priority if override else priority
    if report.priority != effective:
        Report.objects.filter(pk=report.pk).update(priority=effective)
        report.priority = effective
        queue_update("reports", report.pk)
    return effective, reasons


def recompute_related(report, limit=500):
    """After a new report, open reports about the same seller or store may deserve a higher priority.

    Counts are taken once per seller and per store (two grouped queries), priorities are computed in Python
    and only the reports whose priority changes are written. Reports with an officer's override keep it.
    """
    state = TriageState.for_report(report)
    match = Q()
    if state.seller_key:
        match |= Q(seller_key=state.seller_key)
    if state.listing_host and not is_marketplace_host(state.listing_host):
        match |= Q(listing_host=state.listing_host)
    if not match:
        return 0
    related = list(
        TriageState.objects.filter(match)
        .exclude(report_id=report.pk)
        .exclude(report__status=Status.CLOSED)
        .exclude(report__priority_overrides__active=True)
        .select_related("report", "report__product_category", "impersonates")
        .order_by("-report__submitted_at")[:limit]
    )
    if not related:
        return 0
    sellers = {other.seller_key for other in related if other.seller_key}
    hosts = {other.listing_host for other in related if other.listing_host}
    seller_counts = dict(
        TriageState.objects.filter(seller_key__in=sellers).values_list("seller_key").annotate(count=Count("pk"))
    )
    host_counts = dict(
        TriageState.objects.filter(listing_host__in=hosts).values_list("listing_host").annotate(count=Count("pk"))
    )
    changed = []
    for other in related:
        other_report = other.report
        facts = PriorityFacts(
            harm=other_report.harm,
            category_name=other_report.product_category.name,
            health_and_safety=other_report.product_category.health_and_safety,
            other_seller_reports=(
                min(seller_counts.get(other.seller_key, 1) - 1, REPEAT_COUNT_CAP + 1) if other.seller_key else 0
            ),
            other_domain_reports=(
                min(host_counts.get(other.listing_host, 1) - 1, REPEAT_COUNT_CAP + 1)
                if other.listing_host and not is_marketplace_host(other.listing_host)
                else 0
            ),
            domain=other.listing_host,
            purchase_date=other_report.purchase_date,
            reported_on=timezone.localdate(other_report.submitted_at),
            # As found when that report's priority was last computed (not looked up again for 500 reports).
            **impersonation_facts(
                impersonation.Impersonation(other.impersonates, impersonation.NAME) if other.impersonates else None
            ),
        )
        priority, reasons = compute_priority(facts)
        # Only a change of priority is written; the report page recomputes the reasons when it is shown.
        if priority != other.computed_priority or priority != other_report.priority:
            TriageState.objects.filter(pk=other.pk).update(computed_priority=priority, priority_reasons=reasons)
            Report.objects.filter(pk=other_report.pk).update(priority=priority)
            changed.append(other_report.pk)
    queue_updates("reports", changed)
    return len(changed)


def mark_touched(report_id, when=None):
    """Record the first staff action (status change, assignment or note); later ones change nothing."""
    touched = TriageState.objects.filter(report_id=report_id, first_action_at__isnull=True).update(
        first_action_at=when or timezone.now()
    )
    if touched:
        queue_update("reports", report_id)
