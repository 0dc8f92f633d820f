"""What one /api/search request costs the database: topics, synonyms and promotions come from the cache (dropped
when an editor changes them), search counts are written by the background worker, never in the request."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from library.models import Topic
from search.analytics import buffer
from search.models import SearchQueryStat, SynonymGroup
from tests.factories import ArticlePageFactory, TopicFactory


def rereads(sql):
    """Reads of every topic, synonym group or promotion (not the topics of the hits shown)."""
    every_topic = '"library_topic"' in sql and "articlepage_topics" not in sql
    return every_topic or "search_synonymgroup" in sql or "wagtailsearchpromotions" in sql


@pytest.fixture
def cached_lookups(settings):
    """As in production: lookups cached for a minute, search counts flushed every half minute."""
    settings.SEARCH_LOOKUP_CACHE_SECONDS = 60
    settings.SEARCH_ANALYTICS_FLUSH_SECONDS = 30
    cache.clear()
    yield
    cache.clear()
    buffer.take()  # these tests' counts, never written


@pytest.fixture
def helmets(site_tree):
    topic = TopicFactory(name="Sports gear", slug="sports-gear")
    return ArticlePageFactory(parent=site_tree["en"][1], title="Fake bike helmets", topics=[topic])


def queries_of(client, *params):
    with CaptureQueriesContext(connection) as context:
        for one in params:
            assert client.get("/api/search", one).status_code == 200
    return [query["sql"] for query in context.captured_queries]


@pytest.mark.django_db
def test_a_repeated_search_reads_no_topics_synonyms_or_promotions(client, helmets, cached_lookups):
    first = queries_of(client, {"q": "helmets", "topic": "sports-gear"})
    assert any(rereads(sql) for sql in first)  # read once...
    again = queries_of(client, {"q": "helmets", "topic": "sports-gear"}, {"q": "bike"})
    assert [sql for sql in again if rereads(sql)] == []  # ...then cached
    # The fallback's whole answer: view restrictions, the full-text match, the matches' facet values, their
    # topics and audiences, the page of articles shown (it was 11 queries, one of them a write).
    assert len(again) <= 2 * 6


def counts_words(sql):
    """The database fallback's count of the articles holding each word of a query (search/database_vocabulary.py)."""
    return " AS word, " in sql


@pytest.mark.django_db
def test_the_fallback_counts_a_querys_words_in_one_query_then_from_the_cache(client, helmets, cached_lookups):
    first = queries_of(client, {"q": "fake bike helmets"})
    assert len([sql for sql in first if counts_words(sql)]) == 1  # the three words at once (it was one each)
    again = queries_of(client, {"q": "fake bike helmets", "page": "1"}, {"q": "bike helmets", "topic": "sports-gear"})
    assert [sql for sql in again if counts_words(sql)] == []


@pytest.mark.django_db
def test_a_repeated_search_answered_by_elasticsearch_makes_no_database_query(
    client, search_index, helmets, cached_lookups
):
    search_index.rebuild()
    search_index.refresh()
    assert client.get("/api/search", {"q": "helmets"}).json()["backend"] == "elasticsearch"
    assert queries_of(client, {"q": "helmets", "topic": "sports-gear"}, {"q": "bike"}) == []  # it was 7 each


@pytest.mark.django_db
def test_a_renamed_topic_shows_in_the_next_search(client, helmets, cached_lookups):
    labels = client.get("/api/search", {"q": "helmets"}).json()["facets"]["topic"]
    assert [label["label"] for label in labels] == ["Sports gear"]
    topic = Topic.objects.get(slug="sports-gear")
    topic.name = "Sport and outdoor gear"
    topic.save()
    labels = client.get("/api/search", {"q": "helmets"}).json()["facets"]["topic"]
    assert [label["label"] for label in labels] == ["Sport and outdoor gear"]


@pytest.mark.django_db
def test_a_new_synonym_works_in_the_next_search(client, helmets, cached_lookups):
    assert client.get("/api/search", {"q": "headgear"}).json()["count"] == 0
    SynonymGroup.objects.create(terms="helmets, headgear")
    assert client.get("/api/search", {"q": "headgear"}).json()["count"] == 1


@pytest.mark.django_db
def test_a_newly_listed_word_is_a_correction_in_the_next_search(client, helmets, cached_lookups):
    assert client.get("/api/search", {"q": "haedgear"}).json()["corrected_query"] is None  # no word is that close
    SynonymGroup.objects.create(terms="helmets, headgear")
    answer = client.get("/api/search", {"q": "haedgear"}).json()
    assert answer["corrected_query"] == "headgear" and answer["count"] == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_searches_are_counted_by_the_worker_not_in_the_request(client, helmets, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    with CaptureQueriesContext(connection) as context:
        assert client.get("/api/search", {"q": "Helmets"}).json()["count"] == 1
        assert client.get("/api/search", {"q": "zzqx"}).json()["count"] == 0
    writes = [
        query["sql"]
        for query in context.captured_queries
        if "search_searchquerystat" in query["sql"]
        or query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        and "django_tasks" not in query["sql"]
    ]
    assert writes == []
    assert not SearchQueryStat.objects.exists()
    assert DBTaskResult.objects.filter(task_path="search.tasks.record_search_counts").count() == 2

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    stats = {stat.query: (stat.searches, stat.zero_result_searches) for stat in SearchQueryStat.objects.all()}
    assert stats == {"helmets": (1, 0), "zzqx": (1, 1)}


@pytest.mark.django_db
def test_counts_wait_in_memory_until_the_flush_is_due(client, helmets, settings):
    from search.analytics import flush

    settings.SEARCH_ANALYTICS_FLUSH_SECONDS = 3600
    buffer.take()
    for _ in range(3):
        client.get("/api/search", {"q": "helmets"})
    assert not SearchQueryStat.objects.exists()
    flush()  # what the next due request, or the process's exit, does
    assert SearchQueryStat.objects.get(query="helmets").searches == 3
