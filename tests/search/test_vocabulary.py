"""Which cuts of a word the vocabulary asks the index about (no Elasticsearch needed)."""

from search.vocabulary import _halves


def test_a_compound_is_cut_where_the_articles_could_write_it_in_two():
    assert "e bike" in _halves("ebike")
    assert "power bank" in _halves("powerbank")
    assert "t shirt" in _halves("tshirt")


def test_no_cut_leaves_a_stop_word_or_a_single_last_letter():
    """The index leaves stop words out, so "in port" would match "port" alone and "inport" would never be
    corrected to "import"; "fakee" is a typo of "fake", not "fake e"."""
    assert not any(half in ("in port", "i nport") for half in _halves("inport"))
    assert "fake e" not in _halves("fakee")
    assert "battery y" not in _halves("batteryy")
    assert "a charger" not in _halves("acharger")


def test_short_long_and_non_letter_words_are_not_cut():
    assert _halves("bike") == []
    assert _halves("x" * 21) == []
    assert _halves("usb3charger") == []
