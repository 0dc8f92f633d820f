"""Ranking quality measures for `manage.py search_eval`."""

import math


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
