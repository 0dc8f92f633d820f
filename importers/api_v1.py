"""The trusted importer directory for apps: /api/v1/importers. The same rules as the public page.

`/verify/{verification_id}` is the verification API: a business checks the status of an importer that gave it
its verification ID, whether or not the importer consents to be listed (see `verify`).
"""

from datetime import date
from typing import Annotated, Literal

from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema
from pydantic import Field, WithJsonSchema

from reference.countries import COUNTRY_CODES, country_name
from reports import ratelimits
from website.api_errors import (
    BAD_REQUEST,
    NO_CONTROL_CHARACTERS,
    BadParameters,
    Error,
    form_errors,
    unknown_parameters,
)

from .directory import search_directory
from .forms import MAX_PAGE, DirectoryForm
from .lookup import check_address, importers_named
from .models import IdentifierKind, Importer, ListingState, Program, VettingStatus, normalise_verification_id

router = Router(tags=["Trusted importers"])

MEANING = (
    "A match means the address belongs to an importer CBP has vetted under a trade partnership program and"
    " that is listed today. It does not mean a product is genuine, and no match does not mean a seller is"
    " dishonest: most sellers are not in the directory."
)


class ImporterOut(Schema):
    id: int
    legal_name: str
    trade_names: list[str]
    domains: list[str]
    store_urls: list[str]
    country: str
    country_name: str
    program: str
    program_label: str
    vetted_on: date
    valid_until: date
    public_notes: str


class DirectoryPage(Schema):
    count: int
    page: int
    num_pages: int
    results: list[ImporterOut]
    backend: str


class DirectoryParameters(Schema):
    q: str = Field(
        "",
        max_length=200,
        description="A name, a website or a marketplace store address.",
        pattern=NO_CONTROL_CHARACTERS,
    )
    program: list[Literal[tuple(Program.values)]] = Field([], description="Repeat for several.")
    country: list[Literal[tuple(sorted(COUNTRY_CODES))]] = Field([], description="ISO 3166-1 alpha-2 codes.")
    page: int = Field(1, ge=1, le=MAX_PAGE)


class CheckParameters(Schema):
    url: str = Field(
        min_length=1, description="The seller's website or marketplace store address, as copied from the browser."
    )


class CheckAnswer(Schema):
    url: str
    vetted_importer: bool
    importer: ImporterOut | None
    meaning: str


def importer_json(importer):
    identifiers = list(importer.identifiers.all())
    return {
        "id": importer.pk,
        "legal_name": importer.legal_name,
        "trade_names": [trade_name.name for trade_name in importer.trade_names.all()],
        "domains": [i.value for i in identifiers if i.kind == IdentifierKind.DOMAIN],
        "store_urls": [i.value for i in identifiers if i.kind == IdentifierKind.STORE_URL],
        "country": importer.country,
        "country_name": country_name(importer.country),
        "program": importer.program,
        "program_label": str(importer.get_program_display()),
        "vetted_on": importer.vetted_on,
        "valid_until": importer.valid_until,
        "public_notes": importer.public_notes,
    }


@router.get("", response={200: DirectoryPage, **BAD_REQUEST}, summary="Search the trusted importer directory")
def directory(request, parameters: Query[DirectoryParameters]):
    errors = unknown_parameters(request, {"q", "program", "country", "page"})
    form = DirectoryForm(request.GET)
    if not form.is_valid():
        errors.update(form_errors(form))
    if errors:
        raise BadParameters(errors)
    results = search_directory(form.params())
    return {
        "count": results.count,
        "page": results.page,
        "num_pages": results.num_pages,
        "results": [importer_json(importer) for importer in results.importers],
        "backend": results.backend,
    }


@router.get(
    "/check",
    response={200: CheckAnswer, **BAD_REQUEST},
    summary="Does this seller address belong to a vetted importer?",
)
def check(request, parameters: Query[CheckParameters]):
    errors = unknown_parameters(request, {"url"})
    form = DirectoryForm({"seller": parameters.url})
    if not form.is_valid() or not form.cleaned_data["seller"]:
        errors["url"] = form.errors.get("seller") or ["Paste the seller's web address."]
    if errors:
        raise BadParameters({name: [str(m) for m in messages] for name, messages in errors.items()})
    found = check_address(form.cleaned_data["seller"])
    return {
        "url": form.cleaned_data["seller"],
        "vetted_importer": found.found,
        "importer": importer_json(found.importer) if found.found else None,
        "meaning": MEANING,
    }


