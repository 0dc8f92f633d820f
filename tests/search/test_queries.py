"""Search quality and features on the real Elasticsearch node."""

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from library.models import Kind
from search.models import SearchQueryStat, SynonymGroup
from search.queries import SearchParams, search_library
from search.synonyms import expand_synonyms
from tests.factories import ArticlePageFactory, TopicFactory, publish

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.elasticsearch]


def article(library, title, summary="A plain summary.", body="Some guidance.", **kwargs):
    page = ArticlePageFactory(
        parent=library, live=False, title=title, summary=summary, body=[("paragraph", f"<p>{body}</p>")], **kwargs
    )
    return publish(page)


def titles(query, **kwargs):
    return [hit.title for hit in search_library(SearchParams(query=query, **kwargs)).hits]


@pytest.fixture
def library(site_tree):
    return site_tree["en"][1]


def test_a_title_match_ranks_above_a_body_match(library, search_index):
    article(library, "Staying safe with toys", body="Some sellers ship magnets without warnings.")
    article(library, "Magnets in toys", body="How to check a toy before you buy it.")
    search_index.refresh()
    assert titles("magnets")[0] == "Magnets in toys"


def test_an_exact_phrase_ranks_above_scattered_words(library, search_index):
    article(library, "Shipping notes", body="A notice came. Later, the seizure of a bag was reported.")
    article(library, "Letters from customs", body="What a seizure notice means for your order.")
    search_index.refresh()
    assert titles("seizure notice")[0] == "Letters from customs"


def test_typos_are_forgiven(library, search_index):
    article(library, "Counterfeit makeup", summary="Fake cosmetics can hold lead.")
    search_index.refresh()
    assert titles("counterfit makeup") == ["Counterfeit makeup"]


def test_plural_and_singular_match(library, search_index):
    article(library, "Batteries that swell", summary="Swollen batteries can burst.")
    search_index.refresh()
    assert titles("battery") == ["Batteries that swell"]


def test_accents_are_forgiven(site_tree, search_index):
    article(site_tree["es"][1], "Compras en línea", summary="Consejos para comprar en línea.")
    search_index.refresh()
    assert titles("linea") == ["Compras en línea"]


def test_spanish_word_forms_match(site_tree, search_index):
    article(site_tree["es"][1], "Medicamentos falsificados", summary="No compre medicamentos sin receta.")
    search_index.refresh()
    assert titles("medicamento falso") == ["Medicamentos falsificados"]


def test_synonyms_from_the_admin_apply_without_reindexing(library, search_index):
    article(library, "Knockoff sneakers", summary="Why cheap copies of shoes matter.")
    search_index.refresh()
    assert "Knockoff sneakers" not in titles("bootleg")

    SynonymGroup.objects.create(terms="knockoff, bootleg")
    assert titles("bootleg") == ["Knockoff sneakers"]


def test_default_synonyms_cover_fakes_and_parcels():
    groups = [group.term_list() for group in SynonymGroup.objects.all()]
    assert "counterfeit" in expand_synonyms("dupe perfume", groups)
    assert "parcel" in expand_synonyms("my package was held", groups)
    assert "charger" in expand_synonyms("power adapter hot", groups)


def test_a_spanish_reader_who_calls_a_seizure_incautacion_finds_the_decomiso_article(site_tree, search_index):
    spanish = site_tree["es"][1]
    article(spanish, "Qué significa un aviso de decomiso", summary="CBP retuvo su paquete: sus opciones y plazos.")
    article(spanish, "Juguetes seguros", summary="Cómo revisar un juguete antes de comprarlo.")
    search_index.refresh()
    assert titles("carta de incautación")[:1] == ["Qué significa un aviso de decomiso"]
    assert titles("my order was confiscated")[:1] == ["Qué significa un aviso de decomiso"]


def test_a_word_of_the_shipped_groups_finds_the_article_in_the_other_words(library, search_index):
    article(library, "Spotting a fraudulent online shop", summary="Signs that a shop will take your money.")
    article(library, "Safe toys", summary="How to check a toy before you buy it.")
    search_index.refresh()
    assert titles("is this a scam")[:1] == ["Spotting a fraudulent online shop"]


def test_facet_counts_stay_right_with_two_filters_on(library, search_index):
    toys, cosmetics = TopicFactory(slug="toys"), TopicFactory(slug="cosmetics")
    article(library, "Fake toy alert", kind=Kind.ALERT, topics=[toys])
    article(library, "Fake toy guide", kind=Kind.GUIDE, topics=[toys])
    article(library, "Fake lipstick alert", kind=Kind.ALERT, topics=[cosmetics])
    article(library, "Fake lipstick guide", kind=Kind.GUIDE, topics=[cosmetics])
    article(library, "Fake cream guide", kind=Kind.GUIDE, topics=[cosmetics])
    search_index.refresh()

    results = search_library(SearchParams(query="fake", topics=["cosmetics"], kinds=["guide"]))
    assert sorted(hit.title for hit in results.hits) == ["Fake cream guide", "Fake lipstick guide"]
    counts = {name: {f["value"]: f["count"] for f in facets} for name, facets in results.facets.items()}
    # Each facet counts with every *other* filter applied.
    assert counts["topic"] == {"cosmetics": 2, "toys": 1}
    assert counts["kind"] == {"guide": 2, "alert": 1}
    assert counts["language"] == {"en": 2}


