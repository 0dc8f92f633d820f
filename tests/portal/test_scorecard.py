"""Each organisation sees its own response record in the portal, never another's."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from partners import operations as partner_operations
from partners.models import PartnerResponse, ResponseAction
from tests.factories import UserFactory
from tests.reports.factories import ReportFactory
from triage import operations
from triage.models import Referral

pytestmark = pytest.mark.django_db
URL = reverse("portal:scorecard:own")


def referral(partner, officer, *, days_ago, answered_after=None):
    made = operations.refer(agency="marketplace", note="", user=officer, report=ReportFactory(), recipient=partner)
    sent = timezone.now() - timedelta(days=days_ago)
    Referral.objects.filter(pk=made.pk).update(referred_at=sent)
    if answered_after is not None:
        made.refresh_from_db()
        answer = partner_operations.respond(
            made, partner=partner, api_key=None, action=ResponseAction.LISTING_REMOVED, note=""
        )
        PartnerResponse.objects.filter(pk=answer.pk).update(responded_at=sent + timedelta(days=answered_after))


def test_a_member_sees_its_own_record(portal_member, portal_client):
    officer = UserFactory(username="olivia", groups=["Triage officers"])
    mine = portal_member(kind="carrier", role="viewer")
    other = portal_member(kind="carrier")
    referral(mine.organisation, officer, days_ago=40, answered_after=3)
    referral(mine.organisation, officer, days_ago=40)  # never answered: late
    for _ in range(3):
        referral(other.organisation, officer, days_ago=40, answered_after=30)
    page = portal_client(mine).get(URL)
    assert page.status_code == 200
    cells = [cell.strip() for cell in page.text.split('<td class="text-right">')[1:5]]
    assert cells[0].startswith("2<") and cells[1].startswith("50% (1 / 2)") and cells[2].startswith("3.0<")
    assert cells[3].startswith("50% (1)")


def test_a_bad_period_is_refused_with_a_message(portal_member, portal_client):
    client = portal_client(portal_member())
    page = client.get(URL, {"first": "2026-05-01", "last": "2026-01-01"})
    assert page.status_code == 400
    assert "The first day must come before the last day." in page.text
    # Dates at the calendar's edge are refused, never a server error.
    page = client.get(URL, {"first": "9999-01-01", "last": "9999-12-31"})
    assert page.status_code == 400
    assert "Choose days from the year 2000 up to a year from today." in page.text
