"""How urgent a report is, and why. A pure function: the facts go in, (priority, reasons) come out.

Rules, in order:
1. Someone was hurt or property damaged: urgent.
2. A health-and-safety category (medicines, chargers, toys...): at least high.
3. Repeat seller or store: when REPEAT_THRESHOLD or more other reports name the same seller (case does not
   matter) or the same store domain, one level up.
4. Recency: a purchase more than STALE_AFTER_DAYS before the report is harder to act on: one level down
   (never for harm).
"""

from dataclasses import dataclass
from datetime import date

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


def _up(priority):
    return LEVELS[min(LEVELS.index(priority) + 1, len(LEVELS) - 1)]


def _down(priority):
    return LEVELS[max(LEVELS.index(priority) - 1, 0)]


def _plural(count, one, many):
    return one if count == 1 else many


def _other_reports(count):
    if count > REPEAT_COUNT_CAP:
        return f"more than {REPEAT_COUNT_CAP} other reports"
    return f"{count} other {_plural(count, 'report', 'reports')}"


def compute_priority(facts):
    """Return (priority, reasons): a Priority value and a list of plain-language reasons."""
    priority = Priority.NORMAL
    reasons = []
    if facts.harm:
        priority = Priority.URGENT
        reasons.append("injury or damage reported")
    if facts.health_and_safety:
        if LEVELS.index(priority) < LEVELS.index(Priority.HIGH):
            priority = Priority.HIGH
        reasons.append(f"{facts.category_name or 'health and safety'} category (health and safety)")

    repeats = []
    if facts.other_seller_reports >= REPEAT_THRESHOLD:
        count = facts.other_seller_reports
        repeats.append(f"{_other_reports(count)} about this seller")
    if facts.other_domain_reports >= REPEAT_THRESHOLD:
        count = facts.other_domain_reports
        where = f" ({facts.domain})" if facts.domain else ""
        repeats.append(f"{_other_reports(count)} about this store{where}")
    if repeats:
        priority = _up(priority)
        reasons.extend(repeats)

    if facts.purchase_date and facts.reported_on and not facts.harm:
        age = (facts.reported_on - facts.purchase_date).days
        if age > STALE_AFTER_DAYS:
            priority = _down(priority)
            reasons.append(f"bought {age} days before it was reported (over {STALE_AFTER_DAYS})")

    if not reasons:
        reasons.append("no urgency signals")
    return priority, reasons
