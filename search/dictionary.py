"""Whether a word is a real English or Spanish word, whatever the library holds.

A word the library does not know is corrected only when it is not a real word either (search/spelling.py):
"canada", "injection" or "suplementos" in a library that never says them is a correctly spelt word to search
as typed, not a typo to turn into "candy", "infection" or "supplements".

The word lists are the English and Spanish frequency lists that ship inside the `pyspellchecker` package
(MIT licence; built from subtitles, so they hold everyday words, names of countries and brands people say).
A word counts when it appears at least `SEARCH_DICTIONARY_MIN_COUNT` times there, which leaves out the rare
misspellings such lists pick up. They are read once per process, on the first correction.
"""

import functools
import gzip
import json
from importlib import resources

from django.conf import settings

from .analyzers import fold_accents

LANGUAGES = ("en", "es")


@functools.cache
def _words(min_count):
    words = set()
    for language in LANGUAGES:
        path = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            counts = json.load(handle)
        words |= {fold_accents(word) for word, count in counts.items() if count >= min_count}
    return frozenset(words)


def is_real_word(word):
    """True for a word of either language's dictionary, accents or not ("canada", "canadá", "mexico")."""
    return fold_accents(word.lower()) in _words(settings.SEARCH_DICTIONARY_MIN_COUNT)
