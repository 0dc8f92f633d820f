"""Running an evaluation set through the site's own search, on Elasticsearch or on the database fallback."""

from dataclasses import dataclass

from django.test import override_settings

from search.connection import is_enabled
from search.queries import SearchParams, search_library

from .metrics import hit_in_top, ndcg_at, reciprocal_rank

BACKENDS = ("elasticsearch", "database")


class BackendUnavailable(RuntimeError):
    """The backend asked for cannot answer; the message says why."""


@dataclass(frozen=True)
class Outcome:
    case: object  # a sets.Case
    backend: str  # the backend asked for
    answered_by: str  # the backend that answered
    ranked: list  # slugs, promoted ones first, as the first results page shows them
    suggestion: str | None  # the "did you mean" offered beside the results of the words as typed
    corrected_query: str | None  # the correction searched instead of the words as typed ("Showing results for")
    ndcg: float
    reciprocal_rank: float
    in_top3: bool

    @property
    def needless_suggestion(self):
        """A "did you mean", or a correction searched instead, on a query the set marks as correctly spelt."""
        return bool(self.suggestion or self.corrected_query) and self.case.misspelt is False


def search(case, backend, vectors=None):
    """The first results page for one query, as a visitor on the case's language site would see it.

    `vectors`: True or False to search with or without matching by meaning (search/meaning.py); None: as the
    settings say. The database fallback never uses vectors."""
    if backend == "elasticsearch" and not is_enabled():
        raise BackendUnavailable("Elasticsearch is not configured: set ELASTICSEARCH_URL.")
    overrides = {"ELASTICSEARCH_URL": ""} if backend == "database" else {}
    overrides["SEARCH_RESULTS_CACHE_SECONDS"] = 0  # every query searched by the code as it is now, never a kept answer
    if vectors is not None:
        overrides["SEARCH_VECTORS"] = vectors
    with override_settings(**overrides):
        results = search_library(SearchParams(query=case.query, preferred_language=case.language))
    if results.backend != backend:
        raise BackendUnavailable(
            f"Asked {backend} and {results.backend} answered (is Elasticsearch running and the index built?)."
        )
    ranked = [hit.slug for hit in results.promoted + results.hits]
    return Outcome(
        case=case,
        backend=backend,
        answered_by=results.backend,
        ranked=ranked,
        suggestion=results.suggestion,
        corrected_query=_spelling_correction(results, case.language),
        ndcg=ndcg_at(ranked, case.relevant),
        reciprocal_rank=reciprocal_rank(ranked, case.relevant),
        in_top3=hit_in_top(ranked, case.relevant),
    )


def _spelling_correction(results, language):
    """The correction searched instead of the words as typed; not what is searched instead of a pasted tracking
    number (search/pasted.py: the rest of the query, or a question on the number's subject), which no one typed
    wrong."""
    pasted = results.pasted
    if pasted and results.corrected_query == pasted.search_text(language):
        return None
    return results.corrected_query
