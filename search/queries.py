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


TEXT_FIELDS = [
    "title^3",
    "title.en^3",
    "title.es^3",
    "summary^2",
    "summary.en^2",
    "summary.es^2",
    "body",
    "body.en",
    "body.es",
]
FOLDED_FIELDS = ["title_folded^3", "summary_folded^2", "body_folded"]


def text_query(query):
    """Match the words as written, stemmed in either language, or with accents folded."""
    return {
        "bool": {
            "should": [
                {"multi_match": {"query": query, "fields": TEXT_FIELDS}},
                {"multi_match": {"query": fold_accents(query), "fields": FOLDED_FIELDS}},
            ],
            "minimum_should_match": 1,
        }
    }


def elasticsearch_query(query, language=None, size=10):
    search = ArticleDocument.search(using=get_client(), index=library_alias())
    search = search.query(text_query(query)).extra(size=size)
    response = search.execute()
    hits = [SearchHit(hit.title, hit.url, hit.summary, hit.kind, hit.language, hit.slug) for hit in response]
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
