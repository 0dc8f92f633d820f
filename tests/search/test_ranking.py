"""Ranking that holds on content it was never tuned on: generic words, misspelt words, corrections.

Each test builds a small library in which some words are in most articles ("knockoff", "counterfeit",
"falsificado"), as in the real one, on the real Elasticsearch node.
"""

import pytest
from django.core.cache import cache

from search.connection import get_client
from search.queries import SearchParams, search_library
from search.vocabulary import describe, join_split_words
from tests.factories import ArticlePageFactory, publish

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.elasticsearch]


def article(library, title, summary, body):
    page = ArticlePageFactory(
        parent=library, live=False, title=title, summary=summary, body=[("paragraph", f"<p>{body}</p>")]
    )
    return publish(page)


def english_library(library):
    """Knockoff chargers say "knockoff" loudly; the one article about sneakers says it once."""
    article(
        library,
        "Knockoff chargers: knockoff danger",
        "Knockoff chargers overheat.",
        "A knockoff charger has no fuse. Counterfeit chargers start fires; a fake adapter can shock you.",
    )
    article(
        library,
        "Knockoff charger fires",
        "Why a knockoff charger burns.",
        "Counterfeit knockoff chargers are cheap. Buy chargers from the maker, not a fake listing.",
    )
    article(
        library,
        "Counterfeit sneakers hurt your feet",
        "Replica sneakers fall apart.",
        "Counterfeit sneakers have no support. A knockoff pair of sneakers can cause injuries when running.",
    )
    article(
        library,
        "Fake toys and small magnets",
        "Knockoff toys break.",
        "Counterfeit toys can hide magnets. A knockoff doll may hold lead paint; an injection-moulded fake cracks.",
    )
    article(
        library,
        "Counterfeit makeup",
        "Knockoff cosmetics can hold lead.",
        "Fake lipstick and counterfeit mascara cause infection. Knockoff kits cost $2.99 online.",
    )
    article(
        library,
        "Counterfeit medicines",
        "Knockoff pills and injections.",
        "A counterfeit injection pen or fake insulin is dangerous. Knockoff male enhancement pills were made abroad.",
    )


def spanish_library(library):
    article(
        library,
        "Cargadores falsificados",
        "Un cargador falsificado se calienta.",
        "Los cargadores falsificados causan incendios. Compre cargadores originales.",
    )
    article(
        library,
        "Cargador falsificado: peligro",
        "El cargador falsificado no tiene fusible.",
        "Un cargador falsificado puede quemarse.",
    )
    article(
        library,
        "Zapatillas de imitación",
        "Zapatillas que se rompen.",
        "Las zapatillas falsificadas no tienen soporte y causan lesiones.",
    )
    article(
        library,
        "Juguetes falsificados",
        "Juguetes con imanes.",
        "Un juguete falsificado puede tener plomo.",
    )
    article(
        library,
        "Maquillaje falsificado",
        "Cosméticos con plomo.",
        "El maquillaje falsificado causa infecciones.",
    )


@pytest.fixture
def english(site_tree, search_index):
    english_library(site_tree["en"][1])
    search_index.refresh()


@pytest.fixture
def spanish(site_tree, search_index):
    spanish_library(site_tree["es"][1])
    search_index.refresh()


def search(query, **kwargs):
    return search_library(SearchParams(query=query, **kwargs))


def titles(results):
    return [hit.title for hit in results.hits]


# --- Generic words ------------------------------------------------------------------------------


def test_a_generic_word_does_not_outrank_the_product(english):
    # "knockoff" is in every article here; "sneakers" is what the person is after.
    results = search("knockoff sneakers")
    assert titles(results)[0] == "Counterfeit sneakers hurt your feet"
    assert results.corrected_query is None and results.suggestion is None


def test_only_articles_about_the_product_are_found_next_to_a_generic_word(english):
    # Generic words only count among articles holding the specific ones.
    assert titles(search("fake charger")) == ["Knockoff charger fires", "Knockoff chargers: knockoff danger"]


def test_a_generic_word_alone_still_finds_articles(english):
    assert len(search("knockoff").hits) == 6


