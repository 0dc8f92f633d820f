"""Spreadsheet formula injection: every CSV and XLSX the site writes neutralises cells a spreadsheet would run.

Each export is downloaded through its real URL after the dangerous text was planted the way an outsider (or a
careless editor) would: a public search, a report sent to the API, an importer's name, a category name."""

import csv
import io
import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import ReportFactory, payload
from website.spreadsheets import safe_cell, unquote_cell

pytestmark = pytest.mark.django_db

PLANTED = ['=HYPERLINK("http://evil.example","x")', "@SUM(1+1)", "+1-555", "-2+3", "\tTAB", "\rCR"]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_rows(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def xlsx_rows(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(body)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()], sheet


def assert_no_cell_runs(rows):
    for row in rows:
        for cell in row:
            assert not (isinstance(cell, str) and cell.startswith(FORMULA_STARTS)), (cell, row)


def test_the_helper_follows_owasp():
    assert [safe_cell(value) for value in PLANTED] == ["'" + value for value in PLANTED]
    assert safe_cell("Acme Imports") == "Acme Imports"
    assert safe_cell(-5) == -5 and safe_cell(3) == 3  # numbers stay numbers
    assert safe_cell("") == ""
    assert [unquote_cell(safe_cell(value)) for value in PLANTED] == PLANTED
    assert unquote_cell("'quoted on purpose") == "'quoted on purpose"


def test_a_public_search_query_cannot_run_in_the_editors_csv(client, site_tree):
    for query in ['=HYPERLINK("http://evil.example","x")', "-2+3", "+cmd|' /C calc'!A0", "chargers"]:
        assert client.get("/search/", {"q": query}).status_code == 200
    client.force_login(UserFactory(groups=["Editors"]))
    response = client.get("/admin/reports/search-queries/", {"export": "csv"})
    rows = csv_rows(response)
    assert_no_cell_runs(rows)
    queries = {row[0]: row[1:] for row in rows[1:]}
    assert queries['\'=hyperlink("http://evil.example","x")'] == ["1", "1", "0"]
    assert "'-2+3" in queries and "'+cmd|' /c calc'!a0" in queries
    assert queries["chargers"] == ["1", "1", "0"]  # counts are plain numbers

    sheet_rows, _sheet = xlsx_rows(client.get("/admin/reports/search-queries/", {"export": "xlsx"}))
    assert_no_cell_runs(sheet_rows)
    values = {row[0]: row[1:] for row in sheet_rows[1:]}
    assert values['\'=hyperlink("http://evil.example","x")'] == [1, 1, 0]  # numbers in XLSX too


def test_a_report_sent_by_anyone_cannot_run_in_the_triage_csv_or_xlsx(client):
    category = ProductCategoryFactory(name="Chargers", slug="chargers")
    planted = payload(
        seller_name='=HYPERLINK("http://evil.example","x")',
        brand="@SUM(1+1)",
        product_name="+1-555",
        marketplace="-2+3",
    )
    sent = client.post("/api/reports", json.dumps(planted), content_type="application/json")
    assert sent.status_code == 201
    # Text with a leading tab or carriage return (the API trims whitespace; older data may hold it).
    ReportFactory(product_category=category, seller_name="\tTAB", brand="\rCR")
    client.force_login(UserFactory(is_superuser=True))

    rows = csv_rows(client.get(reverse("triage:index"), {"export": "csv"}))
    assert_no_cell_runs(rows)
    header = rows[0]
    cells = {value for row in rows[1:] for value in row}
    for value in ['=HYPERLINK("http://evil.example","x")', "@SUM(1+1)", "+1-555", "-2+3", "\tTAB", "\rCR"]:
        assert "'" + value in cells, value
    files = header.index("Files")
    assert {row[files] for row in rows[1:]} == {"0"}

    sheet_rows, sheet = xlsx_rows(client.get(reverse("triage:index"), {"export": "xlsx"}))
    assert_no_cell_runs(sheet_rows)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    sheet_cells = {value for row in sheet_rows[1:] for value in row}
    assert '\'=HYPERLINK("http://evil.example","x")' in sheet_cells and "'\rCR" in sheet_cells
    assert {row[files] for row in sheet_rows[1:]} == {0}  # a count stays a number


def test_the_trends_csv_neutralises_sellers_and_categories(client):
    category = ProductCategoryFactory(name="=HYPERLINK(1)", slug="chargers")
    ReportFactory.create_batch(2, product_category=category, seller_name="=1+2")
    client.force_login(UserFactory(is_superuser=True))
    rows = csv_rows(client.get(reverse("triage-trends:index"), {"format": "csv"}))
    assert_no_cell_runs(rows)
    # A seller is listed by its normalised name (reference.sellers): the formula's punctuation is gone.
    assert any(row[1:] == ["1 2", "2"] for row in rows)  # the most reported sellers
    assert any(row[1:] == ["'=HYPERLINK(1)", "2"] for row in rows)  # by category
    assert rows[1] == ["total", "", "2"]


def test_the_importer_export_is_safe_and_imports_back_unchanged(client):
    from importers.models import Importer
    from tests.importers.conftest import ImporterFactory

    ImporterFactory(
        legal_name="+1-555 Imports",
        external_id="EX-1",
        trade_names=['=HYPERLINK("http://evil.example","x")', "Plain"],
        domains=["safe.example"],
        public_notes="@SUM(1+1) checked",
    )
    officer = UserFactory(groups=["Vetting officers"])
    client.force_login(officer)
    rows = csv_rows(client.get("/admin/trusted-importers/", {"export": "csv"}))
    assert_no_cell_runs(rows)
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["legal_name"] == "'+1-555 Imports"
    assert record["trade_names"] == '\'=HYPERLINK("http://evil.example","x") | Plain'
    assert record["public_notes"] == "'@SUM(1+1) checked"

    sheet_rows, _sheet = xlsx_rows(client.get("/admin/trusted-importers/", {"export": "xlsx"}))
    assert_no_cell_runs(sheet_rows)

    # Round trip: the export, imported again, changes nothing.
    exported = b"".join(client.get("/admin/trusted-importers/", {"export": "csv"}).streaming_content)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/admin/trusted-importers/import/",
        {"file": SimpleUploadedFile("export.csv", exported, content_type="text/csv")},
    )
    assert response.status_code == 200
    assert dict(response.context["summary"])["Unchanged"] == 1, response.context.get("row_errors")
    importer = Importer.objects.get()
    assert importer.legal_name == "+1-555 Imports"
    assert importer.public_notes == "@SUM(1+1) checked"
    assert [name.name for name in importer.trade_names.order_by("sort_order")][0].startswith("=HYPERLINK")


