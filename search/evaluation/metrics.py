"""Ranking quality measures for `manage.py search_eval` and the generated check in bench/."""

import math
from dataclasses import dataclass


def dcg(grades):
    return sum((2**grade - 1) / math.log2(position + 2) for position, grade in enumerate(grades))


def ndcg_at(ranked_slugs, relevant, k=5):
    """Normalised discounted cumulative gain of the first k results, 0 to 1."""
    gains = [relevant.get(slug, 0) for slug in ranked_slugs[:k]]
    ideal = dcg(sorted(relevant.values(), reverse=True)[:k])
    return dcg(gains) / ideal if ideal else 0.0


def reciprocal_rank(ranked_slugs, relevant):
    for position, slug in enumerate(ranked_slugs, start=1):
        if relevant.get(slug, 0) > 0:
            return 1 / position
    return 0.0


def hit_in_top(ranked_slugs, relevant, k=3):
    return any(relevant.get(slug, 0) > 0 for slug in ranked_slugs[:k])


@dataclass(frozen=True)
class Summary:
    """The means over a set of queries, and how many correctly spelt ones were offered a suggestion."""

    queries: int
    ndcg: float
    mrr: float
    top3: float
    needless_suggestions: int


def summarise(outcomes):
    """`outcomes`: objects with ndcg, reciprocal_rank, in_top3 and needless_suggestion attributes."""
    count = len(outcomes)
    if not count:
        return Summary(0, 0.0, 0.0, 0.0, 0)
    return Summary(
        queries=count,
        ndcg=sum(o.ndcg for o in outcomes) / count,
        mrr=sum(o.reciprocal_rank for o in outcomes) / count,
        top3=sum(o.in_top3 for o in outcomes) / count,
        needless_suggestions=sum(o.needless_suggestion for o in outcomes),
    )