def test_a_price_beside_the_product_does_not_find_articles_that_only_say_the_number(english):
    # The makeup article says "$2.99"; someone asking for "$2.99 sneakers" is after sneakers.
    assert titles(search("$2.99 sneakers")) == ["Counterfeit sneakers hurt your feet"]
    # A number alone is still searched as typed.
    assert titles(search("2.99")) == ["Counterfeit makeup"]


def test_a_generic_spanish_word_does_not_outrank_the_product(spanish):
    results = search("zapatillas falsificadas", preferred_language="es")
    assert titles(results)[0] == "Zapatillas de imitación"


def test_two_words_the_articles_write_as_one_find_them(site_tree, search_index):
    library = site_tree["en"][1]
    article(library, "Counterfeit airbags", "Fake airbags fail.", "A fake airbag may not inflate in a crash.")
    article(library, "Designer bag seized", "A fake bag was seized.", "The bag was a cheap replacement from an ad.")
    search_index.refresh()
    results = search("cheap air bag replacement")  # no article says "air"; one says "airbag"
    assert titles(results)[0] == "Counterfeit airbags"
    assert results.corrected_query is None and results.suggestion is None


def test_a_querys_words_and_their_pairs_are_learned_together(site_tree, search_index, monkeypatch):
    article(site_tree["en"][1], "Counterfeit airbags", "Fake airbags fail.", "A fake airbag may not inflate.")
    search_index.refresh()
    cache.clear()
    client, asked = get_client(), []
    search = client.search
    monkeypatch.setattr(client, "search", lambda **kwargs: asked.append(kwargs) or search(**kwargs))
    query = "cheap air bag"
    assert join_split_words(query, describe(query)) == "cheap airbag"
    # The words' counts with "cheapair" and "airbag" in one request, and whether the articles write "air" in two.
    assert len(asked) == 2
    assert join_split_words(query, describe(query)) == "cheap airbag" and len(asked) == 2  # then from the cache


def test_a_word_the_articles_write_in_two_finds_them_and_is_not_corrected(site_tree, search_index):
    library = site_tree["en"][1]
    article(library, "E-bike battery fires", "Cheap e-bike batteries catch fire.", "Charge an e-bike outside.")
    article(library, "Bike helmets", "A fake bike helmet cracks.", "Check the bike helmet's label.")
    article(library, "Power banks", "A fake power bank holds less.", "Weigh the power bank.")
    search_index.refresh()
    results = search("ebike battery")  # the articles say "e-bike", never "ebike"
    assert titles(results)[0] == "E-bike battery fires"
    assert results.corrected_query is None and results.suggestion is None  # not "bike battery"
    results = search("powerbank")
    assert titles(results) == ["Power banks"] and results.suggestion is None


# --- Misspelt words ------------------------------------------------------------------------------


def test_a_typo_next_to_a_generic_word_is_corrected_first(english):
    results = search("knockoff sneekers")
    assert results.corrected_query == "knockoff sneakers"
    assert results.original_query == "knockoff sneekers"
    assert titles(results)[0] == "Counterfeit sneakers hurt your feet"


def test_a_spanish_typo_next_to_a_generic_word_is_corrected_first(spanish):
    results = search("zapatilas falsificadas", preferred_language="es")
    assert results.corrected_query == "zapatillas falsificadas"
    assert titles(results)[0] == "Zapatillas de imitación"


def test_a_spanish_typo_without_its_accent_is_corrected(spanish):
    results = search("cosmeticos con plommo", preferred_language="es")
    assert results.corrected_query == "cosmeticos con plomo"
    assert titles(results)[0] == "Maquillaje falsificado"


@pytest.mark.parametrize(
    "query",
    [
        "injection",  # one letter from "infection", both in the library
        "male pills",  # not "made pills"
        "$2.99",  # a price is searched as typed
        "makeup $2.99",
        "CF-7K2M-Q9XZ",  # a tracking-number-like token
        "order 1234567",
        "cosmetics",  # in the library only as "Cosméticos": known once accents are folded
        "knockoff chargers",
        "speakers",  # a real word the library does not hold, one letter from "sneakers"
        "medicine from canada",  # a country's name is a correctly spelt word too
    ],
)
def test_correctly_spelt_words_numbers_and_prices_get_no_suggestion(english, spanish, query):
    results = search(query)
    assert results.suggestion is None
    # A report's tracking number is named on the page and a question on its subject is searched instead
    # (tests/search/test_pasted.py); nothing is corrected.
    instead = results.pasted.search_text("en") if results.pasted else None
    assert results.corrected_query == instead


