"""Library content for apps: /api/v1/library/... Published articles only, in English and Spanish."""

import math
from datetime import date, datetime
from typing import Literal

from django.db.models import Prefetch
from ninja import Path, Query, Router, Schema
from pydantic import Field

from website.api_errors import (
    BAD_REQUEST,
    NOT_FOUND,
    BadParameters,
    NotFound,
    reject_unknown_parameters,
    unknown_parameters,
)

from .models import ArticlePage, Kind, Topic

router = Router(tags=["Library"])
PAGE_SIZE_MAX = 50


class TopicOut(Schema):
    slug: str
    name: str
    name_es: str
    description: str


class ArticleSummary(Schema):
    id: int
    title: str
    summary: str
    url: str
    language: str
    kind: str
    topics: list[str]
    first_published_at: datetime | None
    last_published_at: datetime | None
    last_reviewed: date | None


class ArticleDetail(ArticleSummary):
    body_html: str = Field(description="The article body as HTML, as the website shows it.")
    translations: dict[str, int] = Field(description="The same article in other languages: language → id.")


class ArticleList(Schema):
    count: int
    page: int
    num_pages: int
    results: list[ArticleSummary]


class ArticleFilters(Schema):
    language: Literal["en", "es"] | None = Field(None, description="Both when left out.")
    topic: str | None = Field(None, description="A topic slug (see /library/topics).", pattern=r"^[a-z0-9-]+$")
    kind: Literal[tuple(Kind.values)] | None = None
    page: int = Field(1, ge=1, le=1000)
    page_size: int = Field(20, ge=1, le=PAGE_SIZE_MAX)


def _published():
    return (
        ArticlePage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("name")))
    )


def _summary(article, request):
    return {
        "id": article.pk,
        "title": article.title,
        "summary": article.summary,
        "url": request.build_absolute_uri(article.url),
        "language": article.locale.language_code,
        "kind": article.kind,
        "topics": [topic.slug for topic in article.topics.all()],
        "first_published_at": article.first_published_at,
        "last_published_at": article.last_published_at,
        "last_reviewed": article.last_reviewed,
    }


@router.get("/topics", response={200: list[TopicOut], **BAD_REQUEST}, summary="Topics")
def topics(request):
    reject_unknown_parameters(request, set())
    return list(Topic.objects.order_by("name"))


@router.get("/articles", response={200: ArticleList, **BAD_REQUEST}, summary="Published articles, newest first")
def articles(request, filters: Query[ArticleFilters]):
    errors = unknown_parameters(request, {"language", "topic", "kind", "page", "page_size"})
    if filters.language not in (None, "en", "es"):
        errors["language"] = ["Use “en” or “es”, or leave it out for both."]
    if filters.topic and not Topic.objects.filter(slug=filters.topic).exists():
        errors["topic"] = [f"There is no topic “{filters.topic}”. See /api/v1/library/topics."]
    if filters.kind not in (None, *Kind.values):
        errors["kind"] = ["Use one of: " + ", ".join(Kind.values) + "."]
    if errors:
        raise BadParameters(errors)
    queryset = _published().order_by("-first_published_at", "-pk")
    if filters.language:
        queryset = queryset.filter(locale__language_code=filters.language)
    if filters.topic:
        queryset = queryset.filter(topics__slug=filters.topic)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    count = queryset.count()
    start = (filters.page - 1) * filters.page_size
    return {
        "count": count,
        "page": filters.page,
        "num_pages": max(1, math.ceil(count / filters.page_size)),
        "results": [_summary(article, request) for article in queryset[start : start + filters.page_size]],
    }


@router.get("/articles/{article_id}", response={200: ArticleDetail, **BAD_REQUEST, **NOT_FOUND}, summary="One article")
def article(request, article_id: int = Path(..., ge=1, le=2**31 - 1)):
    found = _published().filter(pk=article_id).first()
    if found is None:
        raise NotFound("There is no published article with this id.")
    translations = {
        page.locale.language_code: page.pk
        for page in _published().filter(translation_key=found.translation_key).exclude(pk=found.pk)
    }
    return {**_summary(found, request), "body_html": str(found.body), "translations": translations}
