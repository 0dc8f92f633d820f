"""The search's one plural rule: the highlighter's word forms and the fusion's guard read a word alike."""

import pytest

from search.analyzers import fold_accents, number_forms, number_key


@pytest.mark.parametrize(
    ("word", "forms"),
    [
        ("charger", {"chargers"}),
        ("charges", {"charge"}),
        ("battery", {"batteries"}),
        ("batteries", {"battery"}),
        ("glass", {"glasses"}),
        ("watches", {"watch"}),
        ("cargadores", {"cargador"}),
        ("cargador", {"cargadores"}),
        ("movies", {"movie"}),
        ("hoodie", {"hoodies"}),
        ("viruses", {"virus"}),
        ("virus", {"viruses"}),
    ],
)
def test_a_word_brings_its_other_number(word, forms):
    assert number_forms(word)[0] == word
    assert forms <= set(number_forms(word))


@pytest.mark.parametrize(
    "word", ["charger", "charges", "battery", "glasses", "boxes", "class", "toys", "lotion", "movies", "virus"]
)
def test_every_form_reads_as_the_same_word(word):
    assert {number_key(form) for form in number_forms(word)} == {number_key(word)}


def test_short_words_and_singulars_in_s_stand_alone():
    assert number_forms("box") == ["box"]
    assert number_key("glass") == "glass" and number_key("virus") == "virus" and number_key("analysis") == "analysis"
    assert number_key("dress") != number_key("dre")
    assert number_key("movie") == number_key("movies") and number_key("battery") == number_key("batteries")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Línea de ayuda", "Linea de ayuda"),
        ("Cargadores baratos: ¿son seguros?", "Cargadores baratos: ?son seguros?"),
        ("niño", "nino"),
        ("Fake chargers & cables (USB-C), $2.99", "Fake chargers & cables (USB-C), $2.99"),
        ("", ""),
        (None, ""),
    ],
)
def test_accents_are_folded_and_plain_text_is_left_as_it_is(text, folded):
    assert fold_accents(text) == folded
