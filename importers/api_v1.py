"""The trusted importer directory for apps: /api/v1/importers. The same rules as the public page."""

from datetime import date
from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from reference.countries import COUNTRY_CODES, country_name
from website.api_errors import BAD_REQUEST, NO_CONTROL_CHARACTERS, BadParameters, form_errors, unknown_parameters

from .directory import search_directory
from .forms import MAX_PAGE, DirectoryForm
from .lookup import check_address
from .models import IdentifierKind, Program

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
