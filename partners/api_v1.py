"""The partner API: /api/v1/partner/... for marketplaces and carriers holding a key from CBP.

A partner reads only the referrals staff addressed to it, without the order number or parcel tracking number,
and without the reporter's contact details unless the reporter agreed to share them with the marketplace and
the referral goes to the marketplace (operations.shared_contact); answers them; and sends reports in bulk.
Each route needs a scope.
"""

from datetime import date, datetime
from typing import Any, Literal

from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from reference.countries import country_name
from reports.validation import Errors, clean_text
from website.api_errors import (
    BAD_REQUEST,
    NOT_FOUND,
    PARTNER_ERRORS,
    BadParameters,
    Error,
    NotFound,
    reject_unknown_parameters,
)

from . import operations
from .auth import PartnerKeyAuth, require_scope
from .models import ResponseAction, Scope

router = Router(tags=["Partners"], auth=PartnerKeyAuth())
PAGE_SIZE = 50
REFERRAL_ID = Path(..., ge=1, le=2**31 - 1)


class ReporterContactOut(Schema):
    name: str
    email: str
    phone: str


class PartnerReport(Schema):
    tracking_number: str
    submitted_at: datetime
    product_category: str
    product_category_name: str
    brand: str
    product_name: str
    description: str
    price_paid: str | None
    currency: str
    purchase_date: date | None
    marketplace: str
    seller_name: str
    listing_url: str
    shipped_from_country: str
    shipped_from_country_name: str
    reasons: list[str]
    harm: bool
    reporter_contact: ReporterContactOut | None = Field(
        None,
        description=(
            "The reporter's name, email and phone, only when the reporter agreed that the marketplace may"
            " contact them about a refund and CBP referred the report to you as the marketplace; otherwise null."
        ),
    )


class PartnerResponseOut(Schema):
    id: int
    action: str
    note: str
    responded_at: datetime


class ReferralOut(Schema):
    id: int
    referred_at: datetime
    status: str
    note: str = Field(description="CBP's note for the partner.")
    reports: list[PartnerReport]
    responses: list[PartnerResponseOut]


class ReferralPage(Schema):
    count: int
    page: int
    num_pages: int
    results: list[ReferralOut]


class ReferralFilters(Schema):
    status: Literal["sent", "acknowledged", "action_taken", "no_action"] | None = None
    page: int = Field(1, ge=1, le=10000)


class ResponseIn(Schema):
    action: Literal["listing_removed", "seller_suspended", "no_action"] = Field(
        description="What you did: " + ", ".join(ResponseAction.values)
    )
    note: str = Field("", max_length=2000, description="Anything CBP should know, like the listing's new state.")


class BulkIn(Schema):
    reports: list[Any] = Field(
        min_length=1,
        max_length=operations.BULK_MAX_ITEMS,
        description=(
            "1 to 100 reports, each with the fields of POST /api/v1/reports (contact details are not"
            " accepted) plus `external_id`, your own id for it: sending the same id again is safe."
        ),
    )


class BulkItemResult(Schema):
    index: int
    external_id: str | None = None
    status: Literal["created", "already_received", "invalid"]
    tracking_number: str | None = None
    errors: dict[str, list[str]] | None = None


class BulkOut(Schema):
    created: int
    not_created: int
    results: list[BulkItemResult]


def partner_report(report, referral):
    contact = operations.shared_contact(report, referral)
    return {
        "tracking_number": report.tracking_number,
        "submitted_at": report.submitted_at,
        "product_category": report.product_category.slug,
        "product_category_name": report.product_category.name,
        "brand": report.brand,
        "product_name": report.product_name,
        "description": report.description,
        "price_paid": None if report.price_paid is None else str(report.price_paid),
        "currency": report.currency,
        "purchase_date": report.purchase_date,
        "marketplace": report.marketplace,
        "seller_name": report.seller_name,
        "listing_url": report.listing_url,
        "shipped_from_country": report.shipped_from_country,
        "shipped_from_country_name": country_name(report.shipped_from_country) if report.shipped_from_country else "",
        "reasons": list(report.reasons),
        "harm": report.harm,
        "reporter_contact": (
            {"name": contact.name, "email": contact.email, "phone": contact.phone} if contact else None
        ),
    }


