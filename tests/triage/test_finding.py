"""Finding a report by the numbers people quote: the queue search and the "Go to report" box, through real URLs."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.triage.conftest import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def quoted(toys_free):
    return make_report(
        toys_free,
        description="Fake charger",
        order_number="ORD-2024-55 17",
        parcel_tracking_number="9400 1000 0000 0000 1234 56",
    )


@pytest.fixture
def other(toys_free):
    return make_report(toys_free, description="Fake charger that melted", order_number="ORD-2024-99")


def typed_ways(tracking_number):
    compact = tracking_number.removeprefix("CF-")
    return [
        tracking_number,
        tracking_number.lower(),
        compact,
        compact.lower(),
        compact.replace("-", "").lower(),
        tracking_number.replace("-", "").lower(),
        f"  {tracking_number.lower()} ",
    ]


def test_a_tracking_number_in_the_queue_search_opens_the_report(client, officer, quoted, other):
    client.force_login(officer)
    for typed in typed_ways(quoted.tracking_number):
        response = client.get(reverse("triage:index"), {"q": typed})
        assert response.status_code == 302, typed
        assert response["Location"] == reverse("triage:inspect", args=[quoted.pk])


def test_the_live_search_lists_the_report_for_its_tracking_number(client, officer, quoted, other):
    client.force_login(officer)
    compact = quoted.tracking_number.removeprefix("CF-").replace("-", "").lower()
    response = client.get(reverse("triage:index_results"), {"q": compact})
    assert response.status_code == 200
    assert quoted.tracking_number in response.text
    assert other.tracking_number not in response.text


@pytest.mark.parametrize(
    "typed",
    ["ORD-2024-55 17", "ord2024-5517", "ORD 2024 5517", "9400 1000 0000 0000 1234 56", "9400100000000000123456"],
)
def test_order_and_parcel_numbers_match_exactly_however_typed(client, officer, quoted, other, typed):
    client.force_login(officer)
    response = client.get(reverse("triage:index"), {"q": typed})
    assert response.status_code == 200
    assert quoted.tracking_number in response.text
    assert other.tracking_number not in response.text


def test_part_of_an_order_number_is_not_a_match(client, officer, quoted, other):
    client.force_login(officer)
    response = client.get(reverse("triage:index"), {"q": "ORD-2024"})
    assert quoted.tracking_number not in response.text
    assert other.tracking_number not in response.text


def test_words_still_search_the_description(client, officer, quoted, other):
    client.force_login(officer)
    response = client.get(reverse("triage:index"), {"q": "charger melted"})
    assert other.tracking_number in response.text
    assert quoted.tracking_number not in response.text


def test_the_go_to_report_box_is_on_the_queue(client, officer, quoted):
    client.force_login(officer)
    page = client.get(reverse("triage:index")).text
    assert f'action="{reverse("triage:go")}"' in page
    assert "Go to report" in page


def test_go_to_report_opens_the_report_however_typed(client, officer, quoted, other):
    client.force_login(officer)
    for typed in typed_ways(quoted.tracking_number):
        response = client.get(reverse("triage:go"), {"tracking_number": typed})
        assert response.status_code == 302, typed
        assert response["Location"] == reverse("triage:inspect", args=[quoted.pk])


def test_go_to_report_says_plainly_when_nothing_matches(client, officer, quoted):
    client.force_login(officer)
    response = client.get(reverse("triage:go"), {"tracking_number": "cf-2222-3333"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("triage:index")
    assert "No report has the tracking number CF-2222-3333" in response.text

    response = client.get(reverse("triage:go"), {"tracking_number": "ORD-2024-55 17"}, follow=True)
    assert "is not a tracking number" in response.text

    response = client.get(reverse("triage:go"), {"tracking_number": ""}, follow=True)
    assert "Type a tracking number" in response.text


def test_go_to_report_is_for_triage_staff_only(client, quoted, site_tree):
    client.force_login(UserFactory(username="eddie", groups=["Editors"]))
    response = client.get(reverse("triage:go"), {"tracking_number": quoted.tracking_number})
    assert response.status_code in (302, 403)
    assert reverse("triage:inspect", args=[quoted.pk]) not in response.get("Location", "")


def test_numbers_match_the_same_with_elasticsearch_on(client, officer, quoted, other, settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    client.force_login(officer)
    response = client.get(reverse("triage:index"), {"q": quoted.tracking_number.lower().removeprefix("cf-")})
    assert response["Location"] == reverse("triage:inspect", args=[quoted.pk])
    response = client.get(reverse("triage:index"), {"q": "ord2024-5517"})
    assert quoted.tracking_number in response.text and other.tracking_number not in response.text
