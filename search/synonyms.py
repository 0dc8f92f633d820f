"""The editors' synonym groups applied to a query (the groups themselves: search.models.SynonymGroup, read through
search.lookups.synonym_groups)."""

import re
from functools import lru_cache

from .analyzers import fold_accents


@lru_cache(maxsize=8192)
def _term_pattern(term):
    """A synonym term found in a query with any of its words in the plural: "cigarrillo electrónico" is in
    "cigarrillos electronicos", "power adapter" in "power adapters". Compiled once per term and process (every
    search reads every group)."""
    words = fold_accents(term).lower().split()
    return re.compile(r"(?<![\w-])" + r"[\s-]+".join(rf"{re.escape(word)}(?:s|es)?" for word in words) + r"(?![\w-])")


def expand_synonyms(query, groups):
    """The other words of every synonym group whose word or phrase appears in the query."""
    folded = f" {fold_accents(query).lower()} "
    alternatives = []
    for terms in groups:
        present = [t for t in terms if _term_pattern(t).search(folded)]
        if present:
            alternatives += [t for t in terms if t not in present and fold_accents(t) not in folded]
    return list(dict.fromkeys(alternatives))
