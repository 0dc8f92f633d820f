"""Reports that look related to one report: same seller, store, order or parcel, or a similar narrative."""

import logging
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from reference.marketplaces import is_marketplace_host
from reports.models import Report
from search.connection import is_enabled

from .report_search import similar_reports_ids_or_none
from .state import ensure_state

logger = logging.getLogger(__name__)

LIMIT = 20


@dataclass
class RelatedGroup:
    key: str
    label: str
    reports: list = field(default_factory=list)


@dataclass
class Related:
    groups: list
    similar: list | None  # None: the similar-narrative search was not available
    similar_note: str = ""

    @property
    def total(self):
        return len(
            {report.pk for group in self.groups for report in group.reports} | {r.pk for r in self.similar or []}
        )


def _reports(report, **lookup):
    return list(
        Report.objects.filter(**lookup)
        .exclude(pk=report.pk)
        .select_related("product_category")
        .order_by("-submitted_at")[:LIMIT]
    )


def related_by_signal(report):
    state = ensure_state(report)
    groups = []
    if state.seller_key:
        groups.append(RelatedGroup("seller", _("Same seller"), _reports(report, triage__seller_key=state.seller_key)))
    if state.listing_key:
        groups.append(
            RelatedGroup("listing", _("Same store address"), _reports(report, triage__listing_key=state.listing_key))
        )
    if state.listing_host and not is_marketplace_host(state.listing_host):
        groups.append(
            RelatedGroup(
                "domain",
                _("Same store domain (%(domain)s)") % {"domain": state.listing_host},
                [
                    other
                    for other in _reports(report, triage__listing_host=state.listing_host)
                    if other.triage.listing_key != state.listing_key
                ],
            )
        )
    if state.order_key:
        groups.append(
            RelatedGroup("order", _("Same order number"), _reports(report, triage__order_key=state.order_key))
        )
    if state.parcel_key:
        groups.append(
            RelatedGroup(
                "parcel", _("Same parcel tracking number"), _reports(report, triage__parcel_key=state.parcel_key)
            )
        )
    if state.parcel_pattern:
        groups.append(
            RelatedGroup(
                "parcel_pattern",
                _("Similar parcel tracking number (same prefix and length)"),
                [
                    other
                    for other in _reports(report, triage__parcel_pattern=state.parcel_pattern)
                    if other.triage.parcel_key != state.parcel_key
                ],
            )
        )
    return [group for group in groups if group.reports]


def related_reports(report):
    groups = related_by_signal(report)
    similar, note = None, ""
    ids = similar_reports_ids_or_none(report, size=10)
    if ids is not None:
        by_id = Report.objects.select_related("product_category").in_bulk(ids)
        similar = [by_id[pk] for pk in ids if pk in by_id]
    elif not is_enabled():
        note = _("Similar narratives are not shown: Elasticsearch is not configured.")
    else:
        note = _("Similar narratives are not shown: the search service did not answer.")
    return Related(groups=groups, similar=similar, similar_note=note)
