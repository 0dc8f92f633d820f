"""Matching by meaning (search/meaning.py): vectors beside the words, on the real Elasticsearch node."""

import pytest
from elasticsearch.dsl import Index

from search.documents import ArticleDocument
from search.library_index import LIBRARY
from search.meaning import NEIGHBOURS, closeness, combine, fused_order, names_every_word
from search.queries import PAGE_SIZE, SearchParams, fused_page, search_library
from search.writing import swap_alias
from tests.factories import ArticlePageFactory, TopicFactory, publish

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.elasticsearch]

CHARGERS = "Counterfeit phone chargers can overheat and start fires"
OTHERS = [
    ("Fake perfume can irritate your skin", "Knock-off fragrances may hold chemicals that burn or cause rashes."),
    ("How to spot a fake designer handbag", "Check the stitching, the logo and the price before you buy."),
    ("Counterfeit toys and choking hazards", "Small parts and toxic paint in toys sold online."),
]


@pytest.fixture
def vectors(settings):
    settings.SEARCH_VECTORS = True
    return settings


def article(library, title, summary, body="Read this before you buy.", **kwargs):
    page = ArticlePageFactory(
        parent=library, live=False, title=title, summary=summary, body=[("paragraph", f"<p>{body}</p>")], **kwargs
    )
    return publish(page)


@pytest.fixture
def small_library(site_tree, vectors, search_index):
    library = site_tree["en"][1]
    article(
        library,
        CHARGERS,
        "Cheap chargers sold online skip the safety parts: they get hot, melt and can set a room on fire.",
        body="A genuine charger has a heavy transformer and a fuse. A fake one is light and gets hot.",
    )
    for title, summary in OTHERS:
        article(library, title, summary)
    search_index.refresh()
    return library


def titles(query, **kwargs):
    return [hit.title for hit in search_library(SearchParams(query=query, **kwargs)).hits]


def near(identifier, cosine, title="", summary=""):
    """A kNN hit: Elasticsearch scores a cosine field (1 + cosine) / 2."""
    return {"_id": identifier, "_score": (1 + cosine) / 2, "_source": {"title": title, "summary": summary}}


def hit(identifier, title, summary="", score=1.0):
    return {"_id": identifier, "_score": score, "_source": {"title": title, "summary": summary}}


def test_the_words_and_the_meaning_combine_by_their_scores_on_a_hand_example():
    words = [hit("a", "", score=10.0), hit("b", "", score=5.0), hit("c", "", score=2.0)]
    by_meaning = [near("c", 0.5), near("d", 0.325), near("a", 0.15)]
    # a: 0.35 x 10/10 + 0.65 x 0 (0.15 close adds nothing) = 0.35; b: 0.35 x 5/10 = 0.175;
    # c: 0.35 x 2/10 + 0.65 x 1 (0.5 close, the full share) = 0.72; d: 0.65 x (0.325 - 0.15) / 0.35 = 0.325.
    assert combine(words, by_meaning) == ["c", "a", "d", "b"]
    assert [closeness(near("x", cosine)) for cosine in (0.1, 0.15, 0.325, 0.5, 0.9)] == pytest.approx(
        [0, 0, 0.5, 1, 1]
    )
    # How near counts, not only the rank: one barely-near neighbour does not pass the words' second result.
    assert combine([hit("a", "", score=4.0), hit("b", "", score=3.0)], [near("x", 0.2)]) == ["a", "b", "x"]
    assert combine([], [near("x", 0.4), near("y", 0.3)]) == ["x", "y"]
    assert combine([], []) == []


def test_meaning_never_lifts_an_article_above_one_the_words_ranked_higher_that_names_every_word():
    exact = hit("exact", "Oil filter recall", "One oil filter brand is recalled.", score=9.0)
    other_exact = hit("other-exact", "Oil filters: your questions", "", score=4.0)
    similar = hit("near", "Counterfeit air filters", "They let sludge build up.", score=8.0)  # "filters", not "oil"
    meaning_only = near("meaning-only", 0.28, "Fake cabin filters")
    words = [exact, similar, other_exact]
    by_meaning = [near("near", 0.5), meaning_only, near("exact", 0.4)]
    # Unguarded: near (8/9 and the closest) above exact, meaning-only (0.28 close) above other-exact (4/9 only).
    assert combine(words, by_meaning) == ["near", "exact", "meaning-only", "other-exact"]
    # Guarded: nothing that lacks "oil filter" passes an article the words ranked higher that names it; below the
    # named articles the combined order stays (near above meaning-only). Plurals and accents do not matter.
    assert fused_order(words, by_meaning, ["oil", "filter"]) == ["exact", "near", "other-exact", "meaning-only"]
    # A named article the words ranked lower may pass a named one (both name every word): meaning reorders them.
    assert fused_order([other_exact, exact], [near("exact", 0.5)], ["oil", "filter"]) == ["exact", "other-exact"]
    # When no title or summary names every word (a question, other wording), the plain combination decides.
    assert fused_order(words, by_meaning, ["oil", "filter", "refund"]) == combine(words, by_meaning)
    assert fused_order([], [meaning_only], ["oil"]) == ["meaning-only"]


