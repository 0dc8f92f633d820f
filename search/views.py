"""The search page, the autocomplete endpoint and the JSON search API. Thin: validate, ask, render."""

import re

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from library.models import Topic
from website.api_errors import form_errors, unknown_parameters

from .analytics import record_search
from .autocomplete import suggest_titles
from .forms import SearchForm
from .queries import search_library


def _form(request):
    return SearchForm(request.GET)


@require_GET
def search_page(request):
    form = _form(request)
    results = None
    if form.is_valid():
        params = form.params()
        params.preferred_language = request.LANGUAGE_CODE
        if params.query or any(params.filters().values()):
            results = search_library(params)
            if params.page == 1:
                record_search(params.query, results.count)
    context = {
        "form": form,
        "query": form.cleaned_data.get("q", "") if form.is_valid() else request.GET.get("q", "")[:200],
        "results": results,
        "suggested_topics": Topic.objects.filter(articlepage__live=True).distinct()[:8],
    }
    return render(request, "search/search.html", context, status=200 if form.is_valid() else 400)


CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
API_PARAMETERS = {"q", "topic", "kind", "audience", "language", "page", "sort", "as_typed"}


def api_search_errors(request, form):
    """{field: [messages]} for unknown parameters and bad values; empty when the search can run."""
    errors = unknown_parameters(request, API_PARAMETERS)
    if not form.is_valid():
        errors.update(form_errors(form))
    return errors


def api_search_answer(form):
    """Run a validated search and give the JSON answer of /api/search and /api/v1/search."""
    params = form.params()
    params.preferred_language = params.languages[0] if len(params.languages) == 1 else "en"
    results = search_library(params)
    if params.page == 1:
        record_search(params.query, results.count)
    return {
        "count": results.count,
        "page": results.page,
        "num_pages": results.num_pages,
        "results": [hit.as_json() for hit in results.promoted + results.hits],
        "facets": {
            name: [{"value": f["value"], "label": str(f["label"]), "count": f["count"]} for f in values]
            for name, values in results.facets.items()
        },
        "suggestion": results.suggestion,
        "corrected_query": results.corrected_query,
        "original_query": results.original_query,
        "backend": results.backend,
    }


@require_GET
def search_api(request):
    form = _form(request)
    errors = api_search_errors(request, form)
    if errors:
        return JsonResponse({"errors": errors}, status=400)
    return JsonResponse(api_search_answer(form))


@require_GET
def autocomplete(request):
    # As people type: control characters (a NUL byte breaks a PostgreSQL query) are dropped, not refused.
    query = CONTROL_CHARACTERS.sub("", request.GET.get("q", "")).strip()[:100]
    language = request.GET.get("language") or request.LANGUAGE_CODE
    if language not in ("en", "es"):
        return JsonResponse({"errors": {"language": ["Use “en” or “es”."]}}, status=400)
    return JsonResponse({"suggestions": suggest_titles(query, language) if len(query) >= 2 else []})
