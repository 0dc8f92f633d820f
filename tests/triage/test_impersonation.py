"""The impersonation watchlist: a report whose seller uses the name, a trade name or the web address of a
suspended or revoked vetted importer is raised to at least high priority, the report page says why, and it is
listed for the officers who follow the watchlist. A trusted importer's name raises nothing."""

import pytest
from django.urls import reverse

from importers.models import VettingStatus
from reports.choices import Priority
from tests.importers.conftest import ImporterFactory
from tests.triage.conftest import make_report
from triage import following, impersonation
from triage.models import Follow, FollowMatch, TriageState


@pytest.fixture
def handbags(db):
    from tests.factories import ProductCategoryFactory

    return ProductCategoryFactory(name="Handbags", slug="handbags", health_and_safety=False)


@pytest.fixture
def importers(db):
    return {
        "trusted": ImporterFactory(legal_name="Trusty Goods Inc.", domains=["trusty.example"]),
        "suspended": ImporterFactory(
            legal_name="Acme Imports, LLC",
            status=VettingStatus.SUSPENDED,
            trade_names=["Acme Direct"],
            domains=["acme-imports.example"],
        ),
        "revoked": ImporterFactory(legal_name="Bolt Trading Co.", status=VettingStatus.REVOKED),
    }


@pytest.mark.parametrize(
    ("seller_name", "listing_url", "expected", "by"),
    [
        ("ACME IMPORTS LLC", "", "suspended", "name"),
        ("acme imports", "", "suspended", "name"),
        ("Acme  Imports, L.L.C.", "", "suspended", "name"),
        ("Acme Direct", "", "suspended", "name"),  # a trade name
        ("www.Acme-Imports.example", "", "suspended", "address"),  # the name written as its domain
        ("Cheap Bags", "https://shop.acme-imports.example/bag/1", "suspended", "address"),
        ("Bolt Trading Company", "", "revoked", "name"),
        ("bolt trading co", "", "revoked", "name"),
        ("Trusty Goods", "https://trusty.example/x", None, None),  # trusted: not flagged
        ("Acme Importers", "", None, None),  # a different name
        ("", "https://acme-imports.example.org/", None, None),  # a different domain
    ],
)
def test_which_sellers_claim_a_suspended_or_revoked_importer(importers, seller_name, listing_url, expected, by):
    found = impersonation.find(seller_name, listing_url)
    if expected is None:
        assert found is None
    else:
        assert found.importer == importers[expected] and found.by == by


@pytest.mark.django_db
def test_impersonation_raises_the_priority_and_the_report_page_says_why(client, officer, handbags, importers):
    flagged = make_report(handbags, seller_name="Acme Imports LLC", listing_url="https://bags.example/1")
    plain = make_report(handbags, seller_name="Trusty Goods", listing_url="https://bags.example/2")
    flagged.refresh_from_db()
    plain.refresh_from_db()
    assert flagged.priority == Priority.HIGH and plain.priority == Priority.NORMAL
    assert TriageState.objects.get(report=flagged).impersonates == importers["suspended"]
    assert TriageState.objects.get(report=plain).impersonates is None

    client.force_login(officer)
    text = client.get(reverse("triage:inspect", args=[flagged.pk])).text
    assert "the seller uses the name of Acme Imports, LLC, a suspended vetted importer" in text
    assert "the seller uses the name of" not in client.get(reverse("triage:inspect", args=[plain.pk])).text


@pytest.mark.django_db
def test_an_old_purchase_does_not_lower_an_impersonation(handbags, importers):
    report = make_report(
        handbags, seller_name="Bolt Trading Co", purchase_date="2020-01-01", listing_url="https://x.example/1"
    )
    report.refresh_from_db()
    assert report.priority == Priority.HIGH


@pytest.mark.django_db
def test_officers_follow_the_watchlist_and_see_new_impersonations(client, officer, handbags, importers):
    client.force_login(officer)
    assert "Follow the impersonation watchlist" in client.get(reverse("triage-following:index")).text
    response = client.post(reverse("triage-following:follow-impersonation"))
    assert response.status_code == 302
    client.post(reverse("triage-following:follow-impersonation"))  # twice: one follow
    assert Follow.objects.filter(user=officer, kind=Follow.Kind.IMPERSONATION).count() == 1

    flagged = make_report(handbags, seller_name="Acme Direct", listing_url="https://bags.example/1")
    trusted = make_report(handbags, seller_name="Trusty Goods Inc", listing_url="https://bags.example/2")
    for report in (flagged, trusted):
        following.match_report(report.pk)
    assert list(FollowMatch.objects.values_list("report_id", flat=True)) == [flagged.pk]
    text = client.get(reverse("triage-following:index")).text
    assert flagged.tracking_number in text and trusted.tracking_number not in text
    assert "Follow the impersonation watchlist" not in text
