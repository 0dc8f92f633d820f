"""The importer list and inspect page say whether the public sees an importer, and show dates as dates."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from importers.models import Importer, ListingState, VettingStatus

from .conftest import ImporterFactory, set_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def importers(db):
    today = timezone.localdate()
    return {
        "listed": ImporterFactory(legal_name="Listed Goods LLC", valid_until=date(2028, 6, 30)),
        "expired": ImporterFactory(
            legal_name="Lapsed Imports LLC", vetted_on=today - timedelta(days=400), valid_until=today - timedelta(1)
        ),
        "future": ImporterFactory(
            legal_name="Future Freight LLC", vetted_on=today + timedelta(days=5), valid_until=today + timedelta(400)
        ),
        "suspended": set_status(ImporterFactory(legal_name="Paused Parts LLC"), VettingStatus.SUSPENDED),
        "revoked": set_status(ImporterFactory(legal_name="Gone Goods LLC"), VettingStatus.REVOKED),
        "no_consent": ImporterFactory(legal_name="Quiet Cargo LLC", listing_consent=False),
    }


def row_of(page, name):
    """The listing's table row that holds `name`."""
    rows = re.findall(r"<tr[^>]*>.*?</tr>", page, flags=re.S)
    return next(row for row in rows if name in row)


def test_the_list_shows_a_2028_date_as_a_date_not_just_now(client, vetting_officer, importers):
    client.force_login(vetting_officer)
    page = client.get("/admin/trusted-importers/").content.decode()
    row = row_of(page, "Listed Goods LLC")
    assert "30 Jun 2028" in row
    assert 'datetime="2028-06-30"' in row
    assert "Just now" not in page


@pytest.mark.parametrize(
    "key, label",
    [
        ("listed", "Publicly listed"),
        ("expired", "Expired"),
        ("future", "Not yet valid"),
        ("suspended", "Suspended"),
        ("revoked", "Revoked"),
        ("no_consent", "Not listed: no consent"),
    ],
)
def test_each_importer_is_tagged_with_what_the_public_sees(client, vetting_officer, importers, key, label):
    client.force_login(vetting_officer)
    importer = importers[key]
    row = row_of(client.get("/admin/trusted-importers/").content.decode(), importer.legal_name)
    assert f">{label}</span>" in row

    inspect = client.get(f"/admin/trusted-importers/inspect/{importer.pk}/").content.decode()
    assert f">{label}</span>" in inspect
    if key == "listed":
        assert "Shown in the public directory" in inspect
    else:
        assert "Hidden from the public directory" in inspect


def test_an_expired_importer_says_it_is_hidden_though_its_status_is_trusted(client, vetting_officer, importers):
    client.force_login(vetting_officer)
    lapsed = importers["expired"]
    assert lapsed.status == VettingStatus.TRUSTED
    inspect = client.get(f"/admin/trusted-importers/inspect/{lapsed.pk}/").content.decode()
    assert "Hidden from the public directory: the vetting ended on" in inspect
    # And the public directory indeed does not show it.
    public = client.get("/trusted-importers/", {"q": "Lapsed Imports"})
    assert public.status_code == 200
    assert "Lapsed Imports LLC" not in public.content.decode()


@pytest.mark.parametrize("state", ListingState.values)
def test_the_filter_lists_exactly_the_importers_in_that_state(client, vetting_officer, importers, state):
    client.force_login(vetting_officer)
    page = client.get("/admin/trusted-importers/", {"listing": state}).content.decode()
    wanted = {key for key, importer in importers.items() if importer.listing_state() == state}
    assert len(wanted) == 1
    for importer in importers.values():
        assert (importer.legal_name in page) == (importer.listing_state() == state)


def test_the_tag_and_the_public_directory_use_the_same_rule(importers):
    listed = set(Importer.objects.publicly_listed())
    assert listed == {importer for importer in importers.values() if importer.is_publicly_listed()}
    for state in ListingState.values:
        in_state = set(Importer.objects.in_listing_state(state))
        assert in_state == {importer for importer in importers.values() if importer.listing_state() == state}


def test_the_export_writes_dates_in_iso_8601(client, vetting_officer, importers):
    client.force_login(vetting_officer)
    response = client.get("/admin/trusted-importers/", {"export": "csv"})
    text = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    line = next(line for line in text.splitlines() if "Listed Goods LLC" in line)
    assert "2028-06-30" in line
