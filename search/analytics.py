"""Counting what people search for, without keeping anything that could identify them."""

import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import SearchQueryStat

# Things that look like contact details or reference numbers are never stored.
PERSONAL = re.compile(r"@|\d[\d\s().-]{6,}\d|\b[A-Z]{2}\d{9}[A-Z]{2}\b|CF-[A-Z0-9]{4}-[A-Z0-9]{4}", re.IGNORECASE)
REDACTED = "[personal details removed]"


def normalise(query):
    query = " ".join(query.lower().split())[:200]
    return REDACTED if PERSONAL.search(query) else query


def record_search(query, result_count):
    if not query:
        return
    key = normalise(query)
    today = timezone.localdate()
    zero = 1 if result_count == 0 else 0
    updated = SearchQueryStat.objects.filter(query=key, date=today).update(
        searches=F("searches") + 1,
        zero_result_searches=F("zero_result_searches") + zero,
        last_result_count=result_count,
    )
    if not updated:
        try:
            with transaction.atomic():
                SearchQueryStat.objects.create(
                    query=key, date=today, searches=1, zero_result_searches=zero, last_result_count=result_count
                )
        except IntegrityError:  # another request created it first
            record_search(query, result_count)
