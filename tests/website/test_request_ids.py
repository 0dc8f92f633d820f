"""Every answer carries a request id (X-Request-ID), and so does every log line written while answering it.

The log lines are captured through the configured filters and the JSON formatter production writes with, during
a real report sent through the API with an email address and phone number (and a mail server that refuses the
address and quotes it back, so the request does log): every line holds the request's id and neither detail.
"""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import ProductCategoryFactory
from tests.reports.factories import payload
from website.json_logs import JsonLogFormatter
from website.logging_filters import RedactPersonalData
from website.request_ids import RequestIdFilter

EMAIL = "ana.reporter@example.com"
PHONE = "202-555-0147"
REFUSING_MAIL = "tests.reports.broken_mail.RecipientRefusedBackend"
HEX_ID = r"[0-9a-f]{32}"


class Lines(logging.Handler):
    """A handler set up as settings.LOGGING sets up the console: redaction, request id, JSON."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.addFilter(RedactPersonalData())
        self.addFilter(RequestIdFilter())
        self.setFormatter(JsonLogFormatter())
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


@pytest.fixture
def json_lines():
    handler = Lines()
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield handler.lines
    root.removeHandler(handler)
    root.setLevel(level)


@pytest.mark.django_db
def test_a_usable_request_id_is_kept_and_sent_back(client):
    response = client.get("/healthz", headers={"X-Request-ID": "4f2a9c0e7b1d43c8a5e6f7a8b9c0d1e2"})
    assert response["X-Request-ID"] == "4f2a9c0e7b1d43c8a5e6f7a8b9c0d1e2"
    response = client.get("/healthz", headers={"X-Request-ID": "lb.node-2_req-000123"})
    assert response["X-Request-ID"] == "lb.node-2_req-000123"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "given",
    ["", "short", "x" * 65, "<script>alert(1)</script>", "id with spaces", "abc123def456\u00e9", "ana@example.com"],
    ids=["empty", "too-short", "too-long", "markup", "spaces", "non-ascii", "an-email-address"],
)
def test_an_unusable_request_id_is_replaced_by_a_new_one(client, given, json_lines):
    import re

    response = client.get("/no-such-page/", headers={"X-Request-ID": given} if given else {})
    assert response.status_code == 404
    assert re.fullmatch(HEX_ID, response["X-Request-ID"])
    assert response["X-Request-ID"] != given
    # The 404 was logged with the new id; the refused value is never written.
    logged = [json.loads(line) for line in json_lines]
    assert any(line["request_id"] == response["X-Request-ID"] for line in logged)
    if given:
        assert all(given not in line for line in json_lines)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_line_logged_while_a_report_is_sent_carries_its_id_and_no_contact_details(client, settings, json_lines):
    settings.EMAIL_BACKEND = REFUSING_MAIL
    ProductCategoryFactory(name="Chargers", slug="chargers")
    body = payload(contact={"name": "Ana Reporter", "email": EMAIL, "phone": PHONE})
    response = client.post(
        f"/api/reports?email={EMAIL}",
        json.dumps(body),
        content_type="application/json",
        headers={"X-Request-ID": "edge-7f3a9c2e11"},
    )
    assert response.status_code == 201
    assert response["X-Request-ID"] == "edge-7f3a9c2e11"
    client.get(f"/api/reports/CF-2222-2222/status?phone={PHONE}", headers={"X-Request-ID": "edge-404-lookup"})

    logged = [json.loads(line) for line in json_lines]
    # The refused confirmation email was logged inside the request, and the 404 of the status lookup.
    refused = [line for line in logged if "Could not send the confirmation email" in line["message"]]
    assert refused and all(line["request_id"] == "edge-7f3a9c2e11" for line in refused)
    not_found = [line for line in logged if line["logger"] == "django.request"]
    assert not_found and all(line["request_id"] == "edge-404-lookup" for line in not_found)
    assert {line["request_id"] for line in logged} <= {"edge-7f3a9c2e11", "edge-404-lookup"}
    for line in json_lines:
        assert EMAIL not in line and PHONE not in line and "ana.reporter" not in line
        assert "WSGIRequest" not in line  # Django's request object (with its query string) is not written
    assert {"time", "level", "logger", "message", "request_id"} <= set(logged[0])


def test_a_line_logged_outside_any_request_says_so(json_lines):
    logging.getLogger("website.test").warning("Nightly purge done")
    assert json.loads(json_lines[-1])["request_id"] == "-"


def test_production_writes_json_lines_unless_told_otherwise():
    """The production settings, loaded in a fresh process as gunicorn loads them, log one JSON object per line."""
    program = "import logging, django; django.setup(); logging.getLogger('website.check').warning('Started for %s', 'ana@example.com')"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": "a-test-secret-that-is-long-enough-for-production-0123456789",
        "EMAIL_DISABLED": "true",
        "LOG_FORMAT": "",
    }
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(  # noqa: S603 - our own interpreter and program
        [sys.executable, "-c", program], cwd=root, env=environment, capture_output=True, text=True, check=True
    )
    line = json.loads([line for line in result.stderr.splitlines() if "website.check" in line][0])
    assert line["message"] == "Started for [email]"
    assert line["level"] == "WARNING" and line["request_id"] == "-"

    environment["LOG_FORMAT"] = "plain"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", program], cwd=root, env=environment, capture_output=True, text=True, check=True
    )
    assert "WARNING website.check [-]: Started for [email]" in result.stderr