VERIFY_MEANING = (
    "status is what CBP's vetting says today: trusted (vetted and valid until valid_until), suspended, revoked,"
    " expired (the vetting ended on valid_until and was not renewed), not_yet_valid, or unknown (no importer has"
    " this verification ID). listed says whether the importer chose to appear in the public directory; an"
    " importer that is not listed can still be trusted. legal_name is given only for listed importers; send the"
    " name you were given as `name` to check that it belongs to this ID."
)
VERIFICATION_ID_PATTERN = r"^(?:[Vv][Ii])?(?:-?[0-9A-TV-Za-tv-z]){12}$"
VERIFY_STATUSES = ("trusted", "suspended", "revoked", "expired", "not_yet_valid", "unknown")
VERIFY_LABELS = {
    "trusted": VettingStatus.TRUSTED.label,
    "suspended": VettingStatus.SUSPENDED.label,
    "revoked": VettingStatus.REVOKED.label,
    "expired": ListingState.EXPIRED.label,
    "not_yet_valid": ListingState.NOT_YET_VALID.label,
}


class VerifyParameters(Schema):
    name: str = Field(
        "",
        max_length=255,
        description="Optional: the importer name you were given; the answer says whether it is this importer's.",
        pattern=NO_CONTROL_CHARACTERS,
    )


class VerificationAnswer(Schema):
    verification_id: str = Field(description="The ID as CBP writes it (VI- and 12 characters).")
    found: bool
    status: Literal[VERIFY_STATUSES]
    status_label: str
    program: str | None
    program_label: str | None
    valid_until: date | None
    listed: bool = Field(description="Shown in the public directory (the importer consents, and is trusted).")
    legal_name: str | None = Field(description="Only for listed importers.")
    name_matches: bool | None = Field(
        description="Whether `name` is this importer's legal or trade name; null without `name` or when the ID is unknown."
    )
    checked_on: date
    meaning: str


@router.get(
    "/verify/{verification_id}",
    response={200: VerificationAnswer, **BAD_REQUEST, 429: Error},
    summary="Verify an importer's status by its verification ID",
    description=(
        "For businesses checking an importer that gave them its verification ID (shown to the importer in the"
        " partner portal). Answers in the same shape for every ID, known or not, listed or not; nothing beyond"
        " the status, the program and the end of the vetting. Rate-limited per client address (429 with"
        " Retry-After)."
    ),
)
def verify(
    request,
    parameters: Query[VerifyParameters],
    verification_id: Annotated[
        str,
        # Documented, not enforced by the schema validator: an ID that does not fit gets the plain message below.
        WithJsonSchema(
            {
                "type": "string",
                "pattern": VERIFICATION_ID_PATTERN,
                "description": "The verification ID, like VI-7K3M-Q9PX-2HDA (case and dashes do not matter).",
            }
        ),
    ] = Path(...),
):
    verdict = ratelimits.hit("importer_verify", ratelimits.client_key(request))
    if not verdict.allowed:
        response = JsonResponse(
            {"error": _("Too many checks. Try again in %(seconds)s seconds.") % {"seconds": verdict.retry_after}},
            status=429,
        )
        response["Retry-After"] = str(verdict.retry_after)
        return response
    reject = unknown_parameters(request, {"name"})
    canonical = normalise_verification_id(verification_id)
    if canonical is None:
        reject["verification_id"] = [
            _(
                "A verification ID is VI- and 12 letters and digits, like VI-7K3M-Q9PX-2HDA. Check that you copied"
                " all of it."
            )
        ]
    if reject:
        raise BadParameters(reject)
    today = timezone.localdate()
    importer = Importer.objects.filter(verification_id=canonical).first()
    if importer is None:
        return {
            "verification_id": canonical,
            "found": False,
            "status": "unknown",
            "status_label": _("Unknown: no importer has this verification ID"),
            "program": None,
            "program_label": None,
            "valid_until": None,
            "listed": False,
            "legal_name": None,
            "name_matches": None,
            "checked_on": today,
            "meaning": VERIFY_MEANING,
        }
    status = importer.verification_status(today)
    listed = importer.is_publicly_listed(today)
    name_matches = None
    if parameters.name.strip():
        name_matches = importers_named(parameters.name, Importer.objects.filter(pk=importer.pk)).exists()
    return {
        "verification_id": canonical,
        "found": True,
        "status": status,
        "status_label": str(VERIFY_LABELS[status]),
        "program": importer.program,
        "program_label": str(importer.get_program_display()),
        "valid_until": importer.valid_until,
        "listed": listed,
        "legal_name": importer.legal_name if listed else None,
        "name_matches": name_matches,
        "checked_on": today,
        "meaning": VERIFY_MEANING,
    }
