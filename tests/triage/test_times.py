"""One time zone on every staff page (the site's, America/New_York) and ISO 8601 with the offset in exports.

The known event: a report submitted at 14:05:09.123456 UTC on 2 March 2026, which is 09:05 EST.
"""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from reports.models import Report
from triage import operations

pytestmark = pytest.mark.django_db

SUBMITTED = datetime.datetime(2026, 3, 2, 14, 5, 9, 123456, tzinfo=datetime.UTC)
EASTERN = "2 Mar 2026, 09:05 EST"
ISO = "2026-03-02T09:05:09-05:00"


@pytest.fixture
def known(report, officer):
    Report.objects.filter(pk=report.pk).update(submitted_at=SUBMITTED)
    report.refresh_from_db()
    return report


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_the_report_page_shows_the_submission_in_one_zone(client, officer, known):
    client.force_login(officer)
    page = client.get(reverse("triage:inspect", args=[known.pk])).text
    # The fields list and the timeline both say 09:05 Eastern; nothing says 2:05 p.m. (UTC).
    assert page.count(EASTERN) >= 2
    assert "2:05 p.m." not in page and "14:05" not in page
    assert f'datetime="{ISO}"' in page


def test_notes_and_the_timeline_agree_with_the_field_list(client, officer, known):
    operations.add_note(known, "Checked the listing.", user=officer)
    client.force_login(officer)
    page = client.get(reverse("triage:inspect", args=[known.pk])).text
    stamps = set(re.findall(r"\d{1,2} \w{3} \d{4}, \d\d:\d\d (\w+)</time>", page))
    assert stamps and stamps <= {"EST", "EDT"}


def test_the_report_page_says_yes_and_no_not_true_and_false(client, officer, known):
    client.force_login(officer)
    page = client.get(reverse("triage:inspect", args=[known.pk])).text
    assert ">True<" not in page and ">False<" not in page
    assert re.search(r"<dt>Anonymous</dt>\s*<dd[^>]*>(Yes|No)</dd>", page)


def test_the_triage_csv_has_iso_8601_with_the_offset_and_yes_no(client, officer, known):
    client.force_login(officer)
    response = client.get("/admin/triage/", {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))
    row = next(row for row in rows if row["Tracking number"] == known.tracking_number)
    assert row["Submitted at"] == ISO
    assert row["Harm reported"] in ("Yes", "No")
    assert row["Overdue"] in ("Yes", "No")


def test_the_triage_xlsx_has_the_same_times(client, officer, known):
    client.force_login(officer)
    response = client.get("/admin/triage/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    headings = list(rows[0])
    row = next(row for row in rows[1:] if known.tracking_number in row)
    assert row[headings.index("Submitted at")] == ISO
    assert row[headings.index("Overdue")] in ("Yes", "No")


def test_the_case_page_and_list_use_the_same_zone(client, officer, known):
    case = operations.link_to_case([known], user=officer, title="Lux bags")
    client.force_login(officer)
    for url in ("/admin/triage-cases/", f"/admin/triage-cases/inspect/{case.pk}/"):
        page = client.get(url).text
        assert re.search(r"\d{1,2} \w{3} \d{4}, \d\d:\d\d E[SD]T", page), url
        assert not re.search(r"\bUTC\b", page), url  # a word, not three letters of a token or tracking number
