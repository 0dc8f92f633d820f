"""The vetting history: every status decision with who and why; a change without a reason is refused."""

import pytest
from wagtail.models import ModelLogEntry

from importers.models import Importer, StatusChangeWithoutReason, VettingDecision, VettingStatus

from .conftest import ImporterFactory

pytestmark = pytest.mark.django_db


def test_a_new_importer_starts_its_history(vetting_officer):
    importer = Importer(
        legal_name="New Example Co", country="US", program="other", vetted_on="2025-01-01", valid_until="2026-01-01"
    )
    importer.change_status(VettingStatus.TRUSTED, "Passed the CTPAT validation visit", vetting_officer)
    importer.save()
    decision = importer.decisions.get()
    assert (decision.from_status, decision.to_status) == ("", "trusted")
    assert decision.reason == "Passed the CTPAT validation visit"
    assert decision.user == vetting_officer


def test_a_status_change_records_who_and_why(vetting_officer):
    importer = ImporterFactory()
    importer.change_status(VettingStatus.SUSPENDED, "Seized shipments with counterfeit chargers", vetting_officer)
    importer.save()
    decision = importer.decisions.first()
    assert (decision.from_status, decision.to_status) == ("trusted", "suspended")
    assert decision.user == vetting_officer
    assert decision.reason == "Seized shipments with counterfeit chargers"
    entry = ModelLogEntry.objects.filter(action="importers.vetting", object_id=str(importer.pk)).latest("timestamp")
    assert entry.user == vetting_officer
    assert entry.data == {"from": "trusted", "to": "suspended", "reason": "Seized shipments with counterfeit chargers"}
    assert "Seized shipments" in str(entry.message)


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_status_change_without_a_reason_is_refused(reason):
    importer = ImporterFactory()
    importer.change_status(VettingStatus.REVOKED, reason)
    with pytest.raises(StatusChangeWithoutReason):
        importer.save()
    importer.refresh_from_db()
    assert importer.status == VettingStatus.TRUSTED
    assert importer.decisions.count() == 1


def test_setting_the_field_directly_is_refused_too():
    importer = ImporterFactory()
    importer.status = VettingStatus.SUSPENDED
    with pytest.raises(StatusChangeWithoutReason):
        importer.save()


def test_saving_without_a_status_change_needs_no_reason():
    importer = ImporterFactory()
    importer.public_notes = "Imports toys."
    importer.save()
    assert importer.decisions.count() == 1


def test_the_admin_form_refuses_a_status_change_without_a_reason(client, vetting_officer):
    importer = ImporterFactory(domains=["acme.example"])
    client.force_login(vetting_officer)
    url = f"/admin/trusted-importers/edit/{importer.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    data = edit_data(importer, status="suspended", status_reason="")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Say why the status changes" in response.content.decode()
    importer.refresh_from_db()
    assert importer.status == "trusted"

    response = client.post(url, edit_data(importer, status="suspended", status_reason="Failed the audit"))
    assert response.status_code == 302
    importer.refresh_from_db()
    assert importer.status == "suspended"
    decision = importer.decisions.first()
    assert (decision.reason, decision.user) == ("Failed the audit", vetting_officer)

    inspect = client.get(f"/admin/trusted-importers/inspect/{importer.pk}/")
    assert inspect.status_code == 200
    assert "Failed the audit" in inspect.content.decode()
    assert vetting_officer.get_username() in inspect.content.decode()
    history = client.get(f"/admin/trusted-importers/history/{importer.pk}/")
    assert history.status_code == 200
    assert "Failed the audit" in history.content.decode()


def test_the_admin_form_refuses_an_address_owned_by_another_importer(client, vetting_officer):
    ImporterFactory(legal_name="Owner Example", domains=["owner.example"])
    importer = ImporterFactory()
    client.force_login(vetting_officer)
    data = edit_data(importer, identifiers=[("domain", "https://www.OWNER.example/")])
    response = client.post(f"/admin/trusted-importers/edit/{importer.pk}/", data)
    assert response.status_code == 200
    assert "owner.example already belongs to Owner Example" in response.content.decode()
    data = edit_data(importer, identifiers=[("store_url", "not an address")])
    response = client.post(f"/admin/trusted-importers/edit/{importer.pk}/", data)
    assert response.status_code == 200
    assert importer.identifiers.count() == 0


def test_creating_an_importer_in_the_admin(client, vetting_officer):
    client.force_login(vetting_officer)
    data = edit_data(
        Importer(legal_name="Created Example", country="CA", program="trusted_trader", status="trusted"),
        identifiers=[("domain", "www.created.example"), ("store_url", "https://marketplace.example/shops/created/")],
        trade_names=["Created Brand"],
    )
    response = client.post("/admin/trusted-importers/new/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    importer = Importer.objects.get(legal_name="Created Example")
    assert sorted(importer.identifiers.values_list("match_key", flat=True)) == [
        "created.example",
        "marketplace.example/shops/created",
    ]
    assert [t.name for t in importer.trade_names.all()] == ["Created Brand"]
    assert VettingDecision.objects.get(importer=importer).user == vetting_officer


def edit_data(importer, identifiers=None, trade_names=None, **overrides):
    existing_ids = list(importer.identifiers.all()) if importer.pk else []
    existing_names = list(importer.trade_names.all()) if importer.pk else []
    data = {
        "legal_name": importer.legal_name,
        "external_id": importer.external_id or "",
        "country": importer.country,
        "program": importer.program,
        "status": importer.status,
        "vetted_on": "2025-01-01",
        "valid_until": "2030-01-01",
        "public_notes": importer.public_notes,
        "status_reason": "",
    }
    rows = (
        [(i.kind, i.value, i.pk) for i in existing_ids]
        if identifiers is None
        else [(k, v, None) for k, v in identifiers]
    )
    data.update(
        {
            "identifiers-TOTAL_FORMS": str(len(rows)),
            "identifiers-INITIAL_FORMS": "0" if identifiers is not None else str(len(rows)),
            "identifiers-MIN_NUM_FORMS": "0",
            "identifiers-MAX_NUM_FORMS": "1000",
        }
    )
    for n, (kind, value, pk) in enumerate(rows):
        data.update(
            {
                f"identifiers-{n}-kind": kind,
                f"identifiers-{n}-value": value,
                f"identifiers-{n}-id": pk or "",
                f"identifiers-{n}-ORDER": str(n + 1),
                f"identifiers-{n}-DELETE": "",
            }
        )
    names = [(t.name, t.pk) for t in existing_names] if trade_names is None else [(t, None) for t in trade_names]
    data.update(
        {
            "trade_names-TOTAL_FORMS": str(len(names)),
            "trade_names-INITIAL_FORMS": "0" if trade_names is not None else str(len(names)),
            "trade_names-MIN_NUM_FORMS": "0",
            "trade_names-MAX_NUM_FORMS": "1000",
        }
    )
    for n, (name, pk) in enumerate(names):
        data.update(
            {
                f"trade_names-{n}-name": name,
                f"trade_names-{n}-id": pk or "",
                f"trade_names-{n}-ORDER": str(n + 1),
                f"trade_names-{n}-DELETE": "",
            }
        )
    data.update(overrides)
    return data
