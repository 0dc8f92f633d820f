"""What an entity's staff page shows: its reports over time and how they break down, its cases, the importer
directory's view of it, and the entities named in the same reports.

The timeline and the breakdowns read the entity's rollups (EntityMonth, EntityTally: rollups.py), a few dozen
rows however many reports name it; they hold what counting its links gives. Co-occurrence reads the entity's most
recent COOCCURRENCE_WINDOW reports only, and says so.
"""

from dataclasses import dataclass, field

from django.db.models import Count, IntegerField
from django.db.models.functions import Cast

from importers.lookup import match_seller
from library.models import ProductCategory
from reference.countries import country_name

from .kinds import EntityKind
from .models import Entity, EntityLink, EntityMonth, EntityTally

COOCCURRENCE_WINDOW = 5000
COOCCURRING_LIMIT = 12
RECENT_LIMIT = 20
BREAKDOWN_LIMIT = 10


@dataclass
class Breakdown:
    label: str
    rows: list = field(default_factory=list)  # (label, count)


def months(entity):
    """[(first day of the month, reports, reports of harm)] in order, months without reports left out."""
    rows = EntityMonth.objects.filter(entity=entity, reports__gt=0).order_by("month")
    return list(rows.values_list("month", "reports", "harm"))


def _top(entity, dimension):
    """[(value, reports)] most reports first, ties in the value's order (a category by its id)."""
    rows = EntityTally.objects.filter(entity=entity, dimension=dimension, reports__gt=0)
    if dimension == EntityTally.Dimension.CATEGORY:
        rows = rows.annotate(number=Cast("value", IntegerField())).order_by("-reports", "number")
        return [(int(value), count) for value, count in rows.values_list("value", "reports")[:BREAKDOWN_LIMIT]]
    return list(rows.order_by("-reports", "value").values_list("value", "reports")[:BREAKDOWN_LIMIT])


def breakdowns(entity):
    from django.utils.translation import gettext as _

    categories = _top(entity, EntityTally.Dimension.CATEGORY)
    names = dict(ProductCategory.objects.filter(pk__in=[pk for pk, _count in categories]).values_list("pk", "name"))
    return [
        Breakdown(_("Categories"), [(names.get(pk, "?"), count) for pk, count in categories]),
        Breakdown(
            _("Marketplaces"),
            [
                (name or _("Other or not known"), count)
                for name, count in _top(entity, EntityTally.Dimension.MARKETPLACE)
            ],
        ),
        Breakdown(
            _("Shipped from"),
            [
                (country_name(code) if code else _("Not given"), count)
                for code, count in _top(entity, EntityTally.Dimension.COUNTRY)
            ],
        ),
    ]


def recent_reports(entity):
    return [
        link.report
        for link in EntityLink.objects.filter(entity=entity)
        .select_related("report__product_category")
        .order_by("-submitted_at", "-pk")[:RECENT_LIMIT]
    ]


def cases(entity):
    from triage.models import Case

    return list(Case.objects.filter(reports__entity_links__entity=entity).distinct().order_by("-pk")[:20])


def cooccurring(entity):
    """[(Entity, reports shared)] most shared first, over the entity's COOCCURRENCE_WINDOW most recent reports."""
    recent = (
        EntityLink.objects.filter(entity=entity).order_by("-submitted_at").values("report_id")[:COOCCURRENCE_WINDOW]
    )
    shared = list(
        EntityLink.objects.filter(report_id__in=recent)
        .exclude(entity=entity)
        .values_list("entity")
        .annotate(shared=Count("id"))
        .order_by("-shared", "entity")[:COOCCURRING_LIMIT]
    )
    others = Entity.objects.in_bulk([pk for pk, _shared in shared])
    return [(others[pk], count) for pk, count in shared if pk in others]


def importer_check(entity):
    """What the importer directory says (staff view: any status): None for kinds it does not know."""
    if entity.kind == EntityKind.SELLER:
        return match_seller(seller_name=entity.name)
    if entity.kind in (EntityKind.DOMAIN, EntityKind.STORE):
        return match_seller(url=entity.key)
    return None
