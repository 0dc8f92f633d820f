"""Consent to be listed: nothing is listed without it (page, search, API, "Check a seller", sitemap), and every
change is recorded with who, when and how (portal, paper through the admin or the command)."""

import io

import pytest
from django.core.management import CommandError, call_command

from importers.consent import record_consent
from importers.models import ConsentSource, ListingConsentRecord

from .conftest import ImporterFactory

pytestmark = pytest.mark.django_db
on_commit_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)

URL = "/trusted-importers/"


def visible_everywhere(client, name, domain):
    """Where the public could see this importer: the page, its search, the API list and search, the check."""
    return {
        "page": name in client.get(URL).content.decode(),
        "page search": [i.legal_name for i in client.get(URL, {"q": name}).context["results"].importers] == [name],
        "page check": "check-result--found" in client.get(URL, {"seller": f"https://{domain}/"}).content.decode(),
        "api": name in [row["legal_name"] for row in client.get("/api/v1/importers").json()["results"]],
        "api search": client.get("/api/v1/importers", {"q": name}).json()["count"] == 1,
        "api check": client.get("/api/v1/importers/check", {"url": f"https://{domain}/"}).json()["vetted_importer"],
    }


def test_consent_given_then_withdrawn_changes_every_public_place(client):
    importer = ImporterFactory(
        legal_name="Quiet Harbour Imports LLC", domains=["quiet-harbour.example"], listing_consent=False
    )
    assert not any(visible_everywhere(client, importer.legal_name, "quiet-harbour.example").values())

    record_consent(importer, True, source=ConsentSource.PORTAL, given_by="Pat Example")
    assert all(visible_everywhere(client, importer.legal_name, "quiet-harbour.example").values())

    record_consent(importer, False, source=ConsentSource.PORTAL, given_by="Pat Example")
    assert not any(visible_everywhere(client, importer.legal_name, "quiet-harbour.example").values())
    assert list(importer.consent_records.values_list("given", flat=True)) == [False, True]


def test_the_sitemap_never_names_an_importer(client, site_tree):
    ImporterFactory(legal_name="Sitemap Example Imports", domains=["sitemap-example.example"])
    ImporterFactory(legal_name="Unlisted Sitemap Example", listing_consent=False)
    body = client.get("/sitemap.xml").content.decode()
    assert "Sitemap Example" not in body
    assert "sitemap-example.example" not in body


@pytest.mark.elasticsearch
@on_commit_db
def test_search_on_elasticsearch_follows_consent(client, importer_index):
    importer = ImporterFactory(legal_name="Indexed Consent Example", listing_consent=False)
    importer_index.refresh()
    response = client.get(URL, {"q": "indexed consent"})
    assert response.context["results"].backend == "elasticsearch"
    assert response.context["results"].count == 0

    record_consent(importer, True, source=ConsentSource.PORTAL)
    importer_index.refresh()
    response = client.get(URL, {"q": "indexed consent"})
    assert [i.legal_name for i in response.context["results"].importers] == ["Indexed Consent Example"]
    assert response.context["results"].count == 1

    record_consent(importer, False, source=ConsentSource.PORTAL)
    importer_index.refresh()
    response = client.get(URL, {"q": "indexed consent"})
    assert response.context["results"].count == 0
    assert client.get("/api/v1/importers", {"q": "indexed consent"}).json()["count"] == 0


def test_staff_record_consent_given_on_paper_with_who_and_when(client, vetting_officer):
    importer = ImporterFactory(legal_name="Paper Form Imports", listing_consent=False)
    client.force_login(vetting_officer)
    inspect = client.get(f"/admin/trusted-importers/inspect/{importer.pk}/").content.decode()
    assert "No consent on record" in inspect
    assert f"/admin/trusted-importers/consent/{importer.pk}/" in inspect

    refused = client.post(f"/admin/trusted-importers/consent/{importer.pk}/", {"given": "yes"})
    assert refused.status_code == 400
    assert "Give the name of the person who signed." in refused.content.decode()
    importer.refresh_from_db()
    assert not importer.listing_consent

    response = client.post(
        f"/admin/trusted-importers/consent/{importer.pk}/",
        {"given": "yes", "given_by": "Dana Example, director", "given_on": "2026-11-02", "note": "Filed in box 4"},
    )
    assert response.status_code == 302
    importer.refresh_from_db()
    assert importer.listing_consent
    record = importer.consent_records.get()
    assert (record.source, record.given_by, str(record.given_on), record.recorded_by) == (
        "paper",
        "Dana Example, director",
        "2026-11-02",
        vetting_officer,
    )
    assert "Paper Form Imports" in client.get(URL).content.decode()
    inspect = client.get(f"/admin/trusted-importers/inspect/{importer.pk}/").content.decode()
    assert "Dana Example, director" in inspect


def test_only_vetting_officers_record_consent(client, editor):
    importer = ImporterFactory(listing_consent=False)
    client.force_login(editor)
    response = client.post(
        f"/admin/trusted-importers/consent/{importer.pk}/",
        {"given": "yes", "given_by": "Someone", "given_on": "2026-11-02"},
    )
    assert response.status_code in (302, 403)
    importer.refresh_from_db()
    assert not importer.listing_consent
    assert not ListingConsentRecord.objects.exists()


def test_the_command_records_consent_given_on_paper(vetting_officer):
    importer = ImporterFactory(legal_name="Command Imports", external_id="CBP-77", listing_consent=False)
    out = io.StringIO()
    call_command(
        "record_listing_consent",
        "CBP-77",
        "--signed-by=Lee Example, owner",
        "--signed-on=2026-10-01",
        f"--recorded-by={vetting_officer.username}",
        stdout=out,
    )
    importer.refresh_from_db()
    assert importer.listing_consent
    assert "Consent given recorded for Command Imports" in out.getvalue()
    call_command(
        "record_listing_consent",
        importer.verification_id.lower(),
        "--withdrawn",
        "--signed-by=Lee Example, owner",
        "--signed-on=2026-10-02",
        f"--recorded-by={vetting_officer.username}",
        stdout=out,
    )
    importer.refresh_from_db()
    assert not importer.listing_consent
    assert importer.consent_records.count() == 2

    with pytest.raises(CommandError, match="No importer"):
        call_command(
            "record_listing_consent",
            "NOPE",
            "--signed-by=x",
            "--signed-on=2026-10-01",
            f"--recorded-by={vetting_officer.username}",
        )
    with pytest.raises(CommandError, match="not a date"):
        call_command(
            "record_listing_consent",
            "CBP-77",
            "--signed-by=x",
            "--signed-on=yesterday",
            f"--recorded-by={vetting_officer.username}",
        )
