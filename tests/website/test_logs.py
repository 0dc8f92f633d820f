"""No log line holds an email address, phone number, receipt key or password-reset link.

Every record logged at DEBUG and above is captured during real journeys through the site's URLs: a report
sent through the form and the API (with a mail server that refuses the address and quotes it back), status
lookups with right and wrong receipt keys, a staff password reset through Wagtail's admin pages, and a triage
officer opening a reporter's contact details. Two layers are checked:

- what the code itself logs (message, arguments, exception text), before any filter touches it;
- what the configured handler writes (settings.LOGGING's redaction filter and formatter), with the SQL debug
  log switched on as well, which does quote contact details and is only blanked by the filter.
"""

import json
import logging
import re

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.db import connection
from django.urls import reverse

from reports.receipts import normalize_receipt_key
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import payload
from website.logging_filters import RedactPersonalData, redact

pytestmark = pytest.mark.django_db

EMAIL = "ana.reporter@example.com"
PHONE = "202-555-0147"
STAFF_EMAIL = "olivia.officer@cbp.example.gov"
FRAMEWORK_DEBUG = {"django.db.backends", "django.template"}
REFUSING_MAIL = "tests.reports.broken_mail.RecipientRefusedBackend"

FORM_STEPS = {
    "what-you-bought": {
        "product_category": "chargers",
        "description": "The charger got very hot and the plug melted.",
        "price_paid": "12.99",
        "currency": "USD",
        "purchase_date": "2026-01-15",
        "still_have_item": "yes",
    },
    "where-you-bought-it": {"marketplace": "BargainMart", "shipped_from_country": "CN"},
    "why-fake-or-unsafe": {"reasons": ["price_too_low"]},
    "harm": {"harm": "no"},
    "photos": {},
    "about-you": {
        "contact_name": "Ana Reporter",
        "contact_email": EMAIL,
        "contact_phone": PHONE,
        "preferred_language": "en",
        "consent": "on",
    },
}


