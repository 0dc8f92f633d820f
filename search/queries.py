"""Finding articles: Elasticsearch when it is configured and answering, Wagtail's database search otherwise."""

import logging
from dataclasses import dataclass, field

from library.models import ArticlePage

from .analyzers import fold_accents
from .connection import get_client, is_enabled, library_alias
from .documents import ArticleDocument
from .indexing import UNAVAILABLE_ERRORS

logger = logging.getLogger(__name__)


@dataclass
class SearchHit:
    title: str
    url: str
    summary: str
    kind: str
    language: str
    slug: str


@dataclass
class SearchResults:
    count: int
    hits: list = field(default_factory=list)
    backend: str = "database"


def elasticsearch_query(query, language=None, size=10):
    search = ArticleDocument.search(using=get_client(), index=library_alias())
    search = search.query(
        "multi_match",
        query=query,
        fields=["title^3", "title.en^3", "title.es^3", "summary^2", "summary.en^2", "summary.es^2", "body", "body.en", "body.es"],
    ).extra(size=size)
    folded = fold_accents(query)
    search = search.query(
        "bool",
        should=[
            search.to_dict()["query"],
            {"multi_match": {"query": folded, "fields": ["title_folded^3", "summary_folded^2", "body_folded"]}},
        ],
    )
    response = search.execute()
    hits = [
        SearchHit(hit.title, hit.url, hit.summary, hit.kind, hit.language, hit.slug)
        for hit in response
    ]
    return SearchResults(count=response.hits.total.value, hits=hits, backend="elasticsearch")


def database_query(query, language=None, size=10):
    pages = ArticlePage.objects.live().public().search(query)
    hits = [
        SearchHit(page.title, page.url, page.summary, page.kind, page.locale.language_code, page.slug)
        for page in pages[:size]
    ]
    return SearchResults(count=len(pages), hits=hits, backend="database")


def search_library(query, language=None, size=10):
    if is_enabled():
        try:
            return elasticsearch_query(query, language, size)
        except UNAVAILABLE_ERRORS as error:
            logger.warning("Elasticsearch unavailable, answering from the database: %s", error)
    return database_query(query, language, size)
