"""The referrals inbox of a marketplace or carrier in the partner portal: which referrals, in which order, how many.

Built on `operations.referrals_for`, the same query the partner API reads, so the portal and the API always
show an organisation the same referrals. The filters:

- new: nobody has answered it and nobody at the organisation has opened it yet (operations.mark_seen);
- waiting: nobody has answered it yet;
- answered: it has at least one answer (from the portal or the API);
- overdue: waiting, and referred more than PARTNER_RESPONSE_TARGET_DAYS days ago.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, TextChoices
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import PartnerResponse, ReferralSeen
from .operations import referrals_for


class Show(TextChoices):
    ALL = "all", _("All")
    NEW = "new", _("New")
    WAITING = "waiting", _("Waiting")
    ANSWERED = "answered", _("Answered")
    OVERDUE = "overdue", _("Overdue")


class Order(TextChoices):
    NEWEST = "newest", _("Newest first")
    OLDEST = "oldest", _("Oldest first")


def overdue_before(now=None):
    """Referrals made before this moment and still unanswered are overdue."""
    return (now or timezone.now()) - timedelta(days=settings.PARTNER_RESPONSE_TARGET_DAYS)


def inbox(partner):
    """The partner's referrals, each with `answered` and `seen` (booleans) and `answered_at` (first answer)."""
    responses = PartnerResponse.objects.filter(referral=OuterRef("pk"))
    return referrals_for(partner).annotate(
        answered=Exists(responses),
        seen=Exists(ReferralSeen.objects.filter(referral=OuterRef("pk"), partner=partner)),
    )


def _conditions(now=None):
    return {
        Show.ALL: Q(),
        Show.NEW: Q(answered=False, seen=False),
        Show.WAITING: Q(answered=False),
        Show.ANSWERED: Q(answered=True),
        Show.OVERDUE: Q(answered=False, referred_at__lt=overdue_before(now)),
    }


def shown(partner, show=Show.ALL, order=Order.NEWEST, now=None):
    """The referrals one filter of the inbox lists, in the order asked for."""
    ordering = ["-referred_at", "-pk"] if order == Order.NEWEST else ["referred_at", "pk"]
    return inbox(partner).filter(_conditions(now)[show]).order_by(*ordering)


def counts(partner, now=None):
    """How many referrals each filter lists, in one query: {"all": 12, "new": 3, ...}."""
    conditions = _conditions(now)
    totals = inbox(partner).aggregate(
        **{f"count_{key}": Count("pk", filter=condition) for key, condition in conditions.items()}
    )
    return {str(key): totals[f"count_{key}"] for key in conditions}


def answer_by(referral):
    """The moment after which an unanswered referral is overdue."""
    return referral.referred_at + timedelta(days=settings.PARTNER_RESPONSE_TARGET_DAYS)


def is_overdue(referral, now=None):
    return not referral.answered and referral.referred_at < overdue_before(now)
