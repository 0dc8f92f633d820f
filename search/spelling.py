"""Correcting a misspelt query before searching it.

Only words the library does not know are corrected (search/vocabulary.py): "injection" stays "injection" even
though "infection" is one letter away, and numbers, prices and tracking-like tokens ($2.99, CF-1234-ABCD) are
never sent to the suggester at all. The candidates come from Elasticsearch's phrase suggester over the
`spelling` field (every word of every article), generating only for missing words, and a candidate is
kept only within one edit for words of up to five letters and two for longer ones.
"""

import re
from dataclasses import dataclass

from .analyzers import fold_accents
from .connection import get_client, library_alias
from .vocabulary import WORD, is_protected


@dataclass
class Correction:
    text: str  # the query with its misspelt words replaced
    confident: bool  # every unknown word found a correction


def edit_distance(a, b):
    """Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def close_enough(word, candidate):
    allowed = 1 if len(word) <= 5 else 2
    return candidate != word and edit_distance(fold_accents(word), fold_accents(candidate)) <= allowed


def _suggest(words, unknown):
    body = {
        "size": 0,
        "track_total_hits": False,
        "suggest": {
            "spelling": {
                "text": " ".join(words),
                "phrase": {
                    "field": "spelling",
                    "size": 1,
                    "max_errors": max(1, len(unknown)),
                    "confidence": 0.0,
                    "direct_generator": [
                        {"field": "spelling", "suggest_mode": "missing", "min_word_length": 3, "prefix_length": 1}
                    ],
                },
            }
        },
    }
    response = get_client().search(index=library_alias(), body=body)
    options = response.get("suggest", {}).get("spelling", [{}])[0].get("options", [])
    return options[0]["text"].split() if options else []


def correct(query, vocabulary):
    """A Correction of the query, or None when no word needs or finds one.

    `vocabulary` is search.vocabulary.describe(query): words it does not know are the only ones changed.
    """
    unknown = [word for word, info in vocabulary.items() if not info.known and not is_protected(word)]
    if not unknown:
        return None
    words = [w.lower() for w in WORD.findall(query) if not any(ch.isdigit() for ch in w)]
    suggested = _suggest(words, unknown)
    if len(suggested) != len(words):
        return None  # the suggester split or joined words: too unsure to line them up
    replacements = {
        word: candidate
        for word, candidate in zip(words, suggested, strict=True)
        if word in unknown and close_enough(word, candidate)
    }
    if not replacements:
        return None
    text = query
    for word, candidate in replacements.items():
        text = re.sub(rf"(?<![\w]){re.escape(word)}(?![\w])", candidate, text, flags=re.IGNORECASE)
    return Correction(text=text, confident=set(replacements) == set(unknown))
