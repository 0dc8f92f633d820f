"""Each partner organisation's response record for a period: the scorecard staff, the organisation and (for
marketplaces with enough referrals) the public see.

For the referrals sent to an organisation in the period (by the day they were sent, site time zone):
- received: how many;
- answered in time: of the referrals whose time is up (answered already, or sent more than
  PARTNER_RESPONSE_TARGET_DAYS ago), the share first answered within that many days (the CFPB's "timely
  response");
- median time to first response: over the answered referrals, in days;
- action taken: the share of the referrals received whose status is "action taken".

A marketplace or carrier receives the referrals addressed to it (`Referral.recipient`) and answers with a
`PartnerResponse`; an agency organisation receives the referrals addressed to its agency (`Referral.agency`)
and answers with an `agencies.AgencyResponse` (an acknowledgement or an outcome). All counts are one grouped
query per kind of organisation; on PostgreSQL the median is computed in that query too.
"""

import statistics
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, FloatField, OuterRef, Q, Subquery
from django.utils import timezone

from outcomes.quarters import start_of
from reports.statistics import THRESHOLD
from triage.models import Referral, ReferralStatus

from .models import Partner, PartnerKind, PartnerResponse

AGENCY_KIND = "agency"
PUBLIC_KINDS = (PartnerKind.MARKETPLACE,)
DEFAULT_DAYS = 365
SORT_KEYS = ("name", "received", "on_time", "median", "action")


def target_days():
    return settings.PARTNER_RESPONSE_TARGET_DAYS


@dataclass(frozen=True)
class Period:
    """From `first` to `last`, both days included (site time zone)."""

    first: date
    last: date

    @classmethod
    def default(cls, today=None):
        today = today or timezone.localdate()
        return cls(today - timedelta(days=DEFAULT_DAYS - 1), today)

    @property
    def bounds(self):
        return start_of(self.first), start_of(self.last + timedelta(days=1))


@dataclass
class Scorecard:
    organisation: Partner
    received: int = 0
    due: int = 0
    on_time: int = 0
    answered: int = 0
    action_taken: int = 0
    median_days: float | None = None

    @property
    def on_time_share(self):
        """Percent answered in time (whole number) of the referrals whose time is up, None when none is."""
        return round(100 * self.on_time / self.due) if self.due else None

    @property
    def action_share(self):
        return round(100 * self.action_taken / self.received) if self.received else None

    @property
    def shown_publicly(self):
        return self.received >= THRESHOLD

    def sort_value(self, key):
        values = {
            "name": self.organisation.name.casefold(),
            "received": self.received,
            "on_time": self.on_time_share,
            "median": self.median_days,
            "action": self.action_share,
        }
        return values[key]


class MedianSeconds(Aggregate):
    """PostgreSQL's median of a duration, in seconds (NULLs, the unanswered referrals, left out)."""

    function = "percentile_cont"
    template = "percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM %(expressions)s))"
    output_field = FloatField()


def _first_response(kind):
    if kind == AGENCY_KIND:
        from agencies.models import AgencyResponse

        responses = AgencyResponse.objects.filter(referral=OuterRef("pk"))
    else:
        responses = PartnerResponse.objects.filter(referral=OuterRef("pk"), partner=OuterRef("recipient"))
    return Subquery(responses.order_by("responded_at").values("responded_at")[:1])


def _grouped(referrals, group, kind, now):
    """{group value: counts} for these referrals, in one query (plus one for the medians off PostgreSQL)."""
    target = timedelta(days=target_days())
    delay = ExpressionWrapper(F("first_response") - F("referred_at"), output_field=DurationField())
    counts = {
        "received": Count("pk"),
        "answered": Count("pk", filter=Q(first_response__isnull=False)),
        "on_time": Count("pk", filter=Q(first_response__lte=F("referred_at") + target)),
        "due": Count("pk", filter=Q(first_response__isnull=False) | Q(referred_at__lte=now - target)),
        "action_taken": Count("pk", filter=Q(status=ReferralStatus.ACTION_TAKEN)),
    }
    postgres = connection.vendor == "postgresql"
    if postgres:
        counts["median_seconds"] = MedianSeconds(delay)
    annotated = referrals.annotate(first_response=_first_response(kind)).order_by()
    rows = {row.pop(group): row for row in annotated.values(group).annotate(**counts)}
    if not postgres:
        delays = {}
        answered = annotated.filter(first_response__isnull=False).values_list(group, "first_response", "referred_at")
        for key, first, sent in answered:
            delays.setdefault(key, []).append((first - sent).total_seconds())
        for key, row in rows.items():
            row["median_seconds"] = statistics.median(delays[key]) if key in delays else None
    return rows


def _fill(card, row):
    for name in ("received", "answered", "on_time", "due", "action_taken"):
        setattr(card, name, row[name])
    seconds = row.get("median_seconds")
    card.median_days = None if seconds is None else round(seconds / 86400, 1)
    return card


def compute(period, organisations=None, now=None):
    """A Scorecard for each organisation (default: every active one), in name order."""
    now = now or timezone.now()
    if organisations is None:
        organisations = Partner.objects.filter(active=True)
    organisations = list(organisations)
    start, end = period.bounds
    sent = Referral.objects.filter(referred_at__gte=start, referred_at__lt=end)
    cards = [Scorecard(organisation) for organisation in organisations]
    agencies = [card for card in cards if card.organisation.kind == AGENCY_KIND]
    others = [card for card in cards if card.organisation.kind != AGENCY_KIND]
    if others:
        ids = [card.organisation.pk for card in others]
        rows = _grouped(sent.filter(recipient_id__in=ids), "recipient_id", "partner", now)
        for card in others:
            if card.organisation.pk in rows:
                _fill(card, rows[card.organisation.pk])
    wanted = {getattr(card.organisation, "agency", "") for card in agencies} - {""}
    if wanted:
        rows = _grouped(sent.filter(agency__in=wanted), "agency", AGENCY_KIND, now)
        for card in agencies:
            if card.organisation.agency in rows:
                _fill(card, rows[card.organisation.agency])
    return sorted(cards, key=lambda card: card.organisation.name.casefold())


def for_organisation(organisation, period, now=None):
    return compute(period, [organisation], now=now)[0]


def public_records(period, now=None):
    """The marketplaces' scorecards the public page shows: active ones with at least THRESHOLD referrals."""
    cards = compute(period, Partner.objects.filter(active=True, kind__in=PUBLIC_KINDS), now=now)
    return [card for card in cards if card.shown_publicly]


def sort(cards, key, descending=False):
    """Cards sorted on a column; the ones without a value for it (no referral due, none answered) last."""
    if key not in SORT_KEYS:
        key = "name"
    with_value = [card for card in cards if card.sort_value(key) is not None]
    without = [card for card in cards if card.sort_value(key) is None]
    return sorted(with_value, key=lambda card: card.sort_value(key), reverse=descending) + without
