"""The Wagtail dashboard shows triage staff their work: mine, unassigned urgent and overdue."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reports.choices import Priority, Status
from reports.models import Report
from tests.factories import UserFactory
from tests.triage.conftest import make_report
from triage import operations


def placed(category, *, priority, days_ago=0, status=Status.NEW):
    report = make_report(category)
    Report.objects.filter(pk=report.pk).update(
        priority=priority, status=status, submitted_at=timezone.now() - timedelta(days=days_ago)
    )
    report.refresh_from_db()
    return report


def panel_sections(html):
    """{label: (count, section html)} for each tally on the dashboard's triage panel."""
    panel = re.search(r'<section class="w-mb-8 triage-dashboard".*', html, re.S)
    if not panel:
        return {}
    sections = {}
    for part in panel.group(0).split('<section class="triage-tally"')[1:]:
        label, count = re.search(r"<h3[^>]*>(.*?): <span data-count>(\d+)</span>", part).groups()
        sections[label] = (int(count), part)
    return sections


@pytest.fixture
def work(officer, toys_free):
    other = UserFactory(username="oscar", groups=["Triage officers"])
    mine = placed(toys_free, priority=Priority.NORMAL)
    operations.assign(mine, officer, user=officer)
    theirs = placed(toys_free, priority=Priority.NORMAL)
    operations.assign(theirs, other, user=other)
    urgent = placed(toys_free, priority=Priority.URGENT)
    late = placed(toys_free, priority=Priority.NORMAL, days_ago=60)
    closed = placed(toys_free, priority=Priority.URGENT, days_ago=60, status=Status.CLOSED)
    return {"mine": mine, "theirs": theirs, "urgent": urgent, "late": late, "closed": closed}


def test_officer_sees_their_work_with_links(client, officer, work):
    client.force_login(officer)
    sections = panel_sections(client.get(reverse("wagtailadmin_home")).content.decode())
    assert set(sections) == {"Mine", "Unassigned urgent", "Overdue"}

    def shown(label):
        return set(re.findall(r"<li><a href=\"[^\"]+\">([^<]+)</a>", sections[label][1]))

    assert sections["Mine"][0] == 1 and shown("Mine") == {work["mine"].tracking_number}
    assert sections["Unassigned urgent"][0] == 1 and shown("Unassigned urgent") == {work["urgent"].tracking_number}
    assert sections["Overdue"][0] == 1 and shown("Overdue") == {work["late"].tracking_number}
    mine_html = sections["Mine"][1]
    assert reverse("triage:inspect", args=[work["mine"].pk]) in mine_html
    assert f"{reverse('triage:index')}?assignee={officer.pk}" in mine_html
    assert f"{reverse('triage:index')}?assignee=null&amp;priority=urgent" in sections["Unassigned urgent"][1]
    assert f"{reverse('triage:index')}?overdue=true" in sections["Overdue"][1]


def test_the_links_open_the_matching_saved_view(client, officer, work):
    client.force_login(officer)
    html = client.get(f"{reverse('triage:index')}?assignee={officer.pk}").content.decode()
    assert work["mine"].tracking_number in html
    assert work["theirs"].tracking_number not in html


def test_only_five_reports_listed_but_all_counted(client, officer, toys_free):
    for _ in range(7):
        placed(toys_free, priority=Priority.URGENT)
    client.force_login(officer)
    count, html = panel_sections(client.get(reverse("wagtailadmin_home")).content.decode())["Unassigned urgent"]
    assert count == 7
    assert len(re.findall(r"<li><a ", html)) == 5


def test_editor_sees_no_triage_panel(client, editor, work):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert panel_sections(html) == {}
    assert work["urgent"].tracking_number not in html


def test_query_count_does_not_grow_with_reports(client, officer, toys_free):
    client.force_login(officer)
    url = reverse("wagtailadmin_home")
    placed(toys_free, priority=Priority.URGENT)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for days in range(12):
        report = placed(toys_free, priority=Priority.URGENT, days_ago=days * 10)
        if days % 2:
            operations.assign(report, officer, user=officer)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
