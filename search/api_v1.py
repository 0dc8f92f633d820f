"""Search for apps: /api/v1/search. The same search as the website and /api/search, as a documented endpoint."""

from typing import Literal

from ninja import Query, Router, Schema
from pydantic import Field

from library.models import Kind
from website.api_errors import BAD_REQUEST, NO_CONTROL_CHARACTERS, BadParameters

from .forms import SearchForm
from .params import AUDIENCES, MAX_PAGE
from .views import api_search_answer, api_search_errors

router = Router(tags=["Search"])


class SearchParameters(Schema):
    q: str = Field(
        "", max_length=200, description="What to look for; typos and Spanish are fine.", pattern=NO_CONTROL_CHARACTERS
    )
    topic: list[str] = Field([], description="Topic slugs (see /library/topics); repeat the parameter for several.")
    kind: list[Literal[tuple(Kind.values)]] = Field([], description="Kinds of article.")
    audience: list[Literal[tuple(value for value, _label in AUDIENCES)]] = []
    language: list[Literal["en", "es"]] = []
    page: int = Field(1, ge=1, le=MAX_PAGE)
    sort: Literal["relevance", "newest"] = "relevance"
    as_typed: bool = Field(False, description="Search the words exactly as typed, without correcting their spelling.")


class Hit(Schema):
    title: str
    url: str
    summary: str
    highlight: str | None
    topics: list[str]
    kind: str | None
    language: str | None
    published_at: str | None
    promoted: bool


class FacetValue(Schema):
    value: str
    label: str
    count: int


class SearchResults(Schema):
    count: int
    page: int
    num_pages: int
    results: list[Hit]
    facets: dict[str, list[FacetValue]]
    suggestion: str | None = Field(description="A corrected spelling of the query, when there is one.")
    corrected_query: str | None = Field(
        None,
        description=(
            "When set, this was searched instead of the query as typed: its corrected spelling, or, when the query "
            "held a tracking number, the rest of the query or a question on the number's subject."
        ),
    )
    original_query: str | None = Field(
        None,
        description="The query as typed, when `corrected_query` was searched instead (repeat it with `as_typed`).",
    )
    backend: str = Field(description="`elasticsearch`, or `database` when the search engine is unavailable.")


@router.get(
    "",
    response={200: SearchResults, **BAD_REQUEST},
    summary="Search the resource library",
    description="Behind the production proxy, one address may search 2 times a second on average (bursts of 20); "
    'past that the answer is 429 with Retry-After and {"error": "..."}.',
)
def search(request, parameters: Query[SearchParameters]):
    form = SearchForm(request.GET)
    errors = api_search_errors(request, form)
    if errors:
        raise BadParameters(errors)
    return api_search_answer(form)
