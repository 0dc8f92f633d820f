"""When an entity becomes a border lead (the thresholds staff set, LeadThresholds), and reviewing leads.

Either threshold is enough: so many reports, or so many reports of harm. A lead is made once per entity and
waits for review; approving puts it in the feed (feed.py) and the partner API.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .kinds import EntityKind
from .models import Entity, Lead, LeadStatus, LeadThresholds


def crossing(thresholds):
    """The condition for an entity that crosses a threshold, or None when both rules are off."""
    rules = Q()
    if thresholds.min_reports:
        rules |= Q(report_count__gte=thresholds.min_reports)
    if thresholds.min_harm_reports:
        rules |= Q(harm_count__gte=thresholds.min_harm_reports)
    if not rules:
        return None
    if not thresholds.include_brands:
        rules &= ~Q(kind=EntityKind.BRAND)
    return rules


def reason_for(entity):
    return _("%(reports)s reports, %(harm)s with harm") % {"reports": entity.report_count, "harm": entity.harm_count}


def promote(entity_ids=None):
    """Make a lead of each of these entities (None: any entity) that crosses a threshold and is not one yet.
    Returns how many leads were made."""
    rules = crossing(LeadThresholds.load())
    if rules is None:
        return 0
    candidates = Entity.objects.filter(rules, lead__isnull=True)
    if entity_ids is not None:
        candidates = candidates.filter(pk__in=list(entity_ids))
    made = 0
    batch = []
    for entity in candidates.only("pk", "report_count", "harm_count").iterator(chunk_size=2000):
        batch.append(Lead(entity=entity, reason=reason_for(entity)[:200]))
        if len(batch) == 2000:
            made += len(Lead.objects.bulk_create(batch, ignore_conflicts=True))
            batch = []
    made += len(Lead.objects.bulk_create(batch, ignore_conflicts=True))
    return made


class ReviewError(ValueError):
    pass


@transaction.atomic
def review(lead, status, *, user, note=""):
    """Approve or reject a lead (or send it back to review), with an audit-log entry."""
    if status not in LeadStatus.values:
        raise ReviewError(_("Choose approve or reject."))
    if status == LeadStatus.REJECTED and not note.strip():
        raise ReviewError(_("Say why the lead is rejected, so others can see it later."))
    previous = lead.status
    lead.status, lead.review_note = status, note.strip()
    lead.reviewed_by, lead.reviewed_at = user, timezone.now()
    lead.save(update_fields=["status", "review_note", "reviewed_by", "reviewed_at"])
    log(lead, "targeting.lead_review", user=user, data={"from": previous, "to": status, "note": lead.review_note})
    return lead
