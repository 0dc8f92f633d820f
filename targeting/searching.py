"""The entity list's search box: what was typed, read by every kind's normaliser, and matched on the keys.

"ACME Imports LLC" finds the seller "acme imports" and the brand; "(202) 555-0143" finds the phone;
"shop.example" finds the domain and the store addresses on it. Every match is on the indexed key (exact, or
"starts with" for names and addresses), never a scan of names, so it stays quick with millions of entities.
"""

from django.db.models import Q

from .kinds import EntityKind, normalise
from .models import Entity

PREFIX_KINDS = {EntityKind.SELLER, EntityKind.BRAND, EntityKind.DOMAIN, EntityKind.STORE}
MAX_QUERY = 200


def search_q(text, kind=""):
    kinds = [EntityKind(kind)] if kind in EntityKind.values else list(EntityKind)
    condition = Q(pk__in=[])
    for each in kinds:
        key = normalise(each, text[:MAX_QUERY])
        if not key:
            continue
        if each in PREFIX_KINDS:
            condition |= Q(kind=each, key__startswith=key)
        else:
            condition |= Q(kind=each, key=key)
    if EntityKind.STORE in kinds:
        host = normalise(EntityKind.DOMAIN, text[:MAX_QUERY])
        if host:  # the store addresses on a typed domain
            condition |= Q(kind=EntityKind.STORE, key__startswith=f"{host}/")
    return condition


def entity_list(text="", kind=""):
    entities = Entity.objects.all()
    if text.strip():
        entities = entities.filter(search_q(text, kind))
    elif kind in EntityKind.values:
        entities = entities.filter(kind=kind)
    return entities.order_by("-report_count", "id")
