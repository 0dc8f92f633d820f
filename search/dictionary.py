"""Whether a word is a real English or Spanish word, whatever the library holds.

A word the library does not know is corrected only when it is not a real word either (search/spelling.py):
"canada", "injection" or "suplementos" in a library that never says them is a correctly spelt word to search
as typed, not a typo to turn into "candy", "infection" or "supplements".

The word lists are the English and Spanish frequency lists that ship inside the `pyspellchecker` package
(MIT licence; built from subtitles, so they hold everyday words, names of countries and brands people say).
A word counts when it appears at least `SEARCH_DICTIONARY_MIN_COUNT` times there, which leaves out the rare
misspellings such lists pick up. They are read once per process: by a server before it answers
(website/wsgi.py), else on the first correction.
"""

import functools
import gzip
import json
from importlib import resources

from django.conf import settings

from reference.marketplaces import marketplace_for_name

from .analyzers import fold_accents

LANGUAGES = ("en", "es")


LETTERS = "abcdefghijklmnopqrstuvwxyz"


@functools.cache
def _words(min_count):
    """{accent-folded word: how often it is seen}, both languages together."""
    words = {}
    for language in LANGUAGES:
        path = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            counts = json.load(handle)
        for word, count in counts.items():
            if count >= min_count:
                folded = fold_accents(word)
                words[folded] = max(count, words.get(folded, 0))
    return words


# The Spanish list holds lemmas: infinitives and the masculine singular. A word of the query is a real Spanish word
# when, without one of these endings, it is an infinitive's stem ("recibí", "compré", "falsificados") or, without
# a plural or gender ending, a listed word ("juguetes", "baratas").
VERB_ENDINGS = sorted(
    "o as a amos an e es emos en imos i aste iste io aron ieron aba abas aban ia ias ian ado ada ados adas ido ida "
    "idos idas ando iendo ara aras aran iera ieran are ere ire aremos eremos iremos aran eran iran ar er ir".split(),
    key=len,
    reverse=True,
)
# (ending, what the lemma ends with instead): plurals ("juguetes", "cargadores") and the feminine ("baratas").
NOUN_ENDINGS = (("s", ""), ("es", ""), ("a", "o"), ("as", "o"))


def spanish_forms(word):
    """The lemmas a Spanish word form may come from (accents folded): "recibi" gives "recibir", "recibar"..."""
    forms = set()
    for ending, lemma_ending in NOUN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            if ending != "s" or stem[-1] in "aeiou":
                forms.add(stem + lemma_ending)
    for ending in VERB_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            for stem in stem_changes(word[: -len(ending)]):
                forms |= {stem + "ar", stem + "er", stem + "ir"}
    return forms


# Stem-changing verbs change the last vowel of the stem when it is stressed: "calienta" is "calentar", "puede"
# "poder", "juega" "jugar", "pide" "pedir". (changed vowel, the infinitive's)
STEM_CHANGES = (("ie", "e"), ("ue", "o"), ("ue", "u"), ("i", "e"))


def stem_changes(stem):
    """The stem as written and as the infinitive may write it: "calient" gives "calient" and "calent"."""
    stems = {stem}
    for changed, original in STEM_CHANGES:
        at = stem.rfind(changed)
        if at > 0:
            stems.add(stem[:at] + original + stem[at + len(changed) :])
    return stems


def load():
    """Read the word lists now (website/wsgi.py calls it, so a server process reads them before it answers)."""
    _words(settings.SEARCH_DICTIONARY_MIN_COUNT)


def is_real_word(word):
    """True for a word of either language's dictionary, accents or not ("canada", "canadá", "mexico"), a form of
    a Spanish one ("recibí", "juguetes"), or the name of a big marketplace ("dhgate")."""
    words = _words(settings.SEARCH_DICTIONARY_MIN_COUNT)
    folded = fold_accents(word.lower())
    if folded in words or any(form in words for form in spanish_forms(folded)):
        return True
    # A big marketplace's name ("dhgate", "temu", "shein") is a correctly spelt word though no dictionary holds it.
    return marketplace_for_name(folded) is not None


def _one_edit(word):
    """Every string one deletion, swap of neighbours, substitution or insertion from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {left + right[1:] for left, right in splits if right}
        | {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
        | {left + letter + right[1:] for left, right in splits if right for letter in LETTERS}
        | {left + letter + right for left, right in splits for letter in LETTERS}
    )


@functools.lru_cache(maxsize=4096)
def candidates(word, most=8, two_edits=True):
    """Real words one edit from `word` (two for words longer than five letters when none is one edit away and
    `two_edits`), the closest and then the most common first, at most `most`: "recieved" gives "received",
    "suplements" "supplements". Looking two edits away takes about 200 ms of CPU a word (a few hundred thousand
    strings); one edit, under a millisecond.
    """
    words = _words(settings.SEARCH_DICTIONARY_MIN_COUNT)
    word = fold_accents(word.lower())
    found = [(1, candidate) for candidate in _one_edit(word) if candidate in words and candidate != word]
    if not found and two_edits and len(word) > 5:
        found = [
            (2, candidate)
            for near in _one_edit(word)
            for candidate in _one_edit(near)
            if candidate in words and candidate != word
        ]
    ranked = sorted(set(found), key=lambda item: (item[0], -words[item[1]], item[1]))
    return [candidate for _distance, candidate in ranked][:most]


def frequency(word):
    """How often the dictionary sees the word (0 when it is not in it)."""
    return _words(settings.SEARCH_DICTIONARY_MIN_COUNT).get(fold_accents(word.lower()), 0)