def test_the_public_statistics_csv_neutralises_labels(client):
    category = ProductCategoryFactory(name='=HYPERLINK("http://evil.example","x")', slug="planted")
    today = timezone.localdate()
    last_monday = today - timedelta(days=today.weekday() + 7)
    reports = ReportFactory.create_batch(6, product_category=category, shipped_from_country="CN")
    moment = timezone.make_aware(datetime.combine(last_monday, time(12)), ZoneInfo(settings.TIME_ZONE))
    from reports.models import Report

    Report.objects.filter(pk__in=[report.pk for report in reports]).update(submitted_at=moment)

    rows = csv_rows(client.get("/api/v1/statistics/weekly.csv", {"weeks": 1}))
    assert_no_cell_runs(rows)
    assert [last_monday.isoformat(), (last_monday + timedelta(days=6)).isoformat(), "total", "", "", "6"] in rows
    labels = [row[4] for row in rows if row[2] == "category"]
    assert labels == ['\'=HYPERLINK("http://evil.example","x")']


APPS = ["website", "library", "search", "reports", "triage", "importers", "partners"]


def test_every_export_of_ours_goes_through_the_helper():
    """A later export cannot forget the rule: Wagtail list exports use the mixin, hand-written CSVs the writer."""
    import ast
    from pathlib import Path

    from django.apps import apps
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from website.spreadsheets import SafeSpreadsheetExportMixin

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    apps.get_app_configs()  # every app (and its admin views) is loaded
    ours = [cls for cls in subclasses(SpreadsheetExportMixin) if cls.__module__.split(".")[0] in APPS]
    assert {"ReportIndexView", "ImporterIndexView", "SearchQueryReportView"} <= {cls.__name__ for cls in ours}
    unsafe = [
        f"{cls.__module__}.{cls.__qualname__}" for cls in ours if not issubclass(cls, SafeSpreadsheetExportMixin)
    ]
    assert unsafe == []

    direct = []
    for app in APPS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            if path.name == "spreadsheets.py" and app == "website":
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Attribute) and node.attr in {"writer", "DictWriter", "Workbook"}:
                    if isinstance(node.value, ast.Name) and node.value.id in {"csv", "openpyxl"}:
                        direct.append(f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}")
    assert direct == [], "write CSV through website.spreadsheets.csv_writer"
