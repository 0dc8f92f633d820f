"""The queue's order column (Report.priority_rank) follows the priority on every path that changes it.

The rank is what the queue sorts and filters on ("?priority=urgent" filters on the rank), so each test looks
at the queue through its URL after the change, and at the stored rank itself.
"""

import pytest
from django.urls import reverse

from reports.choices import PRIORITY_ORDER
from reports.models import Report, ReporterAddition
from tests.triage.conftest import make_report
from triage import operations
from triage.tasks import recompute_related

pytestmark = pytest.mark.django_db


def rank_of(report):
    return Report.objects.values_list("priority_rank", flat=True).get(pk=report.pk)


def in_step(report):
    report.refresh_from_db()
    return rank_of(report) == PRIORITY_ORDER.index(report.priority)


def shown_under(client, report, priority):
    response = client.get(reverse("triage:index"), {"priority": priority})
    assert response.status_code == 200
    return report.tracking_number in response.text


def test_ranks_are_the_queue_order():
    assert PRIORITY_ORDER == ["urgent", "high", "normal", "low"]


def test_a_new_report_is_ranked_by_its_computed_priority(client, officer, toys_free, chargers):
    harmed = make_report(toys_free, harm=True, urgent=True)
    charger = make_report(chargers)
    plain = make_report(toys_free)
    assert [rank_of(r) for r in (harmed, charger, plain)] == [0, 1, 2]
    client.force_login(officer)
    assert shown_under(client, harmed, "urgent") and not shown_under(client, plain, "urgent")
    assert shown_under(client, charger, "high")


def test_an_override_and_its_removal_move_the_rank(client, officer, report):
    client.force_login(officer)
    client.post(reverse("triage:priority", args=[report.pk]), {"priority": "urgent", "reason": "Same ring as case 12"})
    assert in_step(report) and report.priority == "urgent" and rank_of(report) == 0
    assert shown_under(client, report, "urgent")
    operations.clear_priority_override(report, user=officer)
    assert in_step(report) and report.priority == "normal"
    assert not shown_under(client, report, "urgent") and shown_under(client, report, "normal")


def test_a_reporter_addition_recomputes_the_rank(client, officer, toys_free):
    report = make_report(toys_free, seller_name="Solo")
    make_report(toys_free, seller_name="solo")
    make_report(toys_free, seller_name="SOLO")
    Report.objects.filter(pk=report.pk).update(priority="low")
    assert rank_of(report) == 3
    ReporterAddition.objects.create(report=report, text="More details")
    assert in_step(report) and report.priority == "high"
    client.force_login(officer)
    assert shown_under(client, report, "high")


def test_the_related_reports_task_moves_their_rank(client, officer, toys_free):
    first = make_report(toys_free, seller_name="Best-Deals")
    second = make_report(toys_free, seller_name="best-deals")
    # Both were filed before there was a pattern: normal.
    Report.objects.filter(pk__in=[first.pk, second.pk]).update(priority="normal")
    third = make_report(toys_free, seller_name="BEST-DEALS")
    assert rank_of(first) == 2
    recompute_related.call(third.pk)
    assert in_step(first) and first.priority == "high" and rank_of(first) == 1
    client.force_login(officer)
    assert shown_under(client, first, "high") and shown_under(client, second, "high")


def test_bulk_updates_and_saves_keep_the_rank(client, officer, toys_free):
    reports = [make_report(toys_free) for _ in range(3)]
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(priority="urgent")
    assert all(in_step(r) and rank_of(r) == 0 for r in reports)
    reports[0].priority = "low"
    reports[0].save()
    assert in_step(reports[0]) and rank_of(reports[0]) == 3
    client.force_login(officer)
    text = client.get(reverse("triage:index")).text
    positions = [text.index(r.tracking_number) for r in (reports[1], reports[2], reports[0])]
    assert positions == sorted(positions)
