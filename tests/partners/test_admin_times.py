"""The partner pages show times in the site's zone (never "x ago" with UTC underneath) and Yes/No for flags."""

import datetime
import re

import pytest

from partners.models import ApiCall
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AT = datetime.datetime(2026, 7, 4, 16, 30, 5, 999999, tzinfo=datetime.UTC)  # 12:30 EDT


@pytest.fixture
def manager(db):
    return UserFactory(username="pat", groups=["Partner managers"])


def test_the_call_log_shows_each_call_in_eastern_time(client, manager, market_a):
    call = ApiCall.objects.create(partner=market_a, method="GET", path="/api/v1/partner/referrals", status_code=200)
    ApiCall.objects.filter(pk=call.pk).update(at=AT)
    client.force_login(manager)
    listing = client.get("/admin/api-calls/").text
    assert "4 Jul 2026, 12:30 EDT" in listing
    assert 'datetime="2026-07-04T12:30:05-04:00"' in listing
    inspect = client.get(f"/admin/api-calls/inspect/{call.pk}/").text
    assert "4 Jul 2026, 12:30 EDT" in inspect
    assert "16:30" not in inspect and "4:30 p.m." not in inspect


def test_the_partner_list_and_page_say_yes_or_no(client, manager, market_a):
    client.force_login(manager)
    listing = client.get("/admin/api-partners/").text
    row = next(row for row in re.findall(r"<tr[^>]*>.*?</tr>", listing, flags=re.S) if "BargainMart" in row)
    assert re.search(r">\s*Yes\s*<", row)
    inspect = client.get(f"/admin/api-partners/inspect/{market_a.pk}/").text
    assert not re.search(r">\s*(True|False)\s*<", inspect)
    assert re.search(r">\s*Yes\s*<", inspect)
