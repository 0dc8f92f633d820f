"""Correcting a misspelt query before searching it.

Only words the library does not know are corrected (search/vocabulary.py): "injection" stays "injection" even
though "infection" is one letter away. Nor are real English or Spanish words the library happens not to hold
(search/dictionary.py): "canada" is not turned into "candy", nor "mexico" into "medio". Numbers, prices and
tracking-like tokens ($2.99, CF-1234-ABCD) are never sent to the suggester at all. The candidates come from
Elasticsearch's phrase suggester over the `spelling` field (every word of every article), generating only for
missing words, and a candidate is kept only within one edit for words of five letters and two for longer ones;
shorter words are not corrected.
"""

import re
from dataclasses import dataclass

from .analyzers import fold_accents
from .connection import get_client, library_alias
from .dictionary import candidates as dictionary_candidates
from .dictionary import is_real_word
from .vocabulary import WORD, describe, is_protected, query_language

# Shorter unknown words are often names or acronyms one letter from a common word (usps -> uses, temu -> tema).
SHORTEST_CORRECTED = 5


@dataclass
class Correction:
    text: str | None  # the query with its misspelt words replaced; None when no word is corrected
    confident: bool  # every unknown word found a correction
    # Words of the other language one or two letters from an unknown word of the query ("suplementos":
    # "supplements"): searched beside the words typed, without a correction shown, as the word is spelt right.
    alongside: tuple = ()
    # Every word replaced is another number of a word the articles write ("airpod": "airpods"): the same word,
    # spelt right, searched as the articles write it without a correction shown.
    other_number: bool = False


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
    folded, other = fold_accents(word), fold_accents(candidate)
    # Lengths further apart than `allowed` are further apart in edits too: no need to count them.
    return candidate != word and abs(len(folded) - len(other)) <= allowed and edit_distance(folded, other) <= allowed


def _suggest(words, unknown):
    body = {
        "size": 0,
        "track_total_hits": False,
        "suggest": {
            "spelling": {
                "text": " ".join(words),
                "phrase": {
                    "field": "spelling",
                    "size": 3,
                    "max_errors": max(1, len(unknown)),
                    "confidence": 0.0,
                    "direct_generator": [
                        {
                            "field": "spelling",
                            "suggest_mode": "missing",
                            "min_word_length": SHORTEST_CORRECTED,
                            "prefix_length": 1,
                        }
                    ],
                },
            }
        },
    }
    response = get_client().search(index=library_alias(), body=body)
    options = response.get("suggest", {}).get("spelling", [{}])[0].get("options", [])
    return [option["text"].split() for option in options]


def _in_the_query_language(choices, vocabulary):
    """The first choice whose words belong to the language of the query's other words: "vitaminna copiados"
    becomes "vitaminas copiados", not "vitamins copiados", although English articles say "vitamins" more.

    None does when the query leans to a language and every choice turns a word into one of the other language:
    "suplementos para bajar de peso" is a correctly spelt Spanish query, not a misspelling of "supplements"."""
    if not choices:
        return {}
    language = query_language(vocabulary)
    if not language:
        return choices[0]
    candidates = describe(" ".join({word for choice in choices for word in choice.values()}))
    for choice in choices:
        if all(candidates.get(word) and candidates[word].language in (language, None) for word in choice.values()):
            return choice
    return {}


def _closer_listed_words(replacements, unknown, editor_words):
    """An editor's synonym word is a candidate too, when it is closer than the suggester's (or the only one):
    "knockof" is "knockoff" from the synonym list, not "knock" from the articles (which say "knock-off")."""
    replacements = dict(replacements)
    for word in unknown:
        distances = {
            candidate: edit_distance(fold_accents(word), fold_accents(candidate))
            for candidate in editor_words
            if close_enough(word, candidate)
        }
        if not distances:
            continue
        closest = min(distances, key=lambda candidate: (distances[candidate], candidate))
        chosen = replacements.get(word)
        if chosen is None or distances[closest] < edit_distance(fold_accents(word), fold_accents(chosen)):
            replacements[word] = closest
    return replacements


FARTHEST_LOOKUPS = 2  # words of a query looked up two letters away in the dictionary, at most


