"""The CSV batch import: a good file, bad rows with row numbers and reasons, idempotence, command and admin page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from importers.importing import import_records, parse_csv
from importers.models import Importer, VettingDecision

from .conftest import ImporterFactory

pytestmark = pytest.mark.django_db

HEADER = "external_id,legal_name,trade_names,domains,store_urls,country,program,status,vetted_on,valid_until,public_notes,status_reason\n"
GOOD = HEADER + (
    "EX-1,Acme Example Imports LLC,Acme Chargers|Acme Power,https://www.acme.example/,"
    "https://marketplace.example/shops/acme/,US,ctpat_trade_compliance,trusted,2025-01-02,2027-01-01,Chargers,\n"
    ",Globex Example Corp,,globex.example,,mx,CTPAT Security,Trusted,2025-02-01,2026-12-31,,\n"
)


def run(text):
    records, errors = parse_csv(text)
    counts, failures = import_records(records)
    return counts, errors + failures


def test_a_good_file_is_imported():
    counts, errors = run(GOOD)
    assert errors == []
    assert counts == {"created": 2, "updated": 0, "unchanged": 0, "failed": 0}
    acme = Importer.objects.get(external_id="EX-1")
    assert [t.name for t in acme.trade_names.all()] == ["Acme Chargers", "Acme Power"]
    assert sorted(acme.identifiers.values_list("kind", "match_key")) == [
        ("domain", "acme.example"),
        ("store_url", "marketplace.example/shops/acme"),
    ]
    globex = Importer.objects.get(legal_name="Globex Example Corp")
    assert (globex.country, globex.program, globex.status) == ("MX", "ctpat_security", "trusted")
    assert "row 3" in VettingDecision.objects.get(importer=globex).reason


def test_importing_twice_changes_nothing():
    run(GOOD)
    counts, errors = run(GOOD)
    assert errors == []
    assert counts == {"created": 0, "updated": 0, "unchanged": 2, "failed": 0}
    assert Importer.objects.count() == 2
    assert VettingDecision.objects.count() == 2


def test_a_changed_row_updates_and_a_status_change_needs_a_reason():
    run(GOOD)
    changed = GOOD.replace("2027-01-01,Chargers,", "2028-01-01,Chargers,")
    assert run(changed)[0]["updated"] == 1
    assert str(Importer.objects.get(external_id="EX-1").valid_until) == "2028-01-01"

    suspended = changed.replace("US,ctpat_trade_compliance,trusted", "US,ctpat_trade_compliance,suspended")
    counts, errors = run(suspended)
    assert counts["failed"] == 1
    assert errors[0].row_number == 2
    assert "status_reason" in str(errors[0])
    assert Importer.objects.get(external_id="EX-1").status == "trusted"

    with_reason = suspended.replace("2028-01-01,Chargers,", "2028-01-01,Chargers,Seized counterfeit parcels")
    assert run(with_reason)[0]["updated"] == 1
    acme = Importer.objects.get(external_id="EX-1")
    assert acme.status == "suspended"
    assert acme.decisions.first().reason == "Seized counterfeit parcels"


def test_bad_rows_are_reported_with_row_numbers_and_good_rows_imported():
    text = HEADER + (
        "EX-1,Acme Example Imports LLC,,acme.example,,US,ctpat_trade_compliance,trusted,2025-01-02,2027-01-01,,\n"
        ",,,,,ZZ,gold,maybe,2025-13-01,yesterday,,\n"
        "EX-3,Bad Dates Example,,bad dates,,US,other,trusted,2026-01-01,2025-01-01,,\n"
        "EX-1,Duplicate Example,,,,US,other,trusted,2025-01-01,2026-01-01,,\n"
        "EX-5,Clash Example,,https://www.ACME.example,,US,other,trusted,2025-01-01,2026-01-01,,\n"
        "EX-6,Store Without Path,,,https://marketplace.example/,US,other,trusted,2025-01-01,2026-01-01,,\n"
        "\n"
        "EX-7,Good Example Two,,good-two.example,,CA,trusted_trader,trusted,2025-01-01,2026-01-01,,\n"
    )
    records, errors = parse_csv(text)
    by_row = {error.row_number: " ".join(error.reasons) for error in errors}
    assert sorted(by_row) == [3, 4, 5, 6, 7]
    assert "'legal_name' is required" in by_row[3]
    assert "'country' must be an ISO two-letter country code" in by_row[3]
    assert "'program' must be one of" in by_row[3]
    assert "'status' must be one of" in by_row[3]
    assert "'vetted_on' must be a date written YYYY-MM-DD" in by_row[3]
    assert "'valid_until' is before 'vetted_on'" in by_row[4]
    assert "'domains'" in by_row[4]
    assert "already on row 2" in by_row[5]
    assert "acme.example is also on row 2" in by_row[6]
    assert "store's path" in by_row[7]
    assert [record.row_number for record in records] == [2, 9]
    counts, _failures = import_records(records)
    assert counts["created"] == 2


def test_an_address_owned_by_another_importer_fails_that_row():
    ImporterFactory(legal_name="Owner Example", domains=["acme.example"])
    counts, errors = run(GOOD)
    assert counts["created"] == 1 and counts["failed"] == 1
    assert errors[0].row_number == 2
    assert "acme.example already belongs to Owner Example" in str(errors[0])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("legal_name,country\nAcme,US\n", "missing column(s): program, status, vetted_on, valid_until"),
        (HEADER.strip() + ",colour\n", "unknown column(s): colour"),
    ],
)
def test_a_bad_header_fails_the_whole_file(text, message):
    records, errors = parse_csv(text)
    assert records == []
    assert errors[0].row_number == 1
    assert message in str(errors[0])


def test_extra_cells_are_an_error():
    records, errors = parse_csv(GOOD.replace("Chargers,\n", "Chargers,,extra\n"))
    assert errors[0].row_number == 2
    assert "more cells than the header" in str(errors[0])


def test_the_command_shows_progress_and_a_summary(tmp_path):
    path = tmp_path / "importers.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = io.StringIO()
    call_command("import_importers", str(path), stdout=out)
    assert "[1/2] row 2: created" in out.getvalue()
    assert "Done: 2 created, 0 updated, 0 unchanged, 0 failed." in out.getvalue()
    out = io.StringIO()
    call_command("import_importers", str(path), stdout=out)
    assert "Done: 0 created, 0 updated, 2 unchanged, 0 failed." in out.getvalue()


def test_the_command_fails_when_a_row_fails(tmp_path):
    path = tmp_path / "importers.csv"
    path.write_text(
        GOOD + ",,,,,,,,,,,\nEX-9,No Country,,,,,other,trusted,2025-01-01,2026-01-01,,\n", encoding="utf-8"
    )
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 row"):
        call_command("import_importers", str(path), stdout=out, stderr=err)
    assert "row 5: 'country' is required" in err.getvalue()
    assert "2 created" in out.getvalue()
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_importers", str(tmp_path / "missing.csv"))
    (tmp_path / "latin1.csv").write_bytes("legal_name\nCaf\xe9\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_importers", str(tmp_path / "latin1.csv"))


def test_the_admin_upload_page(client, vetting_officer):
    client.force_login(vetting_officer)
    url = "/admin/trusted-importers/import/"
    page = client.get(url)
    assert page.status_code == 200
    assert "status_reason" in page.content.decode()
    bad = GOOD + "EX-9,No Country,,,,,other,trusted,2025-01-01,2026-01-01,,\n"
    response = client.post(url, {"file": SimpleUploadedFile("batch.csv", bad.encode(), content_type="text/csv")})
    assert response.status_code == 200
    content = response.content.decode()
    assert dict(response.context["summary"]) == {"Created": 2, "Updated": 0, "Unchanged": 0, "Failed": 1}
    assert "&#x27;country&#x27; is required" in content
    assert [error.row_number for error in response.context["row_errors"]] == [4]
    assert Importer.objects.count() == 2
    again = client.post(url, {"file": SimpleUploadedFile("batch.csv", GOOD.encode(), content_type="text/csv")})
    assert dict(again.context["summary"])["Unchanged"] == 2


def test_the_admin_upload_refuses_a_file_that_is_not_utf8(client, vetting_officer):
    client.force_login(vetting_officer)
    upload = SimpleUploadedFile("batch.csv", "legal_name\nCaf\xe9\n".encode("latin-1"))
    response = client.post("/admin/trusted-importers/import/", {"file": upload})
    assert response.status_code == 200
    assert "not UTF-8 text" in response.content.decode()
    assert Importer.objects.count() == 0