def test_a_marketplace_name_is_a_real_word(site_tree, search_index):
    library = site_tree["en"][1]
    article(library, "Check the delivery date", "When a parcel is late.", "Note the date the parcel should arrive.")
    article(library, "Fake sneakers", "Sneakers sold online.", "Fake sneakers sold on marketplaces.")
    search_index.refresh()
    results = search("sneakers dhgate")  # two letters from "date", but a marketplace (reference/marketplaces.py)
    assert results.suggestion is None
    assert results.corrected_query is None


def test_a_typo_is_corrected_to_the_closest_word_the_library_holds(site_tree, search_index):
    library = site_tree["en"][1]
    article(library, "Received a counterfeit item?", "When a fake item arrives.", "You received a fake item: keep it.")
    article(library, "Sellers we reviewed", "Fake sellers reviewed.", "We reviewed sellers of fake items.")
    search_index.refresh()
    results = search("recieved a fake item")  # two letters swapped: "received", not "reviewed" (two changed)
    assert results.corrected_query == "received a fake item"
    assert titles(results)[0] == "Received a counterfeit item?"


@pytest.mark.parametrize("query", ["recibí un cargador falsificado", "compre cargadores"])
def test_a_spanish_verb_or_plural_the_library_lacks_is_not_corrected(spanish, query):
    results = search(query, preferred_language="es")
    assert results.corrected_query is None and results.suggestion is None


def test_a_spanish_word_near_an_english_one_is_not_corrected_into_it(site_tree, search_index):
    article(site_tree["en"][1], "Supplements with hidden drugs", "Pills that lie.", "Weight-loss supplements.")
    for title in ("Pastillas para bajar de peso", "Cremas para bajar de peso"):
        article(site_tree["es"][1], title, "Productos peligrosos.", "Muchos productos para bajar de peso mienten.")
    search_index.refresh()
    results = search("suplementos para bajar de peso", preferred_language="es")
    assert results.corrected_query is None and results.suggestion is None  # a correctly spelt Spanish word
    assert "Supplements with hidden drugs" in titles(results)  # still searched beside it


def test_a_word_editors_listed_as_a_synonym_is_never_corrected(site_tree, search_index):
    from search.models import SynonymGroup

    SynonymGroup.objects.create(terms="bootleg, knockoff")
    article(site_tree["en"][1], "Knockoff sneakers", "Cheap copies.", "Cheap copies of shoes.")
    search_index.refresh()
    results = search("bootleg sneakers")  # "bootleg" is in no article, but editors know it
    assert results.corrected_query is None and results.suggestion is None
    assert titles(results) == ["Knockoff sneakers"]


def test_a_synonym_only_the_fewer_spanish_articles_use_does_not_outrank_the_english_one(site_tree, search_index):
    from search.models import SynonymGroup

    # "imitación" is in one title of five Spanish articles, "replica" in one summary of six English ones: counted
    # over the whole library, the Spanish word looks as rare, and its title weighs more.
    SynonymGroup.objects.create(terms="bootleg, replica, imitación")
    english_library(site_tree["en"][1])
    spanish_library(site_tree["es"][1])
    search_index.refresh()
    assert titles(search("bootleg"))[0] == "Counterfeit sneakers hurt your feet"
    # A Spanish search keeps the English synonym: English words are the common ones, and an English article may be
    # the only one on a subject.
    assert "Counterfeit sneakers hurt your feet" in titles(search("bootleg", preferred_language="es"))


def test_a_plural_of_a_listed_word_is_known_and_brings_its_synonyms(site_tree, search_index):
    from search.models import SynonymGroup

    SynonymGroup.objects.create(terms="cigarrillo electrónico, vape")
    article(site_tree["es"][1], "Vapes ilegales", "Vapes sin permiso.", "Muchos vapes no tienen permiso.")
    search_index.refresh()
    results = search("cigarrillos electronicos", preferred_language="es")
    assert results.corrected_query is None and results.suggestion is None
    assert titles(results) == ["Vapes ilegales"]