def test_the_guard_gives_way_to_an_article_the_meaning_finds_far_closer():
    # "report a counterfeit purchase": "report" and "counterfeit" are in most articles, so only "purchase" is
    # informative. The words find an article naming it, and the meaning the guide on reporting, which does not.
    words = [
        hit("fan-gear", "Fan gear", "Shirts and scarves.", score=9.0),
        hit("jerseys", "Before you purchase", score=3.0),
    ]
    answer = near("reporting", 0.58, "How to report a counterfeit you bought online")
    # The meaning brought back fewer than NEIGHBOURS articles, so the named one, not among them, is below the floor
    # (0.15): the reporting guide is far closer (0.43 more, GUARD_YIELDS is 0.15) and keeps its combined place.
    assert fused_order(words, [answer], ["purchase"], ["report", "counterfeit"]) == [
        "reporting",
        "fan-gear",
        "jerseys",
    ]
    # A query of specific words only ("purchase" alone) keeps the guard whole: what the article names is all there is.
    assert fused_order(words, [answer], ["purchase"]) == ["fan-gear", "jerseys", "reporting"]
    # A little closer is not enough: combined, the guide (0.25 close) would pass the named article; guarded, it
    # does not.
    slightly = near("reporting", 0.25)
    assert combine(words, [slightly]) == ["fan-gear", "reporting", "jerseys"]
    assert fused_order(words, [slightly], ["purchase"], ["report", "counterfeit"]) == [
        "fan-gear",
        "jerseys",
        "reporting",
    ]
    # Every neighbour came back, the last 0.5 close: the named article, not among them, may be as close as that,
    # so 0.58 is not far closer and the guard holds.
    crowd = [answer] + [near(f"other-{number}", 0.5) for number in range(NEIGHBOURS - 1)]
    assert fused_order(words, crowd, ["purchase"], ["report", "counterfeit"]).index("jerseys") < fused_order(
        words, crowd, ["purchase"], ["report", "counterfeit"]
    ).index("reporting")


def test_an_article_names_a_word_in_the_singular_or_plural_with_or_without_accents():
    assert names_every_word({"title": "Filtros de aceite falsificados", "summary": ""}, ["filtro", "aceite"])
    assert names_every_word({"title": "Fake batteries", "summary": "Las baterías se calientan."}, ["battery"])
    assert names_every_word({"title": "Chargers", "summary": "Read this: the Cargadores falsos"}, ["cargador"])
    assert names_every_word({"title": "Fake sunglasses and watches", "summary": ""}, ["sunglass", "watch"])
    assert names_every_word({"title": "Counterfeit dress", "summary": ""}, ["dresses"])
    assert not names_every_word({"title": "Oil filters", "summary": ""}, ["oil", "pump"])
    assert not names_every_word({"title": "Oil filters", "summary": ""}, [])


def test_each_facet_value_counts_what_choosing_it_would_show():
    """meaning_counts against its definition: for every value, nearest_within with that value as its facet's filter
    (the other facets as they are), counting the articles the words do not match."""
    import random

    from search.meaning import NEIGHBOURS
    from search.queries import FACETS, meaning_counts, meaning_only, nearest_within

    values = {"topic": ["a", "b", "c"], "kind": ["guide", "alert"], "audience": ["consumers", "business"]}
    values["language"] = ["en", "es"]
    chance = random.Random(13)
    for _ in range(200):
        hits = [
            {
                "_id": str(number),
                "matched_queries": ["words"] if chance.random() < 0.4 else [],
                "fields": {
                    FACETS[name]: chance.sample(options, chance.randint(1, 2)) for name, options in values.items()
                },
            }
            for number in range(2 * NEIGHBOURS)
        ]
        filters = {name: chance.sample(options, chance.randint(0, 2)) for name, options in values.items()}
        counts = meaning_counts([], hits, filters)
        for name, options in values.items():
            for value in options:
                expected = len(meaning_only([], nearest_within(hits, {**filters, name: [value]})))
                assert counts[name].get(value, 0) == expected, (name, value, filters)


