"""Which real word a misspelt one becomes (search/spelling.py), without a library index: `held` stands for the
words the library holds."""

from search.spelling import closer_dictionary_words


def held(*words):
    return lambda asked: set(asked) & set(words)


def test_a_word_two_letters_off_becomes_the_real_word_the_library_holds():
    assert closer_dictionary_words({}, ["suplemnts"], held("supplements")) == {"suplemnts": "supplements"}


def test_a_word_one_letter_off_beats_the_suggesters_choice_two_letters_off():
    chosen = {"recieved": "reviewed"}  # two letters changed; "received" is two letters swapped, one edit
    assert closer_dictionary_words(chosen, ["recieved"], held("received", "reviewed")) == {"recieved": "received"}


def test_the_suggesters_choice_stays_when_no_real_word_is_closer():
    chosen = {"suplemnts": "supplements"}
    assert closer_dictionary_words(chosen, ["suplemnts"], held("suplente", "supplements")) == chosen


def test_a_word_no_real_word_is_near_is_left_alone():
    assert closer_dictionary_words({}, ["xqzwvbnmk"], held("supplements")) == {}


def test_only_the_first_two_words_without_a_correction_are_looked_up_two_letters_away():
    # Each such lookup costs about 200 ms of CPU: a query of twenty made-up words must not cost four seconds.
    unknown = ["suplemnts", "countrefeitt", "elctronis"]
    found = closer_dictionary_words({}, unknown, held("supplements", "counterfeit", "electronics"))
    assert found == {"suplemnts": "supplements", "countrefeitt": "counterfeit"}


def test_a_word_the_suggester_corrected_does_not_use_up_a_lookup():
    chosen = {"suplemnts": "supplements"}
    unknown = ["suplemnts", "countrefeitt", "elctronis"]
    found = closer_dictionary_words(chosen, unknown, held("supplements", "counterfeit", "electronics"))
    assert found == {"suplemnts": "supplements", "countrefeitt": "counterfeit", "elctronis": "electronics"}
