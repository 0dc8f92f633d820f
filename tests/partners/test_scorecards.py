"""The scorecards on data with known answers: on time, late, unanswered, not yet due, action taken; the staff page
(sortable, CSV), and the public page with its small-count rule."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from partners import operations as partner_operations
from partners import scorecards
from partners.models import Partner, PartnerKind, PartnerResponse, ResponseAction
from tests.factories import UserFactory
from tests.partners.conftest import reported
from triage import operations
from triage.models import Referral

pytestmark = pytest.mark.django_db

URL = "/admin/partner-scorecards/"
PUBLIC = "/marketplaces/response-records/"


def referral(partner, officer, category, *, days_ago, answered_after=None, action=ResponseAction.NO_ACTION):
    """A referral to `partner` sent `days_ago` days ago, answered `answered_after` days later (or never)."""
    where = {"listing_url": f"https://{partner.domain_list[0]}/item/1"} if partner.domain_list else {}
    made = operations.refer(
        agency="marketplace", note="", user=officer, report=reported(category, **where), recipient=partner
    )
    sent = timezone.now() - timedelta(days=days_ago)
    Referral.objects.filter(pk=made.pk).update(referred_at=sent)
    made.refresh_from_db()
    if answered_after is not None:
        response = partner_operations.respond(made, partner=partner, api_key=None, action=action, note="")
        PartnerResponse.objects.filter(pk=response.pk).update(responded_at=sent + timedelta(days=answered_after))
    return made


@pytest.fixture
def known(market_a, market_b, officer, category):
    """BargainMart: 5 referrals with known answers. ShopCircle: 4 referrals, all answered on day 1."""
    referral(market_a, officer, category, days_ago=30, answered_after=2, action=ResponseAction.LISTING_REMOVED)
    referral(market_a, officer, category, days_ago=30, answered_after=20)  # late
    referral(market_a, officer, category, days_ago=30)  # never answered: late
    referral(market_a, officer, category, days_ago=3)  # not due yet
    referral(market_a, officer, category, days_ago=25, answered_after=10, action=ResponseAction.SELLER_SUSPENDED)
    # Answered a second time later: only the first answer counts.
    first = Referral.objects.filter(recipient=market_a).order_by("referred_at", "pk").first()
    partner_operations.respond(first, partner=market_a, api_key=None, action=ResponseAction.LISTING_REMOVED, note="")
    for _ in range(4):
        referral(market_b, officer, category, days_ago=40, answered_after=1, action=ResponseAction.LISTING_REMOVED)
    # Sent before the period: not counted.
    referral(market_a, officer, category, days_ago=400, answered_after=1)


def card_of(cards, partner):
    return next(card for card in cards if card.organisation == partner)


def test_scorecard_numbers(known, market_a, market_b):
    cards = scorecards.compute(scorecards.Period.default())
    a = card_of(cards, market_a)
    assert (a.received, a.due, a.on_time, a.answered, a.action_taken) == (5, 4, 2, 3, 2)
    assert a.on_time_share == 50
    assert a.median_days == 10.0  # answers after 2, 10 and 20 days
    assert a.action_share == 40
    b = card_of(cards, market_b)
    assert (b.received, b.on_time_share, b.median_days, b.action_share) == (4, 100, 1.0, 100)


def test_period_limits_the_referrals(known, market_a):
    today = timezone.localdate()
    card = scorecards.for_organisation(market_a, scorecards.Period(today - timedelta(days=10), today))
    assert (card.received, card.due, card.on_time_share, card.median_days) == (1, 0, None, None)


def test_a_partner_without_referrals_has_an_empty_card(db, officer, category):
    quiet = Partner.objects.create(name="Quiet Carrier", kind=PartnerKind.CARRIER)
    card = scorecards.for_organisation(quiet, scorecards.Period.default())
    assert (card.received, card.on_time_share, card.median_days, card.action_share) == (0, None, None, None)


@pytest.fixture
def partner_manager(db):
    return UserFactory(username="pat", groups=["Partner managers"])


def test_staff_page_lists_every_organisation_sorted(known, client, partner_manager):
    client.force_login(partner_manager)
    response = client.get(URL, {"sort": "on_time", "order": "desc"})
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("ShopCircle") < page.index("BargainMart")  # 100% before 50%
    assert "50%" in page and 'aria-sort="descending"' in page
    response = client.get(URL, {"sort": "name"})
    page = response.content.decode()
    assert page.index("BargainMart") < page.index("ShopCircle")


def test_staff_csv(known, client, partner_manager, market_a):
    Partner.objects.filter(pk=market_a.pk).update(name="=HYPERLINK(1)")
    client.force_login(partner_manager)
    response = client.get(URL, {"format": "csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    row = next(row for row in rows if row["organisation"].endswith("HYPERLINK(1)"))
    assert row["organisation"] == "'=HYPERLINK(1)"  # never a formula
    assert (row["referrals_received"], row["answered_in_time_percent"], row["median_days_to_first_response"]) == (
        "5",
        "50",
        "10.0",
    )
    assert row["action_taken_percent"] == "40" and row["shown_publicly"] == "Yes"


def test_staff_page_refuses_a_bad_period(known, client, partner_manager):
    client.force_login(partner_manager)
    response = client.get(URL, {"first": "2026-05-01", "last": "2026-01-01"})
    assert response.status_code == 400
    assert "The first day must come before the last day." in response.content.decode()
    assert client.get(URL, {"first": "not a date"}).status_code == 400


def test_staff_page_is_for_partner_managers_only(known, client, officer):
    client.force_login(officer)
    assert client.get(URL).status_code in (302, 403)


def test_public_page_hides_marketplaces_with_few_referrals(known, client, category, officer):
    Partner.objects.create(name="Big Carrier", kind=PartnerKind.CARRIER)
    response = client.get(PUBLIC)
    assert response.status_code == 200
    page = response.content.decode()
    assert "BargainMart" in page  # 5 referrals: shown
    assert "ShopCircle" not in page  # 4: under the small-count rule
    assert "50%" in page and "40%" in page


def test_public_page_shows_only_marketplaces(known, client, officer, category):
    carrier = Partner.objects.create(name="Big Carrier", kind=PartnerKind.CARRIER)
    for _ in range(6):
        referral(carrier, officer, category, days_ago=20, answered_after=1)
    assert "Big Carrier" not in client.get(PUBLIC).content.decode()


def test_public_page_in_spanish(known, client):
    response = client.get("/es" + PUBLIC)
    assert response.status_code == 200
    assert 'lang="es"' in response.content.decode()
    assert "BargainMart" in response.content.decode()


def test_public_page_refuses_an_unknown_period(known, client):
    response = client.get(PUBLIC, {"period": "1999-q1"})
    assert response.status_code == 400
    assert "Choose one of the periods in the list." in response.content.decode()


def test_public_page_with_nothing_to_show(db, client):
    response = client.get(PUBLIC)
    assert response.status_code == 200
    assert "nothing to show" in response.content.decode()


def test_an_agency_organisation_is_scored_on_the_referrals_to_its_agency(
    db, client, partner_manager, officer, category
):
    from agencies import operations as agency_operations
    from agencies.models import AgencyResponse

    fda = Partner.objects.create(name="FDA Office of Criminal Investigations", kind="agency", agency="fda")
    answered = operations.refer(agency="fda", note="", user=officer, report=reported(category))
    operations.refer(agency="fda", note="", user=officer, report=reported(category))  # not answered, not due
    operations.refer(agency="cpsc", note="", user=officer, report=reported(category))  # another agency's
    sent = timezone.now() - timedelta(days=20)
    Referral.objects.update(referred_at=sent)
    answered.refresh_from_db()
    agency_operations.record_outcome(answered, organisation=fda, user=None, code="penalty")
    AgencyResponse.objects.update(responded_at=sent + timedelta(days=16))  # one day late
    card = scorecards.for_organisation(fda, scorecards.Period.default())
    assert (card.received, card.due, card.on_time, card.median_days, card.action_taken) == (2, 2, 0, 16.0, 1)
    client.force_login(partner_manager)
    page = client.get(URL).content.decode()
    assert "FDA Office of Criminal Investigations" in page and "(FDA)" in page
