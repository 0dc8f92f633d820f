"""The status page at /report/status/ shows the public status only, and takes additions."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from reports.models import Attachment, ReporterAddition

from .factories import RECEIPT_KEY, ReporterContactFactory, ReportFactory, image_bytes

pytestmark = pytest.mark.django_db


def look_up(client, number, key=RECEIPT_KEY, **extra):
    return client.post("/report/status/", {"tracking_number": number, "receipt_key": key}, **extra)


def not_found_text(response):
    return BeautifulSoup(response.content, "html.parser").select_one('[data-testid="not-found"]').text


def test_the_right_key_shows_the_public_status_and_nothing_private(client):
    report = ReportFactory(
        status="referred",
        closed_reason="spam",
        priority="urgent",
        brand="SecretBrand",
        harm_description="Private injury details",
        seller_name="Private seller",
    )
    ReporterContactFactory(report=report, name="Ana Private", email="ana.private@example.com", phone="555-0199")
    other = ReportFactory(brand="OtherReportBrand")
    response = look_up(client, report.tracking_number)
    assert response.status_code == 302
    page = client.get(response["Location"])
    content = page.content.decode()
    assert report.tracking_number in content and "Referred" in content
    for private in (
        "Ana Private",
        "ana.private@example.com",
        "555-0199",
        "SecretBrand",
        "Private injury details",
        "Private seller",
        "spam",
        "urgent",
        "Urgent",
        other.tracking_number,
        "OtherReportBrand",
        RECEIPT_KEY,
        report.receipt_key_hash,
    ):
        assert private not in content, private


def test_wrong_key_and_unknown_number_read_exactly_the_same(client):
    report = ReportFactory()
    wrong_key = look_up(client, report.tracking_number, "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ")
    unknown = look_up(client, "CF-9999-9999")
    nonsense = look_up(client, "hello")
    assert wrong_key.status_code == unknown.status_code == nonsense.status_code == 200
    message = "We could not find a report with that tracking number and receipt key."
    assert not_found_text(wrong_key) == not_found_text(unknown) == not_found_text(nonsense) == message
    assert without_typed_values(wrong_key) == without_typed_values(unknown)


def without_typed_values(response):
    """The page minus what differs by design: the CSRF token and the values the person typed."""
    soup = BeautifulSoup(response.content, "html.parser")
    for field in soup.select("input"):
        field.attrs.pop("value", None)
    return str(soup)


def test_the_detail_page_needs_a_successful_lookup_first(client):
    report = ReportFactory()
    assert client.get(f"/report/status/{report.tracking_number}/")["Location"] == "/report/status/"
    look_up(client, report.tracking_number)
    assert client.get(f"/report/status/{report.tracking_number}/").status_code == 200
    other = ReportFactory()
    assert client.get(f"/report/status/{other.tracking_number}/")["Location"] == "/report/status/"


def test_lookups_are_rate_limited(client, settings):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "status_failure": (3, 600)}
    report = ReportFactory()
    for _ in range(3):
        look_up(client, report.tracking_number, "wrong")
    response = look_up(client, report.tracking_number)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "You have tried too many times" in response.content.decode()


def test_adding_text_and_a_photo(client, report_files):
    report = ReportFactory()
    look_up(client, report.tracking_number)
    photo = SimpleUploadedFile("more.webp", image_bytes("WEBP"), content_type="image/webp")
    response = client.post(
        f"/report/status/{report.tracking_number}/", {"text": "New shop name: Dealzz", "files": [photo]}
    )
    assert response.status_code == 302
    assert "We added your information" in client.get(response["Location"]).content.decode()
    assert ReporterAddition.objects.get(report=report).text == "New shop name: Dealzz"
    assert Attachment.objects.get(report=report).added_later


def test_adding_nothing_or_too_many_files_is_explained(client):
    report = ReportFactory()
    look_up(client, report.tracking_number)
    address = f"/report/status/{report.tracking_number}/"
    response = client.post(address, {"text": ""})
    assert "Add some text or at least one file." in response.content.decode()
    files = [SimpleUploadedFile(f"{n}.png", image_bytes("PNG"), content_type="image/png") for n in range(6)]
    response = client.post(address, {"text": "six files", "files": files})
    assert "Send at most 5 files; you chose 6." in response.content.decode()
    assert ReporterAddition.objects.count() == 0


def test_the_status_page_works_in_spanish(client):
    report = ReportFactory()
    response = client.post(
        "/es/report/status/", {"tracking_number": report.tracking_number, "receipt_key": RECEIPT_KEY}
    )
    assert response["Location"] == f"/es/report/status/{report.tracking_number}/"


def test_rotating_the_secret_keeps_receipt_keys_working_while_the_old_secret_is_a_fallback(client, settings):
    settings.SECRET_KEY = "the-old-secret-" + "o" * 40
    report = ReportFactory()  # its receipt key is hashed with the old secret
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "the-new-secret-" + "n" * 40, [settings.SECRET_KEY]
    assert look_up(client, report.tracking_number).status_code == 302

    settings.SECRET_KEY_FALLBACKS = []
    assert "not-found" in look_up(client, report.tracking_number).content.decode()
