from django.shortcuts import render

from .queries import search_library


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = search_library(query, language=request.LANGUAGE_CODE) if query else None
    return render(request, "search/search.html", {"query": query, "results": results})
