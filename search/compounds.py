"""One word written as two: the ways to cut a word that the articles may write in two ("ebike" for "e-bike" or
"e bike", "powerbank" for "power bank"), and which cut to take.

Pure functions, shared by the Elasticsearch vocabulary (search/vocabulary.py) and the database fallback's
(search/database_vocabulary.py): each counts, its own way, the articles writing each cut as a phrase.
"""

from .analyzers import STOP_WORDS

# A word of this many letters may be one the articles write in two ("ebike", "powerbank", "smartwatch").
SHORTEST_SPLIT, LONGEST_SPLIT = 5, 20


def halves(word):
    """The ways to cut a word of letters in two that a phrase search can check ("ebike": "e bike", "eb ike", ...):
    no stop word as a half (the index leaves those out, so "in port" would match "port" alone), and the second
    half at least two letters (so "fakee" is not "fake e"; a first letter alone stays: e-bike, t-shirt)."""
    if not word.isalpha() or not SHORTEST_SPLIT <= len(word) <= LONGEST_SPLIT:
        return []
    cuts = [(word[:cut], word[cut:]) for cut in range(1, len(word) - 1)]
    return [f"{first} {second}" for first, second in cuts if first not in STOP_WORDS and second not in STOP_WORDS]


def most_written(counts):
    """The cut the most articles write, from {cut: articles} in the order halves() gives them (the first of equals),
    or None when no article writes any."""
    best, most = None, 0
    for cut, count in counts.items():
        if count > most:
            best, most = cut, count
    return best
