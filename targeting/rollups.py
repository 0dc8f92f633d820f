"""The entity page's rollups: reports per month (EntityMonth) and per category, marketplace and shipped-from
country (EntityTally), so the page reads a few dozen rows however many reports name the entity.

They hold exactly what counting the entity's links would give (tests/targeting/test_rollups.py compares them):
- `add(links)`: linking a new report adds one to its new links' months and tallies, in the database
  (INSERT ... ON CONFLICT DO UPDATE, so two workers never lose a count);
- `rebuild(entity_ids)`: the recount (the backfill, `link_entities`) sets them from the links again.
Months are calendar months in the site's time zone (TIME_ZONE), whatever time zone an officer chose.
"""

from collections import Counter

from django.db import connection
from django.db.models import Count, DateField, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .models import EntityLink, EntityMonth, EntityTally

DIMENSIONS = {
    EntityTally.Dimension.CATEGORY: "product_category_id",
    EntityTally.Dimension.MARKETPLACE: "marketplace_name",
    EntityTally.Dimension.COUNTRY: "shipped_from_country",
}
CHUNK = 5000

MONTH_UPSERT = """
INSERT INTO targeting_entitymonth (entity_id, month, reports, harm) VALUES {rows}
ON CONFLICT (entity_id, month) DO UPDATE SET
    reports = targeting_entitymonth.reports + excluded.reports, harm = targeting_entitymonth.harm + excluded.harm
"""
TALLY_UPSERT = """
INSERT INTO targeting_entitytally (entity_id, dimension, value, reports) VALUES {rows}
ON CONFLICT (entity_id, dimension, value) DO UPDATE SET reports = targeting_entitytally.reports + excluded.reports
"""
TALLY_REBUILD = """
INSERT INTO targeting_entitytally (entity_id, dimension, value, reports)
SELECT entity_id, %s, CAST({column} AS VARCHAR(40)), COUNT(*) FROM targeting_entitylink
WHERE {where} GROUP BY entity_id, {column}
"""


def month_of(moment):
    """The first day of the moment's month in the site's time zone (as TruncMonth gives it there)."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date().replace(day=1)


def _tally_value(link, column):
    value = getattr(link, column)
    return "" if value is None else str(value)


def add(links):
    """Add new EntityLinks (each made once) to their entities' rollups."""
    months, harmed, tallies = Counter(), Counter(), Counter()
    for link in links:
        key = (link.entity_id, month_of(link.submitted_at))
        months[key] += 1
        harmed[key] += 1 if link.harm else 0
        for dimension, column in DIMENSIONS.items():
            tallies[(link.entity_id, str(dimension), _tally_value(link, column))] += 1
    with connection.cursor() as cursor:
        if months:
            rows = sorted(months)
            params = [value for key in rows for value in (*key, months[key], harmed[key])]
            cursor.execute(MONTH_UPSERT.format(rows=", ".join(["(%s, %s, %s, %s)"] * len(rows))), params)
        if tallies:
            rows = sorted(tallies)
            params = [value for key in rows for value in (*key, tallies[key])]
            cursor.execute(TALLY_UPSERT.format(rows=", ".join(["(%s, %s, %s, %s)"] * len(rows))), params)


def _rebuild_months(cursor, entity_ids):
    links = EntityLink.objects.all()
    if entity_ids is not None:
        links = links.filter(entity_id__in=entity_ids)
    with timezone.override(timezone.get_default_timezone()):
        grouped = (
            links.annotate(month=TruncMonth("submitted_at", output_field=DateField()))
            .values("entity_id", "month")
            .annotate(reports=Count("id"), harmed=Count("id", filter=Q(harm=True)))
            .order_by()
        )
        sql, params = grouped.query.sql_with_params()
    cursor.execute(f"INSERT INTO targeting_entitymonth (entity_id, month, reports, harm) {sql}", params)


def _rebuild_tallies(cursor, entity_ids):
    where, params = "1 = 1", []
    if entity_ids is not None:
        where, params = f"entity_id IN ({', '.join(['%s'] * len(entity_ids))})", list(entity_ids)
    for dimension, column in DIMENSIONS.items():
        cursor.execute(TALLY_REBUILD.format(column=column, where=where), [str(dimension), *params])


def rebuild(entity_ids=None):
    """Set the rollups of these entities (None: every entity) from their links."""
    with connection.cursor() as cursor:
        if entity_ids is None:
            EntityMonth.objects.all().delete()
            EntityTally.objects.all().delete()
            _rebuild_months(cursor, None)
            _rebuild_tallies(cursor, None)
            return
        ids = sorted(entity_ids)
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            EntityMonth.objects.filter(entity_id__in=chunk).delete()
            EntityTally.objects.filter(entity_id__in=chunk).delete()
            _rebuild_months(cursor, chunk)
            _rebuild_tallies(cursor, chunk)