def test_paging_through_fused_results_shows_every_article_once():
    """A deeper page brings back more of the words' results; an article naming every word far down the words' list
    must not reorder the earlier pages (which would show an article twice and skip another)."""
    words = [
        hit(f"w{rank}", "Oil filter recall" if rank in (0, 1, 2, 3, 4, 25) else "Filters", score=60.0 - rank)
        for rank in range(60)
    ]
    by_meaning = [near("m0", 0.45, "Fake cabin filters"), near("m1", 0.4, "Air filters"), near("w40", 0.35, "Filters")]
    pages = [
        fused_page(SearchParams(query="oil filter", page=page), words[: page * PAGE_SIZE + 10], by_meaning, ["oil"])
        for page in range(1, 6)
    ]
    shown = [identifier for page in pages for identifier in page]
    assert len(shown) == len(set(shown)), pages
    # Every word match down to the end of page 5 is on one of the pages, and both meaning-only articles.
    assert set(shown) == {f"w{rank}" for rank in range(48)} | {"m0", "m1", "w40"}, pages


CAR_FILTERS = [
    (
        "Counterfeit air filters clog engines",
        "Fake engine air filters let dust into the motor.",
        "A fake filter lets dirt and oil sludge build up in your engine; change the oil and the filter.",
    ),
    (
        "Fake cabin filters and car engine damage",
        "Knock-off car filters fall apart inside the engine.",
        "Cheap filter paper tears; oil pressure drops and the engine wears out.",
    ),
    (
        "Replica fuel filters in car parts shops",
        "Fake fuel filters let dirt reach the injectors of your engine.",
        "Check the filter housing; oil and fuel leaks are signs of a fake part.",
    ),
]
RECALL = "Oil filter recall notice"


@pytest.fixture
def car_parts(site_tree, vectors, search_index):
    """An article naming "oil filter" whose body is about refunds (so its meaning drifts away), and three articles
    about other car filters, close to "oil filter" by meaning, that mention oil only in their bodies."""
    library = site_tree["en"][1]
    article(
        library,
        RECALL,
        "A recall notice for one oil filter brand and how to claim a refund.",
        body="Keep your receipt. Write to the seller, ask for a refund, keep copies of every letter and the packaging.",
    )
    for title, summary, body in CAR_FILTERS:
        article(library, title, summary, body=body)
    for title, summary in OTHERS[::2]:
        article(library, title, summary)
    search_index.refresh()
    return library


@pytest.mark.parametrize("query", ["oil filter", "oil filters"])
def test_the_article_naming_what_was_asked_stays_first_above_near_alike_articles(client, car_parts, query):
    """With equal-weight fusion the air-filter article (closer by meaning) came first for "oil filter"."""
    results = client.get("/api/search", {"q": query}).json()["results"]
    assert results[0]["title"] == RECALL
    assert {hit["title"] for hit in results[1:4]} == {title for title, _summary, _body in CAR_FILTERS}


def test_a_question_still_gets_the_article_found_only_by_meaning_among_the_first(
    client, small_library, site_tree, search_index
):
    """The words find a Spanish article holding one word of the question ("humo"); no article names all of them,
    so nothing is guarded and the chargers article, found by meaning only, stays among the first two."""
    smoke = article(
        site_tree["es"][1],
        "El humo de los cigarrillos electrónicos",
        "Los vapeadores falsos dejan un humo con metales.",
    )
    search_index.refresh()

    answer = client.get("/api/search", {"q": "el enchufe del movil echa humo"}).json()
    found = [hit["title"] for hit in answer["results"]]
    assert CHARGERS in found[:2] and smoke.title in found


@pytest.mark.parametrize("question", ["el enchufe del movil echa humo", "mi telefono se quema al cargar"])
def test_a_spanish_question_finds_an_english_article_on_its_subject_only_by_meaning(
    client, small_library, settings, question
):
    query = {"q": question}
    answer = client.get("/api/search", query).json()
    assert [hit["title"] for hit in answer["results"]] == [CHARGERS]
    # Found by meaning only: no word to highlight, so the summary is shown as it is.
    assert answer["results"][0]["highlight"].startswith("Cheap chargers sold online")
    assert answer["count"] == 1 and answer["backend"] == "elasticsearch"

    settings.SEARCH_VECTORS = False
    answer = client.get("/api/search", query).json()
    assert answer["count"] == 0 and answer["results"] == []


