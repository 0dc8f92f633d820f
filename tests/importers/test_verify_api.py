"""The verification API: a business checks an importer by its verification ID, listed or not, in one shape for
every answer, with nothing beyond what verification needs, and rate-limited."""

from datetime import timedelta

import pytest
from django.utils import timezone

from .conftest import ImporterFactory, set_status

pytestmark = pytest.mark.django_db

KEYS = {
    "verification_id",
    "found",
    "status",
    "status_label",
    "program",
    "program_label",
    "valid_until",
    "listed",
    "legal_name",
    "name_matches",
    "checked_on",
    "meaning",
}


def verify(client, verification_id, **params):
    return client.get(f"/api/v1/importers/verify/{verification_id}", params)


@pytest.fixture
def importers(db):
    today = timezone.localdate()
    return {
        "listed": ImporterFactory(legal_name="Open Door Imports LLC", trade_names=["Open Door"]),
        "unlisted": ImporterFactory(legal_name="Private Lane Imports LLC", listing_consent=False),
        "suspended": set_status(ImporterFactory(legal_name="Paused Example LLC"), "suspended"),
        "revoked": set_status(ImporterFactory(legal_name="Ended Example LLC"), "revoked"),
        "expired": ImporterFactory(
            legal_name="Lapsed Example LLC", vetted_on=today - timedelta(400), valid_until=today - timedelta(1)
        ),
    }


@pytest.mark.parametrize(
    "key, status, listed",
    [
        ("listed", "trusted", True),
        ("unlisted", "trusted", False),
        ("suspended", "suspended", False),
        ("revoked", "revoked", False),
        ("expired", "expired", False),
    ],
)
def test_every_status_answers_in_the_same_shape(client, importers, key, status, listed):
    importer = importers[key]
    response = verify(client, importer.verification_id)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == KEYS
    assert (body["found"], body["status"], body["listed"]) == (True, status, listed)
    assert body["program"] == importer.program
    assert body["valid_until"] == importer.valid_until.isoformat()
    # The name only for a listed importer: the ID alone never reveals who an unlisted importer is.
    assert body["legal_name"] == (importer.legal_name if listed else None)
    assert importer.legal_name not in response.content.decode() or listed


def test_an_unknown_id_answers_in_the_same_shape(client, importers):
    response = verify(client, "VI-0000-0000-0000")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == KEYS
    assert (body["found"], body["status"], body["listed"], body["program"], body["valid_until"]) == (
        False,
        "unknown",
        False,
        None,
        None,
    )


def test_a_typed_id_is_read_generously(client, importers):
    canonical = importers["unlisted"].verification_id
    typed = canonical.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    body = verify(client, typed.replace(" ", "")).json()
    assert body["verification_id"] == canonical
    assert body["found"] is True


def test_a_malformed_id_gets_a_message_a_person_can_act_on(client):
    response = verify(client, "12345")
    assert response.status_code == 400
    assert "VI-7K3M-Q9PX-2HDA" in response.json()["errors"]["verification_id"][0]
    response = verify(client, "VI-0000-0000-0000", colour="blue")
    assert response.status_code == 400
    assert "Unknown parameter" in response.json()["errors"]["colour"][0]


def test_a_business_checks_the_name_it_was_given_without_learning_the_name(client, importers):
    importer = importers["unlisted"]
    assert verify(client, importer.verification_id, name="Private Lane Imports, L.L.C.").json()["name_matches"] is True
    wrong = verify(client, importer.verification_id, name="Open Door Imports LLC")
    assert wrong.json()["name_matches"] is False
    assert "Private Lane" not in wrong.content.decode()
    assert verify(client, importer.verification_id).json()["name_matches"] is None
    assert verify(client, importers["listed"].verification_id, name="Open Door").json()["name_matches"] is True


def test_internal_notes_and_people_never_appear(client, vetting_officer, importers):
    importer = importers["suspended"]
    set_status(importer, "trusted", reason="INTERNAL: informant tip 42", user=vetting_officer)
    body = verify(client, importer.verification_id).content.decode()
    assert "INTERNAL" not in body
    assert vetting_officer.username not in body


def test_checks_are_rate_limited_per_client(client, importers, settings):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "importer_verify": (3, 600)}
    for _ in range(3):
        assert verify(client, "VI-0000-0000-0000").status_code == 200
    refused = verify(client, importers["listed"].verification_id)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "Try again in" in refused.json()["error"]


def test_the_openapi_schema_documents_the_verification_route(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/importers/verify/{verification_id}"]["get"]
    assert set(operation["responses"]) >= {"200", "400", "429"}
