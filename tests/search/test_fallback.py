"""Without Elasticsearch, the same page and API answer from the database."""

import pytest

from search.analytics import normalise
from search.queries import SearchParams, search_library
from tests.factories import ArticlePageFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_without_elasticsearch_the_database_answers(client, site_tree):
    ArticlePageFactory(parent=site_tree["en"][1], title="Counterfeit airbags", summary="They may not open.")
    results = search_library(SearchParams(query="airbags"))
    assert results.backend == "database"
    assert [hit.title for hit in results.hits] == ["Counterfeit airbags"]
    api = client.get("/api/search", {"q": "airbags"}).json()
    assert api["count"] == 1 and api["backend"] == "database"
    assert api["results"][0]["url"].endswith("/counterfeit-airbags/")


def test_the_database_answer_marks_the_words_searched_in_the_summary(site_tree):
    ArticlePageFactory(parent=site_tree["en"][1], title="Airbags", summary="Fake airbags may not open <b>at all</b>.")
    [hit] = search_library(SearchParams(query="airbags open")).hits  # words SQLite's search matches too, as written
    assert hit.highlight == "Fake <mark>airbags</mark> may not <mark>open</mark> &lt;b&gt;at all&lt;/b&gt;."


def test_an_unreachable_cluster_falls_back_with_a_log_line(client, site_tree, settings, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens here
    ArticlePageFactory(parent=site_tree["en"][1], title="Fake helmets")
    response = client.get("/search/", {"q": "helmets"})
    assert response.status_code == 200
    assert "Fake helmets" in response.text
    assert "answering the library search from the database" in caplog.text


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "two"}, "page"),
        ({"page": "5000"}, "page"),
        ({"kind": "poem"}, "kind"),
        ({"language": "fr"}, "language"),
        ({"sort": "random"}, "sort"),
        ({"q": "x" * 201}, "q"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_the_api_rejects_bad_parameters_with_a_clear_message(client, site_tree, params, field):
    response = client.get("/api/search", params)
    assert response.status_code == 400
    messages = response.json()["errors"][field]
    assert messages and all(len(message) > 10 for message in messages)


def test_personal_details_never_reach_the_query_log():
    assert normalise("Fake Chargers") == "fake chargers"
    assert normalise("jane@example.com fake") == "[personal details removed]"
    assert normalise("call 202-555-0143") == "[personal details removed]"
    # Every tracking number the search page recognises, however it was typed, is removed too.
    assert normalise("cf7k2m9qxd status") == "[personal details removed]"
    assert normalise("1Z999AA10123456784") == "[personal details removed]"
    assert normalise("seizure 2025-2704-000451") == "[personal details removed]"  # a seizure notice's case


def test_a_synonym_added_in_the_admin_makes_the_database_search_find_the_article(client, site_tree):
    ArticlePageFactory(
        parent=site_tree["en"][1],
        title="Self-balancing scooters that catch fire",
        summary="Cheap boards with no safety mark.",
    )
    assert "Self-balancing scooters" not in client.get("/search/", {"q": "hoverboard"}).text

    client.force_login(UserFactory(groups=["Editors"]))
    saved = client.post("/admin/snippets/search/synonymgroup/add/", {"terms": "hoverboard, scooters", "note": ""})
    assert saved.status_code == 302

    page = client.get("/search/", {"q": "hoverboard"})
    assert "Self-balancing scooters that catch fire" in page.text
    api = client.get("/api/search", {"q": "hoverboard"}).json()
    assert api["backend"] == "database" and api["count"] == 1
    assert api["results"][0]["url"].endswith("/self-balancing-scooters-that-catch-fire/")
    assert set(api["results"][0]) == {
        "title", "url", "summary", "highlight", "topics", "kind", "language", "published_at", "promoted",
    }  # fmt: skip


def test_knockoff_finds_the_counterfeit_article_on_the_database(client, site_tree):
    """The default synonyms (a migration) reach the fallback too, in the API and on the page."""
    ArticlePageFactory(parent=site_tree["en"][1], title="Counterfeit sunglasses", summary="No UV protection.")
    api = client.get("/api/v1/search", {"q": "knockoff sunglasses"}).json()
    assert api["backend"] == "database"
    assert [hit["title"] for hit in api["results"]] == ["Counterfeit sunglasses"]
    assert [hit["title"] for hit in client.get("/api/search", {"q": "knockoff"}).json()["results"]] == [
        "Counterfeit sunglasses"
    ]


def test_the_words_typed_rank_above_a_synonym(client, site_tree):
    library = site_tree["en"][1]
    ArticlePageFactory(parent=library, title="Counterfeit watches", summary="Fake gold, real losses.")
    ArticlePageFactory(parent=library, title="Knockoff watches", summary="What to look for on the dial.")
    titles = [hit["title"] for hit in client.get("/api/search", {"q": "knockoff"}).json()["results"]]
    assert titles == ["Knockoff watches", "Counterfeit watches"]
    # A word nobody listed as a synonym still finds nothing extra.
    assert client.get("/api/search", {"q": "sundial"}).json()["count"] == 0


def _common_word_library(site_tree):
    """Six articles that all say "fake" (the library's common word), one about sneakers, one about Lego sets."""
    parent = site_tree["en"][1]
    for thing in ("chargers", "perfume", "airbags", "medicines", "earbuds", "makeup"):
        ArticlePageFactory(parent=parent, title=f"Fake {thing}", summary=f"Fake {thing} sold online are risky.")
    ArticlePageFactory(parent=parent, title="Replica sneakers", summary="Fake sneakers fall apart fast.")
    ArticlePageFactory(parent=parent, title="Building sets for children", summary="Lego sets copied cheaply.")


def test_a_misspelt_word_next_to_a_common_one_is_corrected_on_the_database(client, site_tree):
    _common_word_library(site_tree)
    api = client.get("/api/search", {"q": "fake sneekers"}).json()
    assert api["backend"] == "database"
    assert (api["corrected_query"], api["original_query"]) == ("fake sneakers", "fake sneekers")
    assert api["results"][0]["title"] == "Replica sneakers"
    as_typed = client.get("/api/search", {"q": "fake sneekers", "as_typed": "1"}).json()
    assert as_typed["corrected_query"] is None


def test_a_rare_word_outranks_the_common_one_on_the_database(client, site_tree):
    _common_word_library(site_tree)
    api = client.get("/api/search", {"q": "fake lego"}).json()
    assert api["results"][0]["title"] == "Building sets for children"


def test_a_correctly_spelt_word_the_library_lacks_is_not_corrected_on_the_database(client, site_tree):
    _common_word_library(site_tree)
    for query in ("fake injection", "fake $2.99 charger", "recibí un producto falso"):
        api = client.get("/api/search", {"q": query}).json()
        assert api["suggestion"] is None and api["corrected_query"] is None, query


@pytest.mark.parametrize("query", ["mi cargador se calienta", "no puede devolverlo"])
def test_a_spanish_stem_changing_verb_is_not_corrected_on_the_database(client, site_tree, query):
    # "calienta" (calentar) and "puede" (poder) are real words one letter from words the library holds.
    ArticlePageFactory(parent=site_tree["es"][1], title="Cargador caliente", summary="Un cargador caliente quema.")
    ArticlePageFactory(parent=site_tree["es"][1], title="Devoluciones", summary="Si no pude devolverlo, reclame.")
    api = client.get("/api/search", {"q": query, "language": "es"}).json()
    assert api["backend"] == "database"
    assert api["suggestion"] is None and api["corrected_query"] is None, api


def test_an_article_published_after_a_search_is_weighed_at_once_on_the_database(client, site_tree):
    """The fallback keeps how many articles hold each word in the cache; publishing an article counts them again."""
    parent = site_tree["en"][1]
    for thing in ("chargers", "perfume", "airbags", "medicines", "earbuds", "makeup"):
        ArticlePageFactory(parent=parent, title=f"Fake {thing}", summary=f"Fake {thing} sold online are risky.")
    before = client.get("/api/search", {"q": "fake lego"}).json()
    assert "Building sets for children" not in [hit["title"] for hit in before["results"]]

    ArticlePageFactory(parent=parent, title="Building sets for children", summary="Lego sets copied cheaply.")
    after = client.get("/api/search", {"q": "fake lego"}).json()
    # "lego" is now in one article, "fake" in six: the rare word ranks its article first.
    assert after["backend"] == "database"
    assert after["results"][0]["title"] == "Building sets for children"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_article_indexed_later_by_the_worker_is_found_once_it_is_indexed(client, site_tree, settings):
    """Production writes the database search index in the background worker, after the save: a fallback search in
    between must not keep the article out of later results."""
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    parent = site_tree["en"][1]
    for thing in ("chargers", "perfume", "airbags", "medicines", "earbuds", "makeup"):
        ArticlePageFactory(parent=parent, title=f"Fake {thing}", summary=f"Fake {thing} sold online are risky.")
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    ArticlePageFactory(parent=parent, title="Building sets for children", summary="Lego sets copied cheaply.")
    waiting = client.get("/api/search", {"q": "fake lego"}).json()  # before the worker indexed it
    assert "Building sets for children" not in [hit["title"] for hit in waiting["results"]]

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    after = client.get("/api/search", {"q": "fake lego"}).json()
    assert after["backend"] == "database"
    assert after["results"][0]["title"] == "Building sets for children"


def _written_in_two_library(site_tree):
    """Articles that write "e-bike" and "power bank" in two, beside the common-word library."""
    _common_word_library(site_tree)
    parent = site_tree["en"][1]
    ArticlePageFactory(parent=parent, title="Fake e-bike batteries", summary="An e-bike battery sold cheap can burn.")
    ArticlePageFactory(parent=parent, title="Bike locks", summary="Copied bike locks open with a pen.")
    ArticlePageFactory(parent=parent, title="Phone chargers on the go", summary="A fake power bank may overheat.")


def test_a_word_the_articles_write_in_two_is_not_corrected_on_the_database(client, site_tree):
    """No article holds "ebike"; they say "e-bike": it was "corrected" to "bike" (so "ebike battery" searched "bike
    battery"); it is known, and the articles writing the two words are found."""
    _written_in_two_library(site_tree)
    api = client.get("/api/search", {"q": "ebike battery"}).json()
    assert api["backend"] == "database"
    assert api["corrected_query"] is None and api["suggestion"] is None, api
    assert api["results"][0]["title"] == "Fake e-bike batteries"
    assert "Bike locks" not in [hit["title"] for hit in api["results"]]


def test_one_word_the_articles_write_in_two_finds_them_on_the_database(client, site_tree):
    _written_in_two_library(site_tree)
    for query in ({"q": "powerbank"}, {"q": "powerbank", "as_typed": "1"}):
        api = client.get("/api/search", query).json()
        assert api["corrected_query"] is None and api["suggestion"] is None, api
        assert [hit["title"] for hit in api["results"]] == ["Phone chargers on the go"], query


def test_a_real_misspelling_is_still_corrected_beside_a_word_written_in_two_on_the_database(client, site_tree):
    _written_in_two_library(site_tree)
    api = client.get("/api/search", {"q": "ebike batery"}).json()
    assert (api["corrected_query"], api["original_query"]) == ("ebike battery", "ebike batery")
    assert api["results"][0]["title"] == "Fake e-bike batteries"
    # No cut leaves a stop word, which the index leaves out: "inport" is not "in port" (found as "port" alone).
    ArticlePageFactory(parent=site_tree["en"][1], title="Import rules", summary="What you may import by mail.")
    ArticlePageFactory(parent=site_tree["en"][1], title="Seized at the port", summary="Fake toys stopped in port.")
    api = client.get("/api/search", {"q": "inport"}).json()
    assert (api["corrected_query"], api["original_query"]) == ("import", "inport")
    assert [hit["title"] for hit in api["results"]] == ["Import rules"]
    # Nor one the database leaves out (PostgreSQL's English "s"): "schargers" is not "s chargers", found as "chargers".
    api = client.get("/api/search", {"q": "fake schargers"}).json()
    assert (api["corrected_query"], api["original_query"]) == ("fake chargers", "fake schargers")
