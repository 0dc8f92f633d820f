"""Finding a report by the numbers people quote: our tracking number, the order number, the parcel number.

A tracking number matches however it is typed (`CF-7KQ2-XW9T`, `cf7kq2xw9t`, `7kq2-xw9t`); order and parcel
numbers match exactly once spaces, dashes and case are set aside (the keys triage/state.py stores). The queue
search runs on the database (its `search_backend_name` is None), so this works the same with Elasticsearch on
or off.
"""

from django.db.models import Q

from reports.receipts import normalize_tracking_number

from .models import TriageReport
from .purchase_numbers import reference_key


def exact_number_q(text):
    """Reports whose tracking, order or parcel number is `text`; an empty match when it cannot be one."""
    query = Q(pk__in=[])
    tracking_number = normalize_tracking_number(text)
    if tracking_number:
        query |= Q(tracking_number=tracking_number)
    key = reference_key(text)
    if key:
        query |= Q(triage__order_key=key) | Q(triage__parcel_key=key)
    return query


def queue_search_q(text, fields):
    """The queue search: any of `fields` contains the words, or a number matches exactly."""
    query = exact_number_q(text)
    for field in fields:
        query |= Q(**{f"{field}__icontains": text})
    return query


def report_by_tracking_number(text):
    """The report with this tracking number, however it was typed, or None."""
    tracking_number = normalize_tracking_number(text)
    if not tracking_number:
        return None
    return TriageReport.objects.filter(tracking_number=tracking_number).first()
