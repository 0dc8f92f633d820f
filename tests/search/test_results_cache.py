"""The same search asked again is answered from the cache (search/results_cache.py), and never an old answer
after the library, a synonym or a topic changed."""

import pytest
from django.core.cache import cache
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.connection import get_client
from search.models import SearchQueryStat, SynonymGroup
from search.queries import SearchParams, search_library
from tests.factories import ArticlePageFactory, TopicFactory, publish

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.elasticsearch]


@pytest.fixture
def kept(settings):
    """As in production: answers kept 30 seconds."""
    settings.SEARCH_RESULTS_CACHE_SECONDS = 30
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def asked(monkeypatch):
    """Every request the site sends to Elasticsearch's search endpoints."""
    client, requests = get_client(), []
    for name in ("search", "msearch"):
        method = getattr(client, name)
        monkeypatch.setattr(client, name, lambda method=method, **kwargs: requests.append(kwargs) or method(**kwargs))
    return requests


def article(library, title, summary, **kwargs):
    page = ArticlePageFactory(parent=library, live=False, title=title, summary=summary, **kwargs)
    return publish(page)


def titles(query, **kwargs):
    return [hit.title for hit in search_library(SearchParams(query=query, **kwargs)).hits]


@pytest.fixture
def library(site_tree, search_index):
    library = site_tree["en"][1]
    article(library, "Chargers that catch fire", "A fake charger can overheat.")
    article(library, "Fake sneakers", "Knockoff sneakers fall apart.")
    search_index.refresh()
    return library


def test_the_same_search_again_asks_elasticsearch_nothing(library, kept, asked):
    first = search_library(SearchParams(query="charger"))
    assert asked  # the first one searched
    asked.clear()
    again = search_library(SearchParams(query="charger"))
    assert asked == []
    assert [hit.title for hit in again.hits] == [hit.title for hit in first.hits] == ["Chargers that catch fire"]
    assert again.count == first.count and again.facets == first.facets


def test_another_page_filter_or_language_is_another_search(library, kept, asked):
    titles("charger")
    for params in (
        SearchParams(query="charger", page=2),
        SearchParams(query="charger", kinds=["alert"]),
        SearchParams(query="charger", preferred_language="es"),
        SearchParams(query="sneakers"),
    ):
        asked.clear()
        search_library(params)
        assert asked, params


def test_a_published_article_is_found_by_the_next_search(library, search_index, kept):
    assert titles("scooter") == []
    article(library, "Scooter batteries", "A scooter battery can burst.")
    search_index.refresh()
    assert titles("scooter") == ["Scooter batteries"]


def test_an_unpublished_article_is_gone_from_the_next_search(library, search_index, kept):
    assert titles("sneakers") == ["Fake sneakers"]
    library.get_children().get(title="Fake sneakers").specific.unpublish()
    search_index.refresh()
    assert titles("sneakers") == []


def test_a_synonym_added_by_an_editor_applies_to_the_next_search(library, kept):
    assert titles("kicks") == []
    SynonymGroup.objects.create(terms="sneakers, kicks")
    assert titles("kicks") == ["Fake sneakers"]


def test_a_renamed_topic_shows_its_new_name_in_the_next_answer(site_tree, search_index, kept):
    topic = TopicFactory(name="Electronics", slug="electronics")
    article(site_tree["en"][1], "Chargers that catch fire", "A fake charger can overheat.", topics=[topic])
    search_index.refresh()
    [hit] = search_library(SearchParams(query="charger")).hits
    assert hit.topics == [{"slug": "electronics", "name": "Electronics"}]
    topic.name = "Electronics and batteries"
    topic.save()
    [hit] = search_library(SearchParams(query="charger")).hits
    assert hit.topics == [{"slug": "electronics", "name": "Electronics and batteries"}]


def test_promotions_and_search_counts_are_not_kept_with_the_answer(library, kept, client):
    for _ in range(2):
        assert client.get("/api/search", {"q": "charger"}).json()["results"][0]["promoted"] is False
    assert SearchQueryStat.objects.get(query="charger").searches == 2  # counted each time, though answered once
    promoted = library.get_children().get(title="Fake sneakers")
    SearchPromotion.objects.create(query=Query.get("charger"), page=promoted, sort_order=0)
    results = client.get("/api/search", {"q": "charger"}).json()["results"]
    assert [(hit["title"], hit["promoted"]) for hit in results] == [
        ("Fake sneakers", True),
        ("Chargers that catch fire", False),
    ]


def test_with_the_setting_at_zero_every_search_asks_elasticsearch(library, settings, asked):
    settings.SEARCH_RESULTS_CACHE_SECONDS = 0
    titles("charger")
    asked.clear()
    titles("charger")
    assert asked
