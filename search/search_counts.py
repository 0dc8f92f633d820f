"""Adding search counts to SearchQueryStat: the background task's work (search/analytics.py buffers them)."""

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import SearchQueryStat


def add_counts(rows):
    """Add buffered counts to SearchQueryStat (the background task's work): one row per query and day.

    In one order (day, query), so two processes flushing the same queries at once lock the rows in the same
    order: in any order they deadlocked (seen at 8 clients on PostgreSQL, one flush then failed).
    """
    for query, date, searches, zero_result_searches, last_result_count in sorted(
        rows, key=lambda r: (str(r[1]), r[0])
    ):
        _add(query, date, searches, zero_result_searches, last_result_count)


def _add(query, date, searches, zero_result_searches, last_result_count):
    updated = SearchQueryStat.objects.filter(query=query, date=date).update(
        searches=F("searches") + searches,
        zero_result_searches=F("zero_result_searches") + zero_result_searches,
        last_result_count=last_result_count,
    )
    if not updated:
        try:
            with transaction.atomic():
                SearchQueryStat.objects.create(
                    query=query,
                    date=date,
                    searches=searches,
                    zero_result_searches=zero_result_searches,
                    last_result_count=last_result_count,
                )
        except IntegrityError:  # another worker created it first
            _add(query, date, searches, zero_result_searches, last_result_count)