def test_results_carry_a_highlighted_snippet(library, search_index):
    article(library, "Parcel letters", body="If a parcel is held, you get a letter <b>by mail</b>.")
    search_index.refresh()
    hit = search_library(SearchParams(query="held")).hits[0]
    assert "<mark>held</mark>" in hit.highlight
    assert "<b>" not in hit.highlight  # the source text is escaped


def test_the_snippet_highlights_the_plural_of_a_word_searched_in_the_singular(library, search_index):
    article(library, "Power", summary="Cheap chargers overheat.", body="Swollen batteries can burst.")
    article(library, "Eyewear", summary="Fake glasses and a watch.", body="Sold in boxes.")
    search_index.refresh()
    assert "<mark>chargers</mark>" in search_library(SearchParams(query="charger")).hits[0].highlight
    assert "<mark>batteries</mark>" in search_library(SearchParams(query="battery")).hits[0].highlight
    assert "<mark>glasses</mark>" in search_library(SearchParams(query="glass")).hits[0].highlight
    assert "<mark>watch</mark>" in search_library(SearchParams(query="watches")).hits[0].highlight


def test_a_misspelled_query_is_corrected(library, search_index):
    article(library, "Counterfeit chargers", body="Counterfeit chargers overheat and start fires.")
    search_index.refresh()
    results = search_library(SearchParams(query="conterfeit chargrs"))
    assert results.corrected_query == "counterfeit chargers"
    assert [hit.title for hit in results.hits] == ["Counterfeit chargers"]


def test_a_partly_correctable_query_gets_a_suggestion(library, search_index):
    # "qxzvw" has no correction, so the words as typed are searched and the correction only offered.
    article(library, "Counterfeit chargers", body="Counterfeit chargers overheat and start fires.")
    search_index.refresh()
    results = search_library(SearchParams(query="chargrs qxzvw"))
    assert results.corrected_query is None
    assert results.suggestion == "chargers qxzvw"


def test_autocomplete_offers_titles_as_people_type(client, library, search_index):
    article(library, "Chargers that catch fire")
    article(library, "Cheap cosmetics")
    search_index.refresh()
    response = client.get("/search/autocomplete/", {"q": "charg"})
    assert [s["title"] for s in response.json()["suggestions"]] == ["Chargers that catch fire"]
    response = client.get("/search/autocomplete/", {"q": "fire"})  # a later word of the title
    assert [s["title"] for s in response.json()["suggestions"]] == ["Chargers that catch fire"]


def test_best_bets_come_first(library, search_index):
    article(library, "Fake chargers", summary="Chargers and fires.")
    pinned = article(library, "How to report a fake", summary="Where to tell us.")
    search_index.refresh()
    SearchPromotion.objects.create(query=Query.get("charger"), page=pinned, sort_order=0)

    results = search_library(SearchParams(query="charger"))
    assert [hit.title for hit in results.promoted] == ["How to report a fake"]
    assert "How to report a fake" not in [hit.title for hit in results.hits]


def test_newest_first(library, search_index):
    from datetime import timedelta

    from django.utils import timezone

    old = article(library, "Old fake watches")
    new = article(library, "New fake watches")
    type(old).objects.filter(pk=old.pk).update(first_published_at=timezone.now() - timedelta(days=400))
    search_index.rebuild()
    assert titles("fake watches", sort="newest") == ["New fake watches", "Old fake watches"]
    assert new.live


def test_the_page_and_the_api_agree_and_log_the_query(client, library, search_index):
    article(library, "Fake helmets", summary="Knock-off helmets crack.")
    search_index.refresh()
    page = client.get("/search/", {"q": "helmets"})
    assert page.status_code == 200 and "Fake helmets" in page.text
    api = client.get("/api/search", {"q": "helmets"}).json()
    assert api["count"] == 1
    assert api["results"][0]["title"] == "Fake helmets"
    assert set(api["results"][0]) >= {
        "title",
        "url",
        "summary",
        "highlight",
        "topics",
        "kind",
        "language",
        "published_at",
    }
    assert set(api["facets"]) == {"topic", "kind", "audience", "language"}
    assert SearchQueryStat.objects.get(query="helmets").searches == 2


def test_a_search_with_no_results_helps(client, library, search_index):
    TopicFactory(name="Toys", slug="toys")
    article(library, "Toy safety", topics=[])
    search_index.refresh()
    page = client.get("/search/", {"q": "zzqx"})
    assert "No articles match your search" in page.text
    assert "/report/" in page.text
    stat = SearchQueryStat.objects.get(query="zzqx")
    assert stat.zero_result_searches == 1
