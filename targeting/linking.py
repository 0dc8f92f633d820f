"""Linking reports to the entities they name, and keeping each entity's counts in step.

`link_report(report)` runs in the background worker for each new report (tasks.py) and adds one to the counts of
its entities and to their rollups (rollups.py); `link_reports(reports)` is the same for a batch, for the
backfill command, which recounts the entities and rebuilds their rollups from their links. Both are safe to run again: a link is made once.
"""

from collections import defaultdict

from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce, Greatest, Least

from . import rollups
from .extraction import entities_in
from .models import Entity, EntityLink


def _entities_for(found):
    """{(kind, key): Entity} for the (kind, key, name) triples, creating the ones that do not exist yet."""
    Entity.objects.bulk_create(
        [Entity(kind=kind, key=key, name=name) for kind, key, name in found], ignore_conflicts=True, batch_size=1000
    )
    by_kind = defaultdict(set)
    for kind, key, _name in found:
        by_kind[kind].add(key)
    entities = {}
    for kind, keys in by_kind.items():
        keys = sorted(keys)
        for start in range(0, len(keys), 1000):
            for entity in Entity.objects.filter(kind=kind, key__in=keys[start : start + 1000]).only("kind", "key"):
                entities[(entity.kind, entity.key)] = entity
    return entities


def _link(entity, report):
    return EntityLink(
        entity=entity,
        report_id=report.pk,
        submitted_at=report.submitted_at,
        harm=report.harm,
        product_category_id=report.product_category_id,
        marketplace_name=report.marketplace_name,
        shipped_from_country=report.shipped_from_country,
    )


def link_reports(reports, recount=True):
    """Link each report to the entities it names. Returns the ids of the entities that were linked. The backfill
    passes recount=False and recounts every entity once at the end."""
    per_report = [(report, entities_in(report)) for report in reports]
    everything = {(kind, key): name for _report, found in per_report for kind, key, name in found}
    if not everything:
        return set()
    with transaction.atomic():
        entities = _entities_for([(kind, key, name) for (kind, key), name in everything.items()])
        links = [_link(entities[(kind, key)], report) for report, found in per_report for kind, key, _name in found]
        EntityLink.objects.bulk_create(links, ignore_conflicts=True, batch_size=2000)
        touched = {link.entity.pk for link in links}
        if recount:
            recount_entities(touched)
    return touched


def link_report(report):
    """Link one new report (the worker's task). The counts of the entities it adds a link to go up by one, in the
    database (no recount: a big shop's domain has 200,000 links); linking it again changes nothing."""
    from . import leads

    found = entities_in(report)
    if not found:
        return set()
    with transaction.atomic():
        entities = _entities_for(found)
        already = set(EntityLink.objects.filter(report_id=report.pk).values_list("entity_id", flat=True))
        new = [entity for entity in entities.values() if entity.pk not in already]
        made = [_link(entity, report) for entity in new]
        EntityLink.objects.bulk_create(made, ignore_conflicts=True)
        rollups.add(made)
        submitted = Value(report.submitted_at)
        Entity.objects.filter(pk__in=[entity.pk for entity in new]).update(
            report_count=F("report_count") + 1,
            harm_count=F("harm_count") + (1 if report.harm else 0),
            first_report_at=Least(Coalesce("first_report_at", submitted), submitted),
            last_report_at=Greatest(Coalesce("last_report_at", submitted), submitted),
        )
    touched = {entity.pk for entity in entities.values()}
    leads.promote(touched)
    return touched


RECOUNT_SQL = """
UPDATE targeting_entity SET
    report_count = totals.reports, harm_count = totals.harmed,
    first_report_at = totals.first_at, last_report_at = totals.last_at
FROM (
    SELECT entity_id, COUNT(*) AS reports, SUM(CASE WHEN harm THEN 1 ELSE 0 END) AS harmed,
           MIN(submitted_at) AS first_at, MAX(submitted_at) AS last_at
    FROM targeting_entitylink WHERE {where} GROUP BY entity_id
) AS totals
WHERE targeting_entity.id = totals.entity_id
"""


def recount_entities(entity_ids=None):
    """Set the counts, dates and rollups (rollups.py) of these entities (None: all of them) from their links."""
    rollups.rebuild(entity_ids)
    with connection.cursor() as cursor:
        if entity_ids is None:
            cursor.execute(RECOUNT_SQL.format(where="1 = 1"))
            return
        ids = sorted(entity_ids)
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            cursor.execute(RECOUNT_SQL.format(where=f"entity_id IN ({', '.join(['%s'] * len(chunk))})"), chunk)
