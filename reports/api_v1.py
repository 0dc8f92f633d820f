"""Reports in /api/v1/: the same contract as /api/reports (shared/report-api.md), documented in OpenAPI.

The work is done by the views in `api.py`, so both addresses validate, answer and limit exactly alike. The
schemas here describe that contract for the interactive docs and for clients that generate code from it.
"""

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from ninja import Header, Query, Router, Schema
from ninja.decorators import decorate_view
from pydantic import Field

from conversations import api as conversations_api
from outcomes.codes import OutcomeCode
from website.api_errors import BAD_REQUEST, Error, FieldErrors, reject_unknown_parameters

from . import api
from .choices import FoundSellerVia, PaymentMethod, PublicStatus, Reason
from .statistics import MAX_WEEKS, cached_weekly_statistics, statistics_csv

router = Router(tags=["Reports"])

CONTACT = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "maxLength": 200},
        "email": {"type": "string", "format": "email", "maxLength": 254},
        "phone": {"type": "string", "maxLength": 40},
    },
}
REPORT_BODY = {
    "type": "object",
    "required": ["product_category", "description", "consent"],
    "properties": {
        "product_category": {"type": "string", "description": "Slug of a product category, like `chargers`."},
        "brand": {"type": "string", "maxLength": 200},
        "product_name": {"type": "string", "maxLength": 200},
        "description": {"type": "string", "minLength": 10, "maxLength": 5000},
        "price_paid": {"type": "string", "example": "19.99"},
        "currency": {"type": "string", "example": "USD"},
        "purchase_date": {"type": "string", "format": "date"},
        "still_have_item": {"type": "boolean"},
        "marketplace": {"type": "string", "maxLength": 200},
        "seller_name": {"type": "string", "maxLength": 200},
        "listing_url": {"type": "string", "format": "uri", "maxLength": 2000},
        "order_number": {"type": "string", "maxLength": 100},
        "shipped_from_country": {"type": "string", "example": "CN"},
        "carrier": {"type": "string", "maxLength": 100},
        "tracking_number": {"type": "string", "maxLength": 100},
        "reasons": {"type": "array", "items": {"type": "string", "enum": Reason.values}},
        "harm": {"type": "boolean"},
        "harm_description": {"type": "string", "maxLength": 5000},
        "anonymous": {"type": "boolean"},
        "contact": CONTACT,
        "preferred_language": {"type": "string", "enum": ["en", "es"]},
        "consent": {"type": "boolean"},
        "upc": {
            "type": "string",
            "description": "GTIN-8, UPC-A, EAN-13 or GTIN-14 with a valid check digit (spaces and dashes removed).",
            "example": "036000291452",
        },
        "model_number": {"type": "string", "maxLength": 100},
        "serial_or_lot": {"type": "string", "maxLength": 100},
        "payment_method": {"type": "string", "enum": PaymentMethod.values},
        "amount_refunded": {
            "type": "string",
            "example": "5.00",
            "description": "Same rule as price_paid, and not more than it when both are given.",
        },
        "found_seller_via": {"type": "string", "enum": FoundSellerVia.values},
        "reporter_state": {
            "type": "string",
            "description": "USPS code of a state, DC or a territory.",
            "example": "VA",
        },
        "reporter_zip": {"type": "string", "pattern": "^[0-9]{5}(-[0-9]{4})?$", "example": "20229"},
        "share_contact_with_marketplace": {
            "type": "boolean",
            "description": "The marketplace may receive the contact details with a referral (only with contact).",
        },
        "share_contact_with_agencies": {
            "type": "boolean",
            "description": "A federal agency the report is referred to (FDA, CPSC, FTC, HSI) may receive the contact"
            " details, to contact the reporter (only with contact).",
        },
    },
}
MULTIPART_BODY = {
    "type": "object",
    "properties": {
        **{name: {"type": "string"} for name in REPORT_BODY["properties"] if name not in {"contact", "reasons"}},
        "reasons": {"type": "array", "items": {"type": "string"}},
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}, "maxItems": 5},
    },
}
ADDITION_BODY = {"type": "object", "properties": {"text": {"type": "string", "maxLength": 5000}}}
MESSAGE_BODY = {
    "type": "object",
    "required": ["text"],
    "properties": {"text": {"type": "string", "minLength": 1, "maxLength": 5000}},
}


def _body(schema, with_files):
    content = {"application/json": {"schema": schema}}
    if with_files:
        content["multipart/form-data"] = {"schema": with_files}
    return {"requestBody": {"required": True, "content": content}}


class Submitted(Schema):
    tracking_number: str
    status_url: str
    receipt_key: str | None = Field(None, description="Shown only in this answer. Keep it to check the status.")
    duplicate: bool | None = Field(None, description="True when the same report was already received.")
    message: str | None = None