def referral_json(referral):
    return {
        "id": referral.pk,
        "referred_at": referral.referred_at,
        "status": referral.status,
        "note": referral.partner_note,
        "reports": [partner_report(report, referral) for report in operations.reports_of(referral)],
        "responses": [
            {"id": r.pk, "action": r.action, "note": r.note, "responded_at": r.responded_at}
            for r in referral.partner_responses.all()
        ],
    }


def own_referral(request, referral_id):
    """The referral when it is addressed to the caller; 404 otherwise (the same answer as for a missing one)."""
    referral = operations.referrals_for(request.auth.partner).filter(pk=referral_id).first()
    if referral is None:
        raise NotFound(_("There is no referral with this id for your organisation."))
    return referral


@router.get(
    "/referrals",
    response={200: ReferralPage, **BAD_REQUEST, **PARTNER_ERRORS},
    summary="Referrals addressed to you (scope reports:read-own-referrals)",
)
def referrals(request, filters: Query[ReferralFilters]):
    require_scope(request, Scope.READ_OWN_REFERRALS)
    reject_unknown_parameters(request, {"status", "page"})
    queryset = operations.referrals_for(request.auth.partner).order_by("-referred_at", "-pk")
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    count = queryset.count()
    start = (filters.page - 1) * PAGE_SIZE
    return {
        "count": count,
        "page": filters.page,
        "num_pages": max(1, -(-count // PAGE_SIZE)),
        "results": [referral_json(referral) for referral in queryset[start : start + PAGE_SIZE]],
    }


@router.get(
    "/referrals/{referral_id}",
    response={200: ReferralOut, **BAD_REQUEST, **NOT_FOUND, **PARTNER_ERRORS},
    summary="One referral (scope reports:read-own-referrals)",
)
def referral(request, referral_id: int = REFERRAL_ID):
    require_scope(request, Scope.READ_OWN_REFERRALS)
    found = own_referral(request, referral_id)
    # Read one by one, it counts as opened: no longer "new" in the portal's inbox.
    operations.mark_seen(found, request.auth.partner)
    return referral_json(found)


@router.post(
    "/referrals/{referral_id}/responses",
    response={201: PartnerResponseOut, **BAD_REQUEST, **NOT_FOUND, **PARTNER_ERRORS},
    summary="Tell CBP what you did about a referral (scope reports:respond)",
)
def respond(request, payload: ResponseIn, referral_id: int = REFERRAL_ID):
    require_scope(request, Scope.RESPOND)
    found = own_referral(request, referral_id)
    errors = Errors()
    note = clean_text(payload.note, "note", errors, max_length=2000, label="the note")
    if errors:
        raise BadParameters(errors)
    response = operations.respond(
        found, partner=request.auth.partner, api_key=request.auth, action=payload.action, note=note
    )
    return Status(
        201,
        {
            "id": response.pk,
            "action": response.action,
            "note": response.note,
            "responded_at": response.responded_at,
        },
    )


@router.post(
    "/reports/bulk",
    response={200: BulkOut, **BAD_REQUEST, 413: Error, **PARTNER_ERRORS},
    summary="Send up to 100 reports at once (scope reports:submit-bulk)",
    description="Every item is checked and saved on its own: the answer says, item by item, what happened.",
)
def bulk(request, payload: BulkIn):
    require_scope(request, Scope.SUBMIT_BULK)
    results = operations.bulk_submit(payload.reports, partner=request.auth.partner)
    created = sum(1 for result in results if result["status"] == "created")
    return {"created": created, "not_created": len(results) - created, "results": results}