def test_the_search_page_shows_an_article_found_by_meaning(client, small_library):
    response = client.get("/search/", {"q": "el enchufe del movil echa humo"})
    assert response.status_code == 200
    assert CHARGERS in response.text


def test_nonsense_still_finds_nothing(client, small_library):
    for query in ("xyzzy qwerty", "pizza recipe"):
        answer = client.get("/api/search", {"q": query}).json()
        assert answer["count"] == 0 and answer["results"] == [], query


def test_with_vectors_off_the_words_alone_decide(small_library, settings):
    assert titles("cargador falso se calienta")[0] == CHARGERS  # the words and the meaning agree
    questions = ["el enchufe del movil echa humo", "toxic chemicals"]
    on = [search_library(SearchParams(query=question)) for question in questions]

    settings.SEARCH_VECTORS = False
    off = [search_library(SearchParams(query=question)) for question in questions]
    assert [results.word_count for results in off] == [None, None]  # searches by words only
    assert [results.count for results in off] == [results.word_count for results in on] == [0, 2]
    assert on[0].count == 1  # meaning finds what the words cannot


def test_sorted_by_date_the_words_decide(small_library):
    assert titles("el enchufe del movil echa humo", sort="newest") == []


def test_an_edited_article_is_found_by_its_new_meaning(small_library, search_index):
    page = ArticlePageFactory._meta.model.objects.get(title=OTHERS[0][0])
    assert titles("perfume falso irrita la piel")[0] == OTHERS[0][0]
    before = search_index.source(page.pk)["meaning"]

    page.title = "Gift card scams on fake shopping sites"
    page.summary = "Sellers who ask to be paid with gift cards are scammers: the money cannot be recovered."
    publish(page)
    search_index.refresh()

    assert search_index.source(page.pk)["meaning"] != before
    assert titles("me pidieron pagar con tarjetas de regalo")[0] == "Gift card scams on fake shopping sites"
    assert "Gift card scams on fake shopping sites" not in titles("perfume falso irrita la piel")[:1]


def test_page_two_continues_the_fused_order(site_tree, vectors, search_index):
    library = site_tree["en"][1]
    for number in range(PAGE_SIZE + 4):
        article(library, f"Counterfeit charger warning {number}", f"Charger number {number} can overheat.")
    for title, summary in OTHERS:
        article(library, title, summary)
    search_index.refresh()

    first = search_library(SearchParams(query="charger overheating"))
    second = search_library(SearchParams(query="charger overheating", page=2))
    assert len(first.hits) == PAGE_SIZE and first.count == second.count
    assert first.count == PAGE_SIZE + len(second.hits)
    shown = [hit.title for hit in first.hits + second.hits]
    assert len(set(shown)) == len(shown)  # nothing twice, nothing skipped
    assert {f"Counterfeit charger warning {number}" for number in range(PAGE_SIZE + 4)} <= set(shown)


def test_an_index_built_before_the_vector_field_still_answers(client, site_tree, vectors, search_index):
    """An index from before this field (not rebuilt yet): the search answers by words, no error."""
    index = Index("unused")
    index.document(ArticleDocument)
    definition = index.to_dict()
    del definition["mappings"]["properties"]["meaning"]
    old = f"{LIBRARY.alias}-old"
    search_index.client.indices.create(index=old, **definition)
    swap_alias(LIBRARY, old)
    library = site_tree["en"][1]
    vectors.SEARCH_VECTORS = False  # written as an old site wrote it: no vector
    article(library, CHARGERS, "Cheap chargers get hot.")
    search_index.refresh()

    vectors.SEARCH_VECTORS = True
    response = client.get("/api/search", {"q": "chargers"})
    assert response.status_code == 200
    assert [hit["title"] for hit in response.json()["results"]] == [CHARGERS]
    assert response.json()["backend"] == "elasticsearch"


PLUG = "Adaptador de enchufe universal para viajes"


@pytest.fixture
def plug_library(small_library, search_index):
    """Besides the small library, an alert whose words hold "enchufe": the Spanish question about a smoking phone
    plug finds it by its words, and the chargers article only by meaning."""
    article(small_library, PLUG, "Un enchufe para cargar en cualquier país.", kind="alert")
    search_index.refresh()
    return small_library