@pytest.fixture
def logs(caplog, monkeypatch):
    """Every record from every logger at DEBUG, as the code logged it (the handlers' filters set aside)."""
    root = logging.getLogger()
    configured = [h for h in root.handlers if any(isinstance(f, RedactPersonalData) for f in h.filters)]
    assert configured, "settings.LOGGING puts the redaction filter on the root's handler"
    for handler in configured:
        # The filter rewrites records in place; set it aside so the raw calls are what gets checked.
        monkeypatch.setattr(handler, "filters", [])
    caplog.set_level(logging.DEBUG)
    for name in ("django", "django.request", "django.security", "django.db.backends", "django.template"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog, configured[0]


def secrets_in(text, secrets):
    return [secret for secret in secrets if secret.lower() in text.lower()]


def raw_text(record):
    parts = [record.getMessage(), repr(record.args), str(record.msg)]
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        parts.append(record.stack_info)
    return "\n".join(parts)


def rendered(record, handler):
    """The line the configured handler would write (its filters, then its formatter), from a copy."""
    copy = logging.makeLogRecord(dict(record.__dict__))
    copy.exc_text = None
    for log_filter in handler.filters_configured:
        assert log_filter.filter(copy)
    return handler.formatter.format(copy)


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def report_through_the_form(client):
    for slug, data in FORM_STEPS.items():
        response = client.post(f"/report/{slug}/", data)
        assert response.status_code == 302, (slug, page(response).select(".usa-error-message"))
    token = page(client.get("/report/review/")).find("input", {"name": "token"})["value"]
    assert client.post("/report/review/", {"token": token}).status_code == 302
    done = page(client.get("/report/done/"))
    return (
        done.select_one("[data-testid=tracking-number]").get_text(strip=True),
        done.select_one("[data-testid=receipt-key]").get_text(strip=True),
    )


def report_through_the_api(client):
    body = payload(
        description="A second charger, same seller: it smelled of burning plastic.",
        contact={"name": "Ana Reporter", "email": EMAIL, "phone": PHONE},
    )
    response = client.post("/api/reports", json.dumps(body), content_type="application/json")
    assert response.status_code == 201
    return response.json()["tracking_number"], response.json()["receipt_key"]


def look_up(client, tracking_number, receipt_key):
    wrong = "WXYZ2-WXYZ3-WXYZ4-WXYZ5"
    api = f"/api/reports/{tracking_number}/status"
    assert client.get(api, headers={"X-Receipt-Key": receipt_key}).status_code == 200
    assert client.get(api, headers={"X-Receipt-Key": wrong}).status_code == 404
    form = {"tracking_number": tracking_number, "receipt_key": receipt_key}
    assert client.post("/report/status/", form).status_code == 302
    assert client.post("/report/status/", {**form, "receipt_key": wrong}).status_code == 200
    return [wrong, normalize_receipt_key(wrong)]


def reset_staff_password(client):
    UserFactory(username="olivia", email=STAFF_EMAIL, is_staff=True, is_superuser=True)
    mail.outbox.clear()
    assert client.post("/admin/password_reset/", {"email": STAFF_EMAIL}).status_code == 302
    link = re.search(r"https?://\S+/admin/password_reset/confirm/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    path = "/" + path
    _uid, token = path.rstrip("/").split("/")[-2:]
    set_password = client.get(path)
    assert set_password.status_code == 302
    new_password = "correct horse battery staple 42"
    done = client.post(set_password["Location"], {"new_password1": new_password, "new_password2": new_password})
    assert done.status_code == 302, page(done).select(".error-message, .errorlist")
    assert client.login(username="olivia", password=new_password)
    client.logout()
    return [link, path, token]


def view_contact_details(client, tracking_number):
    from reports.models import Report

    report = Report.objects.get(tracking_number=tracking_number)
    client.force_login(UserFactory(username="cora", groups=["Triage officers", "Contact viewers"]))
    response = client.post(reverse("triage:contact", args=[report.pk]))
    assert response.status_code == 200
    assert EMAIL in response.content.decode()  # the officer does see it; the logs must not
    client.logout()


def test_no_log_line_holds_contact_details_receipt_keys_or_reset_links(
    client, settings, logs, django_capture_on_commit_callbacks
):
    caplog, handler = logs
    handler.filters_configured = [RedactPersonalData()]
    ProductCategoryFactory(name="Chargers", slug="chargers")
    settings.EMAIL_BACKEND = REFUSING_MAIL
    connection.force_debug_cursor = True  # the SQL log, as with DEBUG on: it quotes every value
    try:
        with django_capture_on_commit_callbacks(execute=True):
            form_number, form_key = report_through_the_form(client)
        with django_capture_on_commit_callbacks(execute=True):
            api_number, api_key = report_through_the_api(client)
        secrets = [EMAIL, PHONE, STAFF_EMAIL]
        for key in (form_key, api_key):
            secrets += [key, normalize_receipt_key(key)]
        secrets += look_up(client, form_number, form_key)
        secrets += look_up(client, api_number, api_key)
        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        secrets += reset_staff_password(client)
        view_contact_details(client, form_number)
    finally:
        connection.force_debug_cursor = False

    records = caplog.records
    # The journeys did log: the refused mail, the 404s, the SQL.
    assert any("Could not send the confirmation email" in r.getMessage() for r in records)
    assert any(r.name == "django.request" for r in records)
    sql = [r for r in records if r.name == "django.db.backends"]
    assert any(EMAIL in r.getMessage() for r in sql), "the SQL log quotes the contact details"

    # What the code logs itself: nothing. Django's own DEBUG lines for SQL and template lookups quote data by
    # design; settings.LOGGING keeps the "django" loggers at INFO, and the filter blanks them if turned up.
    own = [r for r in records if not (r.levelno == logging.DEBUG and r.name in FRAMEWORK_DEBUG)]
    leaks = [f"{r.name}: {raw_text(r)[:300]}" for r in own if secrets_in(raw_text(r), secrets)]
    assert leaks == []

    # What the configured handler writes: nothing either, the SQL log included.
    lines = [rendered(r, handler) for r in records]
    assert [(line, secrets_in(line, secrets)) for line in lines if secrets_in(line, secrets)] == []
    assert any("[email]" in line for line in lines)


def test_a_reset_link_in_djangos_own_log_lines_loses_its_token(logs):
    """Django logs the path of a refused request; the configured handler blanks the token in it."""
    from django.test import Client

    caplog, handler = logs
    handler.filters_configured = [RedactPersonalData()]
    token = "cbk2xx-0123456789abcdef0123456789abcdef"
    path = f"/admin/password_reset/confirm/MQ/{token}/"
    assert Client(enforce_csrf_checks=True).post(path, {"new_password1": "x"}).status_code == 403
    refused = [r for r in caplog.records if r.name.startswith("django.security") or r.name == "django.request"]
    assert refused and token in refused[0].getMessage()  # Django's own line quotes the path
    lines = [rendered(r, handler) for r in refused]
    assert all(token not in line for line in lines)
    assert "/admin/password_reset/confirm/[redacted]/[redacted]/" in lines[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Refused: <ana.reporter@example.com>", "Refused: <[email]>"),
        ("call +1 (202) 555-0147 or 202.555.0147", "call [phone] or [phone]"),
        ("key 7KQ2M-XW9TB-4HNPD-3RFZA / 7kq2mxw9tb4hnpd3rfza", "key [receipt key] / [receipt key]"),
        ("GET /admin/password_reset/confirm/MQ/cbk2xx-0123456789abcdef0123456789abcdef/", None),
        ("GET /report/status/?receipt_key=ABC&email=x", "GET /report/status/?[redacted]"),
        # Not personal data: left alone.
        ("report 12345 at 2026-01-15 10:11:12, CF-7KQ2-XW9T, 0.123s, sha 3f5a9c1234567890abcdef", None),
        ("GET /search/?q=chargers 200", None),
        # Identifiers and clock times whose digits look like a phone number's (they were cut to "CF-[phone]").
        ("CF-2345-6789, cf-2345-6789, VI-1234-5678-ABCD, VI-AB12-3456-7890 at 13:01:41.123456+00:00", None),
        ("2026-12-03 08:16:46,108 call 202-555-0147", "2026-12-03 08:16:46,108 call [phone]"),
        ("phone:202-555-0147 near CF-2345-6789", "phone:[phone] near CF-2345-6789"),
    ],
)
def test_the_filter_blanks_personal_data_and_leaves_the_rest(text, expected):
    result = redact(text)
    if expected is None and "password_reset" in text:
        assert result == "GET /admin/password_reset/confirm/[redacted]/[redacted]/"
    else:
        assert result == (expected or text)


def test_the_filter_blanks_exception_text_and_arguments():
    try:
        raise ValueError(f"refused {EMAIL}")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "for %s at %s", (EMAIL, PHONE), sys.exc_info())
    assert RedactPersonalData().filter(record)
    line = logging.Formatter().format(record)
    assert EMAIL not in line and PHONE not in line
    assert "for [email] at [phone]" in line and "ValueError: refused [email]" in line
