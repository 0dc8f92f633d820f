"""Reports in a CSV file (partners/csv_reports.py): a file problem saves nothing; otherwise row by row."""

import pytest

from partners import csv_reports
from partners.models import PartnerSubmission
from reports.models import Report

pytestmark = pytest.mark.django_db

HEADER = "external_id,product_category,description,listing_url,reasons,harm\n"
GOOD = 'A-1,chargers,"The charger melted, and the plug came off.",https://bargainmart.example.com/item/1,price_too_low|packaging,no\n'


def test_a_row_is_saved_whole_or_refused_with_its_reasons(category, market_a):
    bad = "A-2,chargers,short,,,\n"
    rows = csv_reports.upload((HEADER + GOOD + bad).encode(), partner=market_a)
    assert [(r.row_number, r.status) for r in rows] == [(2, "created"), (3, "invalid")]
    saved = Report.objects.get(tracking_number=rows[0].tracking_number)
    assert saved.reasons == ["price_too_low", "packaging"] and saved.harm is False
    assert any(error.startswith("description:") for error in rows[1].errors)
    assert any(error.startswith("marketplace:") for error in rows[1].errors)
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\xff\xfe" + "external_id".encode("utf-16-le"), "UTF-8"),
        ((HEADER.replace("harm", "harn") + GOOD).encode(), "Unknown column(s): harn"),
        ((HEADER.replace("external_id,", "email,") + GOOD).encode(), "no reporter contact"),
        ((HEADER + GOOD + 'A-3,chargers,"never closed\n').encode(), "cannot be read as CSV"),
        ((HEADER + GOOD + "A-4,chargers,x,y,z,no,extra\n").encode(), "more cells than the header"),
        (HEADER.encode(), "no reports"),
    ],
)
def test_a_file_problem_saves_nothing(category, market_a, content, says):
    with pytest.raises(csv_reports.FileRefused, match=None) as refused:
        csv_reports.upload(content, partner=market_a)
    assert says in str(refused.value)
    assert not Report.objects.exists() and not PartnerSubmission.objects.exists()


def test_more_rows_than_the_limit_saves_nothing(category, market_a):
    rows = "".join(GOOD.replace("A-1", f"A-{n}") for n in range(csv_reports.MAX_ROWS + 1))
    with pytest.raises(csv_reports.FileRefused, match="more than 100 reports"):
        csv_reports.upload((HEADER + rows).encode(), partner=market_a)
    assert not Report.objects.exists()


def test_a_cell_protected_by_our_exports_reads_back_as_written(category, market_a):
    row = GOOD.replace("A-1,", "'-A-9,")
    (result,) = csv_reports.upload((HEADER + row).encode(), partner=market_a)
    assert result.external_id == "-A-9"