def facet_counts(answer, name):
    return {facet["value"]: facet["count"] for facet in answer["facets"][name]}


def test_the_count_and_the_facets_include_an_article_found_by_meaning_only(client, plug_library, settings):
    answer = client.get("/api/search", {"q": "el enchufe del movil echa humo"}).json()
    assert {hit["title"] for hit in answer["results"]} == {PLUG, CHARGERS}
    assert answer["count"] == 2
    assert facet_counts(answer, "kind") == {"alert": 1, "guide": 1}
    assert facet_counts(answer, "language") == {"en": 2}
    assert sorted(facet_counts(answer, "topic").values()) == [1, 1]
    # The words' match shows its words highlighted; the meaning's, its summary as it is.
    highlights = {hit["title"]: hit["highlight"] for hit in answer["results"]}
    assert "<mark>enchufe</mark>" in highlights[PLUG]
    assert highlights[CHARGERS].startswith("Cheap chargers sold online")

    settings.SEARCH_VECTORS = False
    answer = client.get("/api/search", {"q": "el enchufe del movil echa humo"}).json()
    assert [hit["title"] for hit in answer["results"]] == [PLUG]
    assert answer["count"] == 1 and facet_counts(answer, "kind") == {"alert": 1}


def test_a_filter_applies_to_the_articles_found_by_meaning(client, plug_library):
    question = "el enchufe del movil echa humo"
    alerts = client.get("/api/search", {"q": question, "kind": "alert"}).json()
    assert [hit["title"] for hit in alerts["results"]] == [PLUG] and alerts["count"] == 1, alerts

    guides = client.get("/api/search", {"q": question, "kind": "guide"}).json()
    assert [hit["title"] for hit in guides["results"]] == [CHARGERS] and guides["count"] == 1
    assert facet_counts(guides, "language") == {"en": 1}


def test_with_a_facet_selected_its_other_values_count_what_clicking_them_shows(client, plug_library):
    """The chargers guide is found by meaning only: with "alert" selected, the kind facet still counts it under
    "guide", and choosing "guide" shows exactly that many."""
    question = "el enchufe del movil echa humo"
    alerts = client.get("/api/search", {"q": question, "kind": "alert"}).json()
    assert facet_counts(alerts, "kind") == {"alert": 1, "guide": 1}, alerts["facets"]
    for kind, count in facet_counts(alerts, "kind").items():
        assert client.get("/api/search", {"q": question, "kind": kind}).json()["count"] == count


def test_an_article_found_both_ways_is_counted_once(site_tree, vectors, search_index):
    """More word matches than the words' search brings back for the fusion: the nearest articles by meaning are among
    them (same topic filter), wherever the words rank them, so the count is the words' count."""
    library = site_tree["en"][1]
    chargers = TopicFactory(name="Chargers", slug="chargers")
    many = 3 * PAGE_SIZE
    for number in range(many):
        article(
            library,
            f"Counterfeit charger warning {number}",
            f"Charger number {number} sold online can overheat, melt or catch fire.",
            topics=[chargers],
        )
    for title, summary in OTHERS:
        article(library, title, summary)
    search_index.refresh()

    for page in (1, 2, 3):
        results = search_library(SearchParams(query="phone charger fire", topics=["chargers"], page=page))
        assert results.word_count == many
        assert results.count == many
        assert {facet["value"]: facet["count"] for facet in results.facets["topic"]}["chargers"] == many
    shown = [
        hit
        for page in (1, 2, 3)
        for hit in search_library(SearchParams(query="phone charger fire", topics=["chargers"], page=page)).hits
    ]
    assert len(shown) == many
    assert len({hit.url for hit in shown}) == many  # every article once
    # Each is a match of the words, so each shows them highlighted, however deep the words rank it.
    assert all("<mark>" in hit.highlight for hit in shown)


def test_every_page_highlights_the_words(client, site_tree, vectors, search_index):
    library = site_tree["en"][1]
    for number in range(PAGE_SIZE + 4):
        article(library, f"Counterfeit charger warning {number}", f"Charger number {number} can overheat.")
    search_index.refresh()

    for page in (1, 2):
        answer = client.get("/api/search", {"q": "charger", "page": page}).json()
        assert answer["results"]
        assert all("<mark>" in hit["highlight"].lower() for hit in answer["results"]), answer["results"]
