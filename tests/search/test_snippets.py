"""The snippet under a result: the sentence holding most of the words searched, with them marked."""

from search.snippets import LENGTH, marked_forms, snippet

SUMMARY = "A short guide."


def test_the_body_sentence_holding_most_words_searched_is_shown():
    body = "Some chargers are sold online. Cheap chargers can catch fire while charging. Report them."
    shown = snippet(marked_forms("charger fire"), SUMMARY, body)
    assert shown == "Cheap <mark>chargers</mark> can catch <mark>fire</mark> while charging."


def test_the_summary_comes_first_when_it_holds_a_word_searched():
    forms = marked_forms("airbag")
    assert snippet(forms, "Fake airbags may not open.", "Airbag covers are also copied.") == (
        "Fake <mark>airbags</mark> may not open."
    )


def test_plurals_singulars_and_accents_count_and_the_text_stays_as_written():
    assert snippet(marked_forms("cargador busqueda"), "Búsqueda de cargadores.") == (
        "<mark>Búsqueda</mark> de <mark>cargadores</mark>."
    )
    assert snippet(marked_forms("batteries"), "One swollen battery.") == "One swollen <mark>battery</mark>."


def test_synonyms_are_marked_and_stop_words_and_single_letters_are_not():
    forms = marked_forms("the knockoff", ["replica", "e-bike"])
    assert snippet(forms, "The replica and the knockoff.") == "The <mark>replica</mark> and the <mark>knockoff</mark>."
    assert snippet(forms, "Bicicleta e bateria: an e-bike.") == "Bicicleta e bateria: an e-<mark>bike</mark>."
    assert snippet(marked_forms("$5 airpods"), "AirPods for $5.") == "<mark>AirPods</mark> for $<mark>5</mark>."


def test_the_text_is_escaped():
    shown = snippet(marked_forms("held"), "If a parcel is held, you get a <b>letter</b> & a number.")
    assert shown == "If a parcel is <mark>held</mark>, you get a &lt;b&gt;letter&lt;/b&gt; &amp; a number."


def test_a_long_sentence_is_cut_at_words_around_the_first_match():
    sentence = (
        "Sellers " + "who say very little " * 10 + "about the battery inside will not answer " + "when asked " * 20
    )
    shown = snippet(marked_forms("battery"), SUMMARY, sentence)
    text = shown.replace("<mark>", "").replace("</mark>", "")
    assert "<mark>battery</mark>" in shown
    assert text.startswith("…") and text.endswith("…")
    assert len(text) <= LENGTH + 2
    assert text[1:].split()[0] in sentence.split()  # cut between words, not inside one


def test_a_long_sentence_ending_soon_after_its_match_is_cut_only_before_it():
    sentence = "Sellers " + "who say very little " * 10 + "about the battery."
    shown = snippet(marked_forms("battery"), SUMMARY, f"{sentence} Another sentence follows here.")
    assert shown.startswith("…") and shown.endswith("about the <mark>battery</mark>.")


def test_a_match_after_a_long_unbroken_run_of_characters_is_still_shown():
    sentence = "x" * 300 + "-battery " + "y" * 300
    assert "<mark>battery</mark>" in snippet(marked_forms("battery"), SUMMARY, sentence)


def test_nothing_is_shown_when_no_word_searched_is_in_the_article():
    assert snippet(marked_forms("helmet"), SUMMARY, "Nothing about it here.") == ""
    assert snippet(marked_forms("the of"), SUMMARY, "The state of things.") == ""