class Outcome(Schema):
    code: str = Field(description="One of: " + ", ".join(OutcomeCode.values))
    label: str = Field(description="What came of the report, in a plain sentence for the reporter.")


class Message(Schema):
    from_: str = Field(alias="from", description="`cbp` or `reporter`")
    text: str
    sent_at: str
    files: int


class Status(Schema):
    tracking_number: str
    status: str = Field(description="One of: " + ", ".join(PublicStatus.values))
    status_label: str
    submitted_at: str
    updated_at: str
    outcome: Outcome | None = Field(None, description="Once the report is closed with an outcome.")
    needs_information: bool = Field(description="True while staff wait for the reporter's answer.")
    messages: list[Message] = Field(description="The conversation with CBP, oldest first.")


class MessageSent(Schema):
    sent_at: str


class Added(Schema):
    tracking_number: str
    added_at: str
    text_added: bool
    files_added: int


SUBMIT_ERRORS = {400: FieldErrors, 413: Error | FieldErrors, 415: Error, 429: Error, 503: Error}


@router.post(
    "",
    response={201: Submitted, 200: Submitted, **SUBMIT_ERRORS},
    openapi_extra=_body(REPORT_BODY, MULTIPART_BODY),
    summary="Report a suspected counterfeit purchase",
    description="Answers 201 with a tracking number and a receipt key, or 200 when this report was already sent.",
)
@decorate_view(never_cache)  # also its error answers (parameters checked by django-ninja)
def submit(request):
    return api.submit(request)


@router.get(
    "/{tracking_number}/status",
    response={200: Status, 404: Error, 429: Error},
    by_alias=True,  # a message's `from` (a Python keyword, so `from_` in the schema class)
    summary="A report's status",
    description="A wrong key and an unknown number give the same 404.",
)
@decorate_view(never_cache)
def status(request, tracking_number: str, x_receipt_key: str = Header("", alias="X-Receipt-Key")):
    return api.status(request, tracking_number)


@router.post(
    "/{tracking_number}/additions",
    response={201: Added, **SUBMIT_ERRORS, 404: Error},
    openapi_extra=_body(
        ADDITION_BODY,
        {
            **ADDITION_BODY,
            "properties": {**ADDITION_BODY["properties"], "files": MULTIPART_BODY["properties"]["files"]},
        },
    ),
    summary="Add information to a report",
)
@decorate_view(never_cache)
def additions(request, tracking_number: str, x_receipt_key: str = Header("", alias="X-Receipt-Key")):
    return api.additions(request, tracking_number)


@router.post(
    "/{tracking_number}/messages",
    response={201: MessageSent, **SUBMIT_ERRORS, 404: Error},
    openapi_extra=_body(
        MESSAGE_BODY,
        {**MESSAGE_BODY, "properties": {**MESSAGE_BODY["properties"], "files": MULTIPART_BODY["properties"]["files"]}},
    ),
    summary="Answer CBP (the conversation on the status page)",
    description="A wrong key and an unknown number give the same 404. Counted against the additions limit.",
)
@decorate_view(never_cache)
def messages(request, tracking_number: str, x_receipt_key: str = Header("", alias="X-Receipt-Key")):
    return conversations_api.messages(request, tracking_number)


# --- Public statistics ----------------------------------------------------------------------------

statistics_router = Router(tags=["Statistics"])


class StatisticsParameters(Schema):
    weeks: int = Field(12, ge=1, le=MAX_WEEKS, description="How many complete weeks, the most recent last.")


class Cell(Schema):
    value: str
    label: str
    count: int | None = Field(description="Empty when suppressed (fewer than 5 reports).")
    suppressed: bool


class Week(Schema):
    week_start: str
    week_end: str
    total: int | None
    total_suppressed: bool
    by_category: list[Cell]
    by_marketplace: list[Cell]
    by_shipped_from_country: list[Cell]


class WeeklyStatistics(Schema):
    weeks: list[Week]
    suppression_threshold: int
    generated_at: str
    notes: str


@statistics_router.get(
    "/weekly",
    response={200: WeeklyStatistics, **BAD_REQUEST},
    summary="Reports per week by category, marketplace and shipped-from country (de-identified)",
)
def weekly(request, parameters: Query[StatisticsParameters]):
    reject_unknown_parameters(request, {"weeks"})
    return cached_weekly_statistics(parameters.weeks)


@statistics_router.get(
    "/weekly.csv",
    response={200: str, **BAD_REQUEST},
    openapi_extra={
        "responses": {200: {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}}
    },
    summary="The same statistics as CSV",
)
def weekly_csv(request, parameters: Query[StatisticsParameters]):
    reject_unknown_parameters(request, {"weeks"})
    response = HttpResponse(
        statistics_csv(cached_weekly_statistics(parameters.weeks)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="counterfeit-reports-weekly.csv"'
    return response
