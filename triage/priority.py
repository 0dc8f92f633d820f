"""How urgent a report is, and why. A pure function: the facts go in, (priority, reasons) come out.

Rules, in order:
1. Someone was hurt or property damaged: urgent.
2. A health-and-safety category (medicines, chargers, toys...): at least high.
3. Repeat seller or store: when REPEAT_THRESHOLD or more other reports name the same seller (case does not
   matter) or the same store domain, one level up.
4. Impersonation: the seller uses the name, a trade name or the web address of a vetted importer the directory
   has suspended or revoked (triage/impersonation.py): at least high, and never lowered by rule 5.
5. Recency: a purchase more than STALE_AFTER_DAYS before the report is harder to act on: one level down
   (never for harm or impersonation).
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reports.choices import Priority

LEVELS = [Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.URGENT]
REPEAT_THRESHOLD = 2
# Other reports are counted up to this many and one more; past it a reason says "more than 100 other reports".
REPEAT_COUNT_CAP = 100
STALE_AFTER_DAYS = 30


@dataclass(frozen=True)
class PriorityFacts:
    harm: bool = False
    category_name: str = ""
    health_and_safety: bool = False
    other_seller_reports: int = 0
    other_domain_reports: int = 0
    domain: str = ""
    purchase_date: date | None = None
    reported_on: date | None = None
    # The suspended or revoked importer the seller claims to be: its name, status label and how ("name" or
    # "address"); empty when none.
    impersonated: str = ""
    impersonated_status: str = ""
    impersonated_by: str = ""


def _up(priority):
    return LEVELS[min(LEVELS.index(priority) + 1, len(LEVELS) - 1)]


def _down(priority):
    return LEVELS[max(LEVELS.index(priority) - 1, 0)]


def _seller_reason(count):
    if count > REPEAT_COUNT_CAP:
        return _("more than %(cap)d other reports about this seller") % {"cap": REPEAT_COUNT_CAP}
    return ngettext("%(count)d other report about this seller", "%(count)d other reports about this seller", count) % {
        "count": count
    }


def _store_reason(count, domain):
    if domain:
        if count > REPEAT_COUNT_CAP:
            return _("more than %(cap)d other reports about this store (%(domain)s)") % {
                "cap": REPEAT_COUNT_CAP,
                "domain": domain,
            }
        return ngettext(
            "%(count)d other report about this store (%(domain)s)",
            "%(count)d other reports about this store (%(domain)s)",
            count,
        ) % {"count": count, "domain": domain}
    if count > REPEAT_COUNT_CAP:
        return _("more than %(cap)d other reports about this store") % {"cap": REPEAT_COUNT_CAP}
    return ngettext("%(count)d other report about this store", "%(count)d other reports about this store", count) % {
        "count": count
    }


def compute_priority(facts):
    """Return (priority, reasons): a Priority value and a list of plain-language reasons."""
    priority = Priority.NORMAL
    reasons = []
    if facts.harm:
        priority = Priority.URGENT
        reasons.append(_("injury or damage reported"))
    if facts.health_and_safety:
        if LEVELS.index(priority) < LEVELS.index(Priority.HIGH):
            priority = Priority.HIGH
        category = facts.category_name or _("health and safety")
        reasons.append(_("%(category)s category (health and safety)") % {"category": category})

    repeats = []
    if facts.other_seller_reports >= REPEAT_THRESHOLD:
        count = facts.other_seller_reports
        repeats.append(_seller_reason(count))
    if facts.other_domain_reports >= REPEAT_THRESHOLD:
        repeats.append(_store_reason(facts.other_domain_reports, facts.domain))
    if repeats:
        priority = _up(priority)
        reasons.extend(repeats)

    if facts.impersonated:
        if LEVELS.index(priority) < LEVELS.index(Priority.HIGH):
            priority = Priority.HIGH
        values = {"importer": facts.impersonated, "status": str(facts.impersonated_status).lower()}
        if facts.impersonated_by == "address":
            reasons.append(_("the seller uses the web address of %(importer)s, a %(status)s vetted importer") % values)
        else:
            reasons.append(_("the seller uses the name of %(importer)s, a %(status)s vetted importer") % values)

    if facts.purchase_date and facts.reported_on and not facts.harm and not facts.impersonated:
        age = (facts.reported_on - facts.purchase_date).days
        if age > STALE_AFTER_DAYS:
            priority = _down(priority)
            reasons.append(
                _("bought %(age)s days before it was reported (over %(limit)s)")
                % {"age": age, "limit": STALE_AFTER_DAYS}
            )

    if not reasons:
        reasons.append(_("no urgency signals"))
    return priority, reasons
