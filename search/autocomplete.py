"""Article titles as people type, for the header search box."""

import logging

from library.models import ArticlePage

from .analyzers import fold_accents
from .connection import get_client, library_alias
from .fallback import with_fallback

logger = logging.getLogger(__name__)
LIMIT = 8


def elasticsearch_titles(prefix, language):
    body = {
        "_source": ["title", "url"],
        "suggest": {
            "titles": {
                "prefix": fold_accents(prefix).lower(),
                "completion": {
                    "field": "title_suggest",
                    "size": LIMIT,
                    "skip_duplicates": True,
                    "fuzzy": {"fuzziness": 1, "prefix_length": 2} if len(prefix) >= 4 else None,
                    "contexts": {"language": [language]},
                },
            }
        },
    }
    if body["suggest"]["titles"]["completion"]["fuzzy"] is None:
        del body["suggest"]["titles"]["completion"]["fuzzy"]
    response = get_client().search(index=library_alias(), body=body)
    seen, titles = set(), []
    for option in response["suggest"]["titles"][0]["options"]:
        source = option["_source"]
        if source["url"] not in seen:
            seen.add(source["url"])
            titles.append({"title": source["title"], "url": source["url"]})
    return titles


def database_titles(prefix, language):
    pages = (
        ArticlePage.objects.live()
        .public()
        .filter(locale__language_code=language, title__icontains=prefix)
        .order_by("title")[:LIMIT]
    )
    return [{"title": page.title, "url": page.url} for page in pages]


def suggest_titles(prefix, language):
    return with_fallback(
        lambda: elasticsearch_titles(prefix, language),
        lambda: database_titles(prefix, language),
        "autocomplete",
    )
