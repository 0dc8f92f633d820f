"""The library index on the real Elasticsearch node."""

import pytest

from search.models import PendingIndexUpdate
from search.queries import SearchParams, search_library
from tests.factories import ArticlePageFactory, TopicFactory, publish

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.elasticsearch]


def find(query):
    return search_library(SearchParams(query=query))


def published_article(library, **kwargs):
    article = ArticlePageFactory(parent=library, live=False, **kwargs)
    return publish(article)


def test_a_published_article_is_found(site_tree, search_index):
    library = site_tree["en"][1]
    published_article(library, title="Chargers that catch fire", summary="Fake chargers overheat.")
    search_index.refresh()

    results = find("charger fire")
    assert results.backend == "elasticsearch"
    assert [hit.title for hit in results.hits] == ["Chargers that catch fire"]
    assert results.hits[0].url.endswith("/chargers-that-catch-fire/")


def test_english_word_forms_match_through_hunspell(site_tree, search_index):
    library = site_tree["en"][1]
    published_article(library, title="Counterfeit batteries", summary="Batteries that swell.")
    search_index.refresh()
    assert [hit.title for hit in find("battery").hits] == ["Counterfeit batteries"]


def test_spanish_word_forms_and_accents_match(site_tree, search_index):
    library = site_tree["es"][1]
    published_article(library, title="Línea de ayuda para medicamentos", summary="Llame a la línea.")
    search_index.refresh()
    assert [hit.title for hit in find("linea").hits] == ["Línea de ayuda para medicamentos"]
    assert [hit.title for hit in find("medicamento").hits] == ["Línea de ayuda para medicamentos"]


def test_unpublishing_and_deleting_remove_the_article(site_tree, search_index):
    library = site_tree["en"][1]
    first = published_article(library, title="Fake perfume warning")
    second = published_article(library, title="Fake perfume stories")
    search_index.refresh()
    assert len(find("perfume").hits) == 2

    first.unpublish()
    second.delete()
    search_index.refresh()
    assert find("perfume").hits == []


def test_updates_wait_in_the_outbox_while_elasticsearch_is_unreachable(site_tree, search_index, settings):
    library = site_tree["en"][1]
    working_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens here

    article = published_article(library, title="Knock-off helmets", topics=[TopicFactory()])
    assert article.live  # publishing did not fail
    assert PendingIndexUpdate.objects.filter(index="library", object_id=article.pk).exists()

    # Meanwhile the public search answers from the database.
    results = find("helmets")
    assert results.backend == "database"
    assert [hit.title for hit in results.hits] == ["Knock-off helmets"]

    settings.ELASTICSEARCH_URL = working_url
    assert search_index.catch_up() == 1
    search_index.refresh()
    assert not PendingIndexUpdate.objects.exists()
    results = find("helmets")
    assert results.backend == "elasticsearch"
    assert [hit.title for hit in results.hits] == ["Knock-off helmets"]


def test_rebuild_swaps_in_a_new_index_without_losing_documents(site_tree, search_index):
    library = site_tree["en"][1]
    published_article(library, title="Fake airbags")
    search_index.refresh()
    client = search_index.client
    before = set(client.indices.get_alias(name=search_index.alias))

    name, count = search_index.rebuild()

    after = set(client.indices.get_alias(name=search_index.alias))
    assert after == {name} and not before & after
    assert count == 1
    assert [hit.title for hit in find("airbags").hits] == ["Fake airbags"]


def test_moving_an_article_updates_its_address_in_the_index(site_tree, search_index):
    article = published_article(site_tree["en"][1], title="Fake sunglasses")
    search_index.refresh()
    assert find("sunglasses").hits[0].url == "/library/fake-sunglasses/"

    article.move(site_tree["es"][1], pos="last-child")
    search_index.refresh()
    assert find("sunglasses").hits[0].url == "/es/biblioteca/fake-sunglasses/"


def test_renaming_a_topic_reaches_the_index(site_tree, search_index):
    topic = TopicFactory(name="Eyewear", slug="eyewear")
    published_article(site_tree["en"][1], title="Fake sunglasses", topics=[topic])
    search_index.refresh()
    topic.slug = "glasses"
    topic.save()
    search_index.refresh()
    assert find("sunglasses").hits[0].topics[0]["slug"] == "glasses"


def test_check_reports_differences_between_database_and_index(site_tree, search_index):
    from django.core.management import CommandError, call_command

    published_article(site_tree["en"][1], title="Fake sunglasses")
    search_index.refresh()
    call_command("search_index", "--index", "library", "--check")  # in step

    search_index.client.delete(index=search_index.alias, id=min(search_index.database_ids()))
    with pytest.raises(CommandError, match="differs"):
        call_command("search_index", "--index", "library", "--check")


def test_renaming_a_topic_in_the_admin_reindexes_its_articles(site_tree, search_index, client):
    from tests.factories import UserFactory

    topic = TopicFactory(name="Eyewear", slug="eyewear")
    article = published_article(site_tree["en"][1], title="Fake sunglasses", topics=[topic])
    search_index.refresh()

    client.force_login(UserFactory(groups=["Editors"]))
    response = client.post(
        f"/admin/snippets/library/topic/edit/{topic.pk}/",
        {"name": "Polarised lenses", "name_es": "", "slug": "polarised", "description": "", "description_es": ""},
    )
    assert response.status_code == 302
    search_index.refresh()

    hit = find("sunglasses").hits[0]
    assert hit.topics == [{"slug": "polarised", "name": "Polarised lenses"}]
    source = search_index.source(article.pk)
    assert (source["topics"], source["topic_names"]) == (["polarised"], ["Polarised lenses"])
