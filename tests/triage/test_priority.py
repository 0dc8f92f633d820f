"""Priority: the pure rules, recomputation on new reports and additions, and officers' overrides."""

from datetime import date

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from reports.models import ReporterAddition
from tests.triage.conftest import make_report
from triage import operations
from triage.models import PriorityOverride
from triage.operations import as_logged
from triage.priority import PriorityFacts, compute_priority


def test_nothing_special_is_normal():
    assert compute_priority(PriorityFacts(category_name="Handbags")) == ("normal", ["no urgency signals"])


def test_harm_is_urgent():
    priority, reasons = compute_priority(PriorityFacts(harm=True))
    assert priority == "urgent" and reasons == ["injury or damage reported"]


def test_health_and_safety_is_at_least_high():
    priority, reasons = compute_priority(PriorityFacts(category_name="Medicines", health_and_safety=True))
    assert priority == "high" and reasons == ["Medicines category (health and safety)"]
    assert compute_priority(PriorityFacts(harm=True, health_and_safety=True))[0] == "urgent"


def test_repeat_seller_or_store_bumps_one_level():
    priority, reasons = compute_priority(PriorityFacts(other_seller_reports=4))
    assert priority == "high" and reasons == ["4 other reports about this seller"]
    priority, reasons = compute_priority(
        PriorityFacts(
            health_and_safety=True, category_name="Medicines", other_domain_reports=2, domain="pills.example"
        )
    )
    assert priority == "urgent"
    assert reasons[-1] == "2 other reports about this store (pills.example)"
    # One other report is not yet a pattern.
    assert compute_priority(PriorityFacts(other_seller_reports=1))[0] == "normal"


def test_the_example_from_the_issue():
    priority, reasons = compute_priority(
        PriorityFacts(harm=True, category_name="Medicines", health_and_safety=True, other_seller_reports=4)
    )
    assert priority == "urgent"
    assert reasons == [
        "injury or damage reported",
        "Medicines category (health and safety)",
        "4 other reports about this seller",
    ]


def test_an_old_purchase_lowers_the_priority_but_never_for_harm():
    old = {"purchase_date": date(2026, 1, 1), "reported_on": date(2026, 3, 1)}
    priority, reasons = compute_priority(PriorityFacts(**old))
    assert priority == "low" and reasons == ["bought 59 days before it was reported (over 30)"]
    assert compute_priority(PriorityFacts(harm=True, **old))[0] == "urgent"
    recent = {"purchase_date": date(2026, 2, 20), "reported_on": date(2026, 3, 1)}
    assert compute_priority(PriorityFacts(**recent))[0] == "normal"


@pytest.mark.django_db
def test_new_reports_raise_the_priority_of_the_same_sellers_reports(toys_free, django_capture_on_commit_callbacks):
    first = make_report(toys_free, seller_name="Best-Deals")
    first.refresh_from_db()
    assert first.priority == "normal"
    make_report(toys_free, seller_name="best-deals ")
    with django_capture_on_commit_callbacks(execute=True):
        third = make_report(toys_free, seller_name="BEST-DEALS")
    third.refresh_from_db()
    first.refresh_from_db()
    assert third.priority == "high"
    assert third.triage.priority_reasons == ["2 other reports about this seller"]
    assert first.priority == "high"


@pytest.mark.django_db
def test_reporter_additions_recompute(toys_free):
    report = make_report(toys_free, seller_name="Solo")
    make_report(toys_free, seller_name="solo")
    make_report(toys_free, seller_name="SOLO")
    from reports.models import Report

    Report.objects.filter(pk=report.pk).update(priority="low")
    ReporterAddition.objects.create(report=report, text="More details")
    report.refresh_from_db()
    assert report.priority == "high"


@pytest.mark.django_db
def test_an_override_is_recorded_explained_and_survives_recomputation(client, officer, report):
    client.force_login(officer)
    client.post(reverse("triage:priority", args=[report.pk]), {"priority": "urgent", "reason": "Same ring as case 12"})
    report.refresh_from_db()
    assert report.priority == "urgent"
    override = PriorityOverride.objects.get(report=report)
    assert (override.priority, override.reason, override.set_by, override.active) == (
        "urgent",
        "Same ring as case 12",
        officer,
        True,
    )
    entry = ModelLogEntry.objects.for_instance(as_logged(report)).get(action="triage.priority_override")
    assert entry.user == officer and entry.data["reason"] == "Same ring as case 12"
    text = client.get(reverse("triage:inspect", args=[report.pk])).text
    assert "set by Olivia Officer: Same ring as case 12" in text

    ReporterAddition.objects.create(report=report, text="More")
    report.refresh_from_db()
    assert report.priority == "urgent"

    # Without a reason, nothing changes.
    client.post(reverse("triage:priority", args=[report.pk]), {"priority": "low", "reason": ""})
    report.refresh_from_db()
    assert report.priority == "urgent"

    operations.clear_priority_override(report, user=officer)
    report.refresh_from_db()
    assert report.priority == "normal"


@pytest.mark.django_db
def test_sharing_a_big_marketplace_is_not_a_repeat_but_sharing_a_shop_domain_is(toys_free):
    for n in range(3):
        make_report(toys_free, seller_name=f"Seller {n}", listing_url=f"https://www.amazon.com/dp/B0{n}")
    on_marketplace = make_report(toys_free, seller_name="Seller 9", listing_url="https://amazon.com/dp/B09")
    on_marketplace.refresh_from_db()
    assert on_marketplace.priority == "normal"
    assert not any("domain" in reason or "store" in reason for reason in on_marketplace.triage.priority_reasons)

    for n in range(2):
        make_report(toys_free, seller_name=f"Shop {n}", listing_url=f"https://cheap-chargers.example/item/{n}")
    own_shop = make_report(toys_free, seller_name="Shop 9", listing_url="https://www.cheap-chargers.example/x")
    own_shop.refresh_from_db()
    assert own_shop.priority == "high"
