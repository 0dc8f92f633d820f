"""What a library search answers, from Elasticsearch or the database alike: the hits, the facets and their counts.

`search.queries` (Elasticsearch) and `search.database_search` (the fallback) both fill these in, so the page, the
APIs and the evaluation read one shape whichever answered.
"""

import math
from dataclasses import dataclass, field

from django.utils.html import escape

from library.models import Kind

from .lookups import topic_labels
from .params import AUDIENCES, LANGUAGES
from .snippets import snippet

PAGE_SIZE = 10
FACETS = {"topic": "topics", "kind": "kind", "audience": "audience", "language": "language"}  # facet: index field
RESCUE_BELOW = 5  # the words as typed "find little" below this many results: a correction is shown instead


@dataclass
class SearchHit:
    title: str
    url: str
    summary: str
    highlight: str
    topics: list
    kind: str
    language: str
    published_at: str | None
    slug: str
    promoted: bool = False

    def as_json(self):
        """What the JSON APIs (/api/search and /api/v1/search) give for a hit."""
        return {
            "title": self.title,
            "url": self.url,
            "summary": self.summary,
            "highlight": self.highlight,
            "topics": [topic["slug"] for topic in self.topics],
            "kind": self.kind,
            "language": self.language,
            "published_at": self.published_at,
            "promoted": self.promoted,
        }


@dataclass
class SearchResults:
    count: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    suggestion: str | None = None
    promoted: list = field(default_factory=list)
    page: int = 1
    backend: str = "database"
    # Set when the query was spelt differently from how it was typed and the correction was searched instead.
    corrected_query: str | None = None
    original_query: str | None = None
    # How many articles the words match (without the ones found by meaning only); None: the count says.
    word_count: int | None = None
    # A tracking number found in the query (search.pasted.Pasted), or None.
    pasted: object = None

    @property
    def matched_by_words(self):
        return self.count if self.word_count is None else self.word_count

    @property
    def num_pages(self):
        return max(1, math.ceil(self.count / PAGE_SIZE))


def _facet_labels():
    return {
        "topic": topic_labels(),
        "kind": dict(Kind.choices),
        "audience": dict(AUDIENCES),
        "language": dict(LANGUAGES),
    }


def facets_from_counts(counts, filters):
    """{facet: [{value, label, count, selected}, ...]} from {facet: {value: count}}: most first, and each selected
    value listed even when no article has it."""
    labels = _facet_labels()
    facets = {}
    for name in FACETS:
        selected = set(filters.get(name) or [])
        values = counts.get(name, {})
        for value in selected:
            values.setdefault(value, 0)
        facets[name] = [
            {
                "value": value,
                "label": str(labels[name].get(value, value)),
                "count": count,
                "selected": value in selected,
            }
            for value, count in sorted(values.items(), key=lambda item: (-item[1], str(item[0])))
        ]
    return facets


def page_hit(page, labels_by_pk, forms=None):
    """A search hit from a page; its summary with the `forms` searched marked (the body is not read: the fallback's
    snippet is the summary)."""
    return SearchHit(
        title=page.title,
        url=page.url,
        summary=page.summary,
        highlight=snippet(forms, page.summary) or escape(page.summary),
        topics=labels_by_pk.get(page.pk, []),
        kind=page.kind,
        language=page.locale.language_code,
        published_at=page.first_published_at.date().isoformat() if page.first_published_at else None,
        slug=page.slug,
    )
