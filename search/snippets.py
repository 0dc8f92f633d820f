"""The snippet under a search result: the sentence of the article that holds most of the words searched, with
those words marked.

Made in the site: from the summary and the body on Elasticsearch, from the summary on the database fallback.
Elasticsearch's highlighter did this until the sixteenth session and cost more than the rest of the request for
the page shown (3-4 ms of its 5-6 at 10,000 articles, for ten articles); finding the searched words with one
regular expression costs the site about 0.5-1 ms for ten bodies of 2,000 characters.

A word counts as found in any of its forms the search matches: as typed, plural or singular (number_forms),
with or without accents. Stop words ("the", "de") are never marked.
"""

import re
from bisect import bisect_right
from typing import NamedTuple

from django.utils.html import escape

from .analyzers import fold_accents, number_forms
from .vocabulary import query_words

LENGTH = 160  # characters of text at most, about two lines under the title
LEAD = 40  # characters kept before the first marked word when a long sentence has to be cut
READ = 20_000  # characters of a body looked through at most (a body of 2,000 takes about 0.1 ms)
SENTENCE_END = re.compile(r"[.!?]\s+|\n+")  # a sentence starts where one of these ends
# A letter of a searched word (folded: plain ASCII) matches it in the text with or without an accent.
ACCENTED = {"a": "aáàâäã", "e": "eéèêë", "i": "iíìîï", "o": "oóòôöõ", "u": "uúùûü", "n": "nñ", "c": "cç", "y": "yý"}


class Searched(NamedTuple):
    """The words a snippet marks: {folded form: the word it stands for}, and one pattern finding every form."""

    words: dict
    pattern: re.Pattern | None


def _letters(form):
    return "".join(f"[{ACCENTED[letter]}]" if letter in ACCENTED else re.escape(letter) for letter in form)


def marked_forms(query, synonyms=()):
    """The words of the query and of its synonyms, in every form marked (plural or singular, accents or not). A
    single letter is not marked ("e-bike" would mark every "e"), a single digit is ("$5 airpods")."""
    words = {}
    for text in (query, *synonyms):
        for word in query_words(fold_accents(text)):
            if len(word) == 1 and not word.isdigit():
                continue
            for form in number_forms(word):
                words.setdefault(form, word)
    if not words:
        return Searched({}, None)
    alternatives = "|".join(_letters(form) for form in sorted(words, key=len, reverse=True))
    return Searched(words, re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE))


def snippet(searched, summary, body=""):
    """The summary if it holds a searched word, else the body's best sentence; escaped HTML with each searched word in
    <mark>, at most LENGTH characters of text. "" when neither holds one (the caller shows the summary). The body is
    plain text, as the index holds it (search/documents.py: page_body_text)."""
    if not searched or searched.pattern is None:
        return ""
    for text in (summary, body):
        best = _best_sentence((text or "")[:READ], searched)
        if best:
            return _marked(*best)
    return ""


def _found(text, searched):
    """The searched words `text` holds, as (start, end, word) for each match."""
    matches = []
    for match in searched.pattern.finditer(text):
        word = searched.words.get(fold_accents(match.group(0)).lower())
        if word:
            matches.append((match.start(), match.end(), word))
    return matches


def _best_sentence(text, searched):
    """The sentence holding the most different searched words (the first of equals), cut to LENGTH around its first
    match, with its matches; None when no sentence holds one."""
    matches = _found(text, searched)
    if not matches:
        return None
    starts = [0] + [end.end() for end in SENTENCE_END.finditer(text)]
    words = {}
    for start, _end, word in matches:
        words.setdefault(bisect_right(starts, start) - 1, set()).add(word)
    best = max(words, key=lambda sentence: (len(words[sentence]), -sentence))
    end = starts[best + 1] if best + 1 < len(starts) else len(text)
    inside = [match for match in matches if starts[best] <= match[0] and match[1] <= end]
    return _cut(text, starts[best], end, inside)


def _cut(text, start, end, matches):
    """text[start:end] without its surrounding spaces, or LENGTH characters of it from a word boundary shortly before
    its first match, with an ellipsis where text was left out; and the matches it holds, counted from its start."""
    while start < end and text[start].isspace():
        start += 1
    end = _trimmed(text, start, end)
    before = after = ""
    first = matches[0][0]
    if end - start > LENGTH and first - start > LEAD:
        space = text.find(" ", first - LEAD, first)
        start, before = (space + 1 if space >= 0 else first), "…"
    if end - start > LENGTH:
        last = text.rfind(" ", start, start + LENGTH + 1)
        end, after = _trimmed(text, start, last if last > first else start + LENGTH), "…"
    shown = [(begin - start, finish - start) for begin, finish, _word in matches if start <= begin and finish <= end]
    return before, text[start:end], shown, after


def _trimmed(text, start, end):
    """`end` moved back past the spaces before it, not past `start`."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _marked(before, text, matches, after):
    parts, position = [before], 0
    for start, end in matches:
        parts += [escape(text[position:start]), "<mark>", escape(text[start:end]), "</mark>"]
        position = end
    parts += [escape(text[position:]), after]
    return "".join(parts)
