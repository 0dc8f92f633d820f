"""Reports that look related to one report: same seller, store, order or parcel, or a similar narrative."""

import logging
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from reference.marketplaces import is_marketplace_host
from reports.models import Report
from search.connection import is_enabled

from .models import TriageState
from .report_search import similar_reports_ids_or_none

logger = logging.getLogger(__name__)

LIMIT = 20
# Past this many, a group says "100+": a big marketplace's store domain can have 200,000 reports.
COUNT_CAP = 100


@dataclass
class RelatedGroup:
    key: str
    label: str
    reports: list = field(default_factory=list)
    count: int = 0  # how many reports share it, up to COUNT_CAP + 1

    @property
    def count_label(self):
        """ "3", or "100+" past the cap."""
        return f"{COUNT_CAP}+" if self.count > COUNT_CAP else str(self.count)


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


def _group(report, key, label, match, unlike=None):
    """The LIMIT newest reports whose triage state matches `match` (a dict of lookups on TriageState), leaving
    out this report and those that also match `unlike` (already in another group), and how many there are
    (counted up to COUNT_CAP + 1). Both are bounded, over indexed keys."""
    states = TriageState.objects.filter(**match).exclude(report_id=report.pk)
    if unlike:
        states = states.exclude(**unlike)
    count = states.order_by().values("pk")[: COUNT_CAP + 1].count()
    if not count:
        return None
    reports = list(
        Report.objects.filter(pk__in=states.values("report_id"))
        .select_related("product_category")
        .order_by("-submitted_at")[:LIMIT]
    )
    return RelatedGroup(key, label, reports, count)


def related_by_signal(report):
    state = TriageState.for_report(report)
    groups = []
    if state.seller_key:
        groups.append(_group(report, "seller", _("Same seller"), {"seller_key": state.seller_key}))
    if state.listing_key:
        groups.append(_group(report, "listing", _("Same store address"), {"listing_key": state.listing_key}))
    if state.listing_host and not is_marketplace_host(state.listing_host):
        groups.append(
            _group(
                report,
                "domain",
                _("Same store domain (%(domain)s)") % {"domain": state.listing_host},
                {"listing_host": state.listing_host},
                unlike={"listing_key": state.listing_key},
            )
        )
    if state.order_key:
        groups.append(_group(report, "order", _("Same order number"), {"order_key": state.order_key}))
    if state.parcel_key:
        groups.append(_group(report, "parcel", _("Same parcel tracking number"), {"parcel_key": state.parcel_key}))
    if state.parcel_pattern:
        groups.append(
            _group(
                report,
                "parcel_pattern",
                _("Similar parcel tracking number (same prefix and length)"),
                {"parcel_pattern": state.parcel_pattern},
                unlike={"parcel_key": state.parcel_key},
            )
        )
    return [group for group in groups if group]


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
