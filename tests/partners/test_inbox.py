"""The portal's referrals inbox query: the same referrals as the API, and the new/waiting/answered/overdue counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from partners import inbox, operations
from partners.models import ResponseAction
from triage.models import Referral

from .conftest import bearer, reported

pytestmark = pytest.mark.django_db


def refer(category, officer, partner, days_ago=0):
    report = reported(category)
    referral = Referral.objects.create(report=report, agency="marketplace", recipient=partner)
    Referral.objects.filter(pk=referral.pk).update(referred_at=timezone.now() - timedelta(days=days_ago))
    return Referral.objects.get(pk=referral.pk)


def test_counts_follow_answers_openings_and_the_target(settings, category, officer, market_a, market_b):
    settings.PARTNER_RESPONSE_TARGET_DAYS = 15
    fresh = refer(category, officer, market_a, days_ago=1)
    opened = refer(category, officer, market_a, days_ago=6)
    late = refer(category, officer, market_a, days_ago=20)
    answered_late = refer(category, officer, market_a, days_ago=30)
    refer(category, officer, market_b, days_ago=40)  # another marketplace's: never counted
    operations.mark_seen(opened, market_a)
    operations.respond(answered_late, partner=market_a, api_key=None, action=ResponseAction.NO_ACTION, note="")

    assert inbox.counts(market_a) == {"all": 4, "new": 2, "waiting": 3, "answered": 1, "overdue": 1}
    assert [r.pk for r in inbox.shown(market_a, inbox.Show.NEW)] == [fresh.pk, late.pk]
    assert [r.pk for r in inbox.shown(market_a, inbox.Show.OVERDUE)] == [late.pk]
    assert [r.pk for r in inbox.shown(market_a, inbox.Show.ALL, inbox.Order.OLDEST)] == [
        answered_late.pk,
        late.pk,
        opened.pk,
        fresh.pk,
    ]

    settings.PARTNER_RESPONSE_TARGET_DAYS = 5
    assert inbox.counts(market_a)["overdue"] == 2


def test_reading_a_referral_through_the_api_makes_it_no_longer_new(client, category, officer, market_a, key_a):
    referral = refer(category, officer, market_a)
    assert inbox.counts(market_a)["new"] == 1
    assert client.get(f"/api/v1/partner/referrals/{referral.pk}", **bearer(key_a)).status_code == 200
    assert inbox.counts(market_a)["new"] == 0
