"""Which cuts of a word the vocabularies (Elasticsearch's and the database fallback's) ask about, and which they
take."""

from search.compounds import halves, most_written


def test_a_compound_is_cut_where_the_articles_could_write_it_in_two():
    assert "e bike" in halves("ebike")
    assert "power bank" in halves("powerbank")
    assert "t shirt" in halves("tshirt")


def test_no_cut_leaves_a_stop_word_or_a_single_last_letter():
    """The index leaves stop words out, so "in port" would match "port" alone and "inport" would never be
    corrected to "import"; "fakee" is a typo of "fake", not "fake e"."""
    assert not any(half in ("in port", "i nport") for half in halves("inport"))
    assert "fake e" not in halves("fakee")
    assert "battery y" not in halves("batteryy")
    assert "a charger" not in halves("acharger")


def test_short_long_and_non_letter_words_are_not_cut():
    assert halves("bike") == []
    assert halves("x" * 21) == []
    assert halves("usb3charger") == []


def test_the_cut_most_articles_write_is_taken_the_first_of_equals():
    assert most_written({"e bike": 3, "eb ike": 0, "ebi ke": 5}) == "ebi ke"
    assert most_written({"e bike": 2, "eb ike": 2}) == "e bike"
    assert most_written({"e bike": 0}) is None
    assert most_written({}) is None
