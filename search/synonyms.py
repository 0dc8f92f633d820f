"""The editors' synonym groups applied to a query (the groups themselves: search.models.SynonymGroup, read through
search.lookups.synonym_groups)."""

import re

from .analyzers import fold_accents


def _term_pattern(term):
    """A synonym term found in a query with any of its words in the plural: "cigarrillo electrónico" is in
    "cigarrillos electronicos", "power adapter" in "power adapters"."""
    words = fold_accents(term).lower().split()
    return r"(?<![\w-])" + r"[\s-]+".join(rf"{re.escape(word)}(?:s|es)?" for word in words) + r"(?![\w-])"


def expand_synonyms(query, groups):
    """The other words of every synonym group whose word or phrase appears in the query."""
    folded = f" {fold_accents(query).lower()} "
    alternatives = []
    for terms in groups:
        present = [t for t in terms if re.search(_term_pattern(t), folded)]
        if present:
            alternatives += [t for t in terms if t not in present and fold_accents(t) not in folded]
    return list(dict.fromkeys(alternatives))