def closer_dictionary_words(replacements, unknown, is_known):
    """A real word the library holds is a candidate too, when it is closer than the one chosen (or the only one):
    "recieved" is "received" (two letters swapped), not "reviewed" (two letters changed).

    `is_known(words)` gives the subset of `words` the library holds (and, on Elasticsearch, in the query's
    language); it is asked once, for every candidate together.

    Words two edits away are looked for only when nothing was chosen (one chosen is close_enough, two edits at
    most, and a candidate must be closer to replace it), and for the first FARTHEST_LOOKUPS such words of a query
    only: each costs about 200 ms of CPU, and a query of twenty made-up words took four seconds."""
    replacements = dict(replacements)
    looked_far = [word for word in unknown if word not in replacements][:FARTHEST_LOOKUPS]
    offered = {
        word: [
            c
            for c in dictionary_candidates(word, two_edits=word in looked_far)
            if close_enough(word, c) and not is_word_form(word, c)
        ]
        for word in unknown
    }
    held = is_known({candidate for found in offered.values() for candidate in found})
    for word, found in offered.items():
        found = [candidate for candidate in found if candidate in held]
        if not found:
            continue
        closest = found[0]  # the closest, then the commonest (search/dictionary.py)
        chosen = replacements.get(word)
        distance = edit_distance(fold_accents(word), fold_accents(closest))
        if chosen is None or distance < edit_distance(fold_accents(word), fold_accents(chosen)):
            replacements[word] = closest
    return replacements


def is_word_form(word, candidate):
    """True when one is the other with a plural ending ("vapeadores", "vapeador"): another form of the same word,
    not a misspelling of it."""
    word, candidate = fold_accents(word.lower()), fold_accents(candidate.lower())
    longer, shorter = (word, candidate) if len(word) > len(candidate) else (candidate, word)
    return longer in (shorter + "s", shorter + "es")


def _held_in_the_query_language(vocabulary):
    language = query_language(vocabulary)

    def held(words):
        if not words:
            return set()
        found = describe(" ".join(words))
        return {w for w, info in found.items() if info.as_written and info.language in (language, None)}

    return held


def _real_words_of_one_language(vocabulary):
    """Real words the library lacks, in a query leaning to one language ("suplementos para bajar de peso"): the
    other language's word one or two letters away ("supplements") is searched beside them, never instead."""
    if not query_language(vocabulary):
        return []
    return [
        word
        for word, info in vocabulary.items()
        if not info.known and not is_protected(word) and len(word) >= SHORTEST_CORRECTED and is_real_word(word)
    ]


def _of_the_other_language(candidates, vocabulary):
    language = query_language(vocabulary)
    if not candidates or not language:
        return ()
    found = describe(" ".join(dict.fromkeys(candidates)))
    return tuple(w for w, info in found.items() if info.language and info.language != language)


def unknown_words(vocabulary):
    """The query's words to correct: unknown to the library, not numbers or codes, five letters or more, and not a
    real word of either language."""
    return [
        word
        for word, info in vocabulary.items()
        if not info.known and not is_protected(word) and len(word) >= SHORTEST_CORRECTED and not is_real_word(word)
    ]


def replaced(query, replacements):
    text = query
    for word, candidate in replacements.items():
        text = re.sub(rf"(?<![\w]){re.escape(word)}(?![\w])", candidate, text, flags=re.IGNORECASE)
    return text


def correct(query, vocabulary, editor_words=frozenset()):
    """A Correction of the query, or None when no word needs or finds one.

    `vocabulary` is search.vocabulary.describe(query): words it does not know are the only ones changed.
    `editor_words` are the words of the editors' synonym groups, candidates as well as the articles' words.
    """
    unknown = unknown_words(vocabulary)
    foreign = _real_words_of_one_language(vocabulary)
    if not unknown and not foreign:
        return None
    words = [w.lower() for w in WORD.findall(query) if not any(ch.isdigit() for ch in w)]
    choices, beside = [], []
    for suggested in _suggest(words, unknown + foreign):
        if len(suggested) != len(words):
            continue  # the suggester split or joined words: too unsure to line them up
        beside += [c for w, c in zip(words, suggested, strict=True) if w in foreign and close_enough(w, c)]
        replacements = {
            word: candidate
            for word, candidate in zip(words, suggested, strict=True)
            if word in unknown and close_enough(word, candidate)
        }
        if replacements and replacements not in choices:
            choices.append(replacements)
    in_language = _in_the_query_language(choices, vocabulary)
    alongside = tuple(choices[0].values()) if choices and not in_language else ()
    alongside += _of_the_other_language(beside, vocabulary)
    if not unknown:
        return Correction(text=None, confident=False, alongside=alongside) if alongside else None
    replacements = closer_dictionary_words(in_language, unknown, _held_in_the_query_language(vocabulary))
    replacements = _closer_listed_words(replacements, unknown, editor_words)
    if not replacements:
        return Correction(text=None, confident=False, alongside=alongside) if alongside else None
    alongside = tuple(word for word in alongside if word not in replacements.values())
    return Correction(
        text=replaced(query, replacements),
        confident=set(replacements) == set(unknown),
        alongside=alongside,
        other_number=all(is_word_form(word, candidate) for word, candidate in replacements.items()),
    )
