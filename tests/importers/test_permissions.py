"""Only Vetting officers (and superusers) manage importers; Editors, Triage officers and the public cannot."""

import pytest

from importers.models import Importer

from .conftest import ImporterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def importer():
    return ImporterFactory(domains=["acme.example"])


def admin_urls(importer):
    return [
        "/admin/trusted-importers/",
        "/admin/trusted-importers/new/",
        f"/admin/trusted-importers/edit/{importer.pk}/",
        f"/admin/trusted-importers/inspect/{importer.pk}/",
        "/admin/trusted-importers/import/",
        "/admin/trusted-importers/?export=csv",
    ]


def test_a_vetting_officer_can_manage_importers(client, vetting_officer, importer):
    client.force_login(vetting_officer)
    for url in admin_urls(importer):
        assert client.get(url).status_code == 200, url
    assert "Trusted importers" in client.get("/admin/").content.decode()


def test_a_vetting_officer_cannot_delete(client, vetting_officer, importer):
    client.force_login(vetting_officer)
    response = client.post(f"/admin/trusted-importers/delete/{importer.pk}/")
    assert response.status_code in (302, 403)
    assert Importer.objects.filter(pk=importer.pk).exists()


@pytest.mark.parametrize("who", ["editor", "triage_officer"])
def test_editors_and_triage_officers_cannot_see_or_change_importers(client, request, importer, who):
    client.force_login(request.getfixturevalue(who))
    for url in admin_urls(importer):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] in ("/admin/", "/admin/login/") or "login" in response["Location"], url
    response = client.post(f"/admin/trusted-importers/edit/{importer.pk}/", {"legal_name": "Hijacked"})
    assert response.status_code in (302, 403)
    importer.refresh_from_db()
    assert importer.legal_name != "Hijacked"
    assert "trusted-importers" not in client.get("/admin/").content.decode()


def test_anonymous_people_are_sent_to_the_login(client, importer):
    for url in admin_urls(importer):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/admin/login/" in response["Location"], url


def test_the_export_holds_the_columns_the_import_reads(client, vetting_officer):
    ImporterFactory(
        legal_name="Export Example",
        external_id="EX-1",
        trade_names=["Export Brand"],
        domains=["export.example"],
        stores=["https://marketplace.example/shops/export"],
    )
    client.force_login(vetting_officer)
    response = client.get("/admin/trusted-importers/?export=csv")
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    header = content.splitlines()[0]
    assert header.startswith("external_id,legal_name,trade_names,domains,store_urls,country,program,status")
    assert "Export Brand" in content and "export.example" in content
