"""/api/v1/partner/leads: approved border leads for agency targeting systems holding a key with `leads:read`.

Pages of PAGE_SIZE leads in id order: pass the last page's `next_after` as `after` to get the next one (new leads
only ever come after). Each lead is as in the staff feed's JSON (feed.py), with at most SHIPMENT_LIMIT shipments,
the most recent ones; `shipment_count` says how many there are. Every call is recorded in the audit log.
"""

from datetime import datetime

from ninja import Query, Router, Schema
from pydantic import Field

from partners.auth import PartnerKeyAuth, require_scope
from partners.models import Scope
from website.api_errors import BAD_REQUEST, PARTNER_ERRORS, reject_unknown_parameters

from . import feed
from .exports import record_export
from .models import Lead, LeadStatus

router = Router(tags=["Partners"], auth=PartnerKeyAuth())
PAGE_SIZE = 50
SHIPMENT_LIMIT = 1000


class EntityOut(Schema):
    kind: str
    key: str
    name: str


class ShipmentOut(Schema):
    reported_at: str
    carrier: str
    parcel_tracking_number: str
    shipped_from_country: str
    harm: bool


class LeadOut(Schema):
    lead_id: int
    status: str
    reviewed_at: str | None
    entity: EntityOut
    report_count: int
    harm_count: int
    first_report_at: str | None
    last_report_at: str | None
    carriers: list[str]
    parcel_tracking_numbers: list[str]
    shipped_from_countries: list[str]
    shipment_count: int
    shipments: list[ShipmentOut]


class LeadPage(Schema):
    format: str
    version: int
    generated_at: datetime
    results: list[LeadOut]
    next_after: int | None = Field(description="Send as `after` for the next page; null on the last page.")


class LeadFilters(Schema):
    after: int = Field(0, ge=0, le=2**63 - 1, description="Only leads with a greater id.")


def _lead(lead):
    rows = feed.latest_shipments(lead.entity_id, SHIPMENT_LIMIT)
    if not rows:  # every report naming it was deleted (retention)
        return None
    body = feed.lead_json(rows)
    body["shipment_count"] = lead.entity.report_count
    return body


@router.get(
    "",
    response={200: LeadPage, **BAD_REQUEST, **PARTNER_ERRORS},
    summary="Approved border leads (scope leads:read)",
)
def leads(request, filters: Query[LeadFilters]):
    from django.utils import timezone

    require_scope(request, Scope.READ_LEADS)
    reject_unknown_parameters(request, {"after"})
    page = list(
        Lead.objects.filter(status=LeadStatus.APPROVED, pk__gt=filters.after)
        .select_related("entity")
        .order_by("pk")[: PAGE_SIZE + 1]
    )
    more = len(page) > PAGE_SIZE
    page = page[:PAGE_SIZE]
    record_export(format="api", status=LeadStatus.APPROVED, api_key=request.auth, leads=len(page))
    return {
        "format": feed.FORMAT_NAME,
        "version": feed.FORMAT_VERSION,
        "generated_at": timezone.now(),
        "results": [body for body in map(_lead, page) if body],
        "next_after": page[-1].pk if more else None,
    }