def test_a_misspelt_word_is_corrected_to_a_listed_word_when_that_is_closest(site_tree, search_index):
    from search.models import SynonymGroup

    SynonymGroup.objects.create(terms="bootleg, knockoff")
    article(site_tree["en"][1], "Knockoff sneakers", "Cheap copies.", "Cheap copies of shoes.")
    search_index.refresh()
    results = search("botleg sneakers")  # "bootleg" is in no article: only the synonym list knows it
    assert results.corrected_query == "bootleg sneakers"
    assert titles(results) == ["Knockoff sneakers"]


def test_a_new_article_teaches_the_vocabulary_its_words(site_tree, search_index):
    english_library(site_tree["en"][1])
    search_index.refresh()
    assert search("sneakers").corrected_query is None
    assert search("sneekerz").corrected_query == "sneakers"

    article(site_tree["en"][1], "Sneekerz bars", "Fake chocolate bars.", "Counterfeit sneekerz bars.")
    search_index.refresh()
    results = search("sneekerz")
    assert results.corrected_query is None
    assert titles(results) == ["Sneekerz bars"]


# --- Showing results for ... / search instead for ... ------------------------------------------


def test_the_page_shows_the_correction_and_offers_the_words_as_typed(client, english):
    page = client.get("/search/", {"q": "knockoff sneekers"})
    assert page.status_code == 200
    text = page.text
    assert "Showing results for <strong>knockoff sneakers</strong>" in text
    assert 'href="?q=knockoff%20sneekers&amp;as_typed=1"' in text
    assert "Counterfeit sneakers hurt your feet" in text

    as_typed = client.get("/search/", {"q": "knockoff sneekers", "as_typed": "1"})
    assert "Showing results for" not in as_typed.text
    assert "Did you mean" not in as_typed.text


def test_the_spanish_page_says_it_in_spanish(client, spanish):
    page = client.get("/es/search/", {"q": "zapatilas"})
    assert page.status_code == 200
    assert "Se muestran resultados de <strong>zapatillas</strong>" in page.text
    assert "buscar en su lugar" in page.text
    assert "Zapatillas de imitación" in page.text


@pytest.mark.parametrize("url", ["/api/search", "/api/v1/search"])
def test_the_apis_say_which_query_was_run(client, english, url):
    corrected = client.get(url, {"q": "knockoff sneekers"}).json()
    assert corrected["corrected_query"] == "knockoff sneakers"
    assert corrected["original_query"] == "knockoff sneekers"
    assert corrected["results"][0]["title"] == "Counterfeit sneakers hurt your feet"

    as_typed = client.get(url, {"q": "knockoff sneekers", "as_typed": "true"}).json()
    assert as_typed["corrected_query"] is None and as_typed["original_query"] is None

    plain = client.get(url, {"q": "knockoff sneakers"}).json()
    assert plain["corrected_query"] is None and plain["suggestion"] is None


@pytest.mark.parametrize("query", ["mi cargador se calienta", "no puede devolverlo"])
def test_a_spanish_stem_changing_verb_is_not_corrected(site_tree, search_index, query):
    # "calienta" (calentar) and "puede" (poder) are real words one letter from words the library holds.
    article(site_tree["es"][1], "Cargador caliente", "Un cargador caliente quema.", "Desconéctelo.")
    article(site_tree["es"][1], "Devoluciones", "Si no pude devolverlo, reclame.", "Guarde el recibo.")
    search_index.refresh()
    results = search(query, preferred_language="es")
    assert results.corrected_query is None and results.suggestion is None


def test_a_word_in_the_other_number_is_searched_as_the_articles_write_it_never_corrected(site_tree, search_index):
    """ "airpod" where the articles write "AirPods" is spelt right: no "Showing results for", and the article found."""
    library = site_tree["en"][1]
    article(
        library, "The too-cheap AirPods", "Earbuds sold as AirPods for $39.", "The AirPods from the ad were fakes."
    )
    article(library, "Fake chargers", "Knockoff chargers overheat.", "A fake charger has no fuse.")
    search_index.refresh()
    results = search("airpod pro fake")
    assert results.corrected_query is None and results.suggestion is None
    assert "The too-cheap AirPods" in titles(results)
    assert titles(results) == titles(search("airpods pro fake"))
