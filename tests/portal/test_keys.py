"""Self-service API key rotation: a new key shown once, the old one stopping on a chosen date (today up to 90
days), revoking; each change in Wagtail's audit log with the portal user. The keys work (or not) on the real API."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from partners import keys
from partners.models import ApiKey
from portal import key_rotation

pytestmark = pytest.mark.django_db

REFERRALS = "/api/v1/partner/referrals"
SCOPES = ["reports:read-own-referrals", "reports:respond"]
KEY = re.compile(r'id="new-api-key"[^>]* value="(cbp_[A-Za-z0-9]{8}_[^"]+)"')


@pytest.fixture
def admin(portal_member):
    return portal_member(kind="marketplace", role="admin")


@pytest.fixture
def old_key(admin):
    return keys.create_key(partner=admin.organisation, name="sync", scopes=SCOPES)


def works(client, key):
    return client.get(REFERRALS, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200


def new_key(client, **data):
    return client.post("/portal/keys/new/", {"name": "sync 2", "scopes": SCOPES, **data})


def test_rotating_a_key_shows_the_new_one_once_and_ends_the_old_one_later(admin, old_key, portal_client):
    old, old_text = old_key
    client = portal_client(admin)
    assert old.prefix in client.get("/portal/keys/").content.decode()
    stop_on = timezone.localdate() + timedelta(days=14)
    response = new_key(client, replaces=old.pk, old_key_stops_on=stop_on.isoformat())
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page["Cache-Control"] == "no-store"
    new_text = KEY.search(page.content.decode()).group(1)
    # Shown once.
    again = client.get(response["Location"]).content.decode()
    assert new_text not in again and "already shown" in again

    new = ApiKey.objects.get(prefix=keys.prefix_of(new_text))
    assert new.partner == admin.organisation and new.scopes == SCOPES and new.created_by == admin.user
    old.refresh_from_db()
    assert old.revoked_at is None
    assert timezone.localtime(old.expires_at).date() == stop_on and timezone.localtime(old.expires_at).hour == 0
    # Both work during the overlap.
    assert works(client, old_text) and works(client, new_text)
    # After the chosen date the old key is refused.
    ApiKey.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert not works(client, old_text) and works(client, new_text)

    entries = ModelLogEntry.objects.filter(user=admin.user)
    assert set(entries.values_list("action", flat=True)) == {"wagtail.create", "portal.schedule_key_end"}


def test_today_means_at_once(admin, old_key, portal_client):
    old, old_text = old_key
    client = portal_client(admin)
    new_key(client, replaces=old.pk, old_key_stops_on=timezone.localdate().isoformat())
    old.refresh_from_db()
    assert old.revoked_at is not None and old.revoked_by == admin.user
    assert not works(client, old_text)
    assert ModelLogEntry.objects.filter(action="partners.revoke_key", user=admin.user, object_id=str(old.pk)).exists()


@pytest.mark.parametrize("days", [-1, 91])
def test_the_stop_date_must_be_today_to_90_days(admin, old_key, portal_client, days):
    old, old_text = old_key
    response = new_key(
        portal_client(admin),
        replaces=old.pk,
        old_key_stops_on=(timezone.localdate() + timedelta(days=days)).isoformat(),
    )
    assert response.status_code == 400
    assert "Choose a date from today to" in response.content.decode()
    assert ApiKey.objects.count() == 1
    old.refresh_from_db()
    assert old.expires_at is None and old.revoked_at is None


def test_a_stop_date_already_set_is_never_pushed_back(admin, old_key, portal_client):
    old, _text = old_key
    cbp_end = key_rotation.start_of(timezone.localdate() + timedelta(days=5))
    ApiKey.objects.filter(pk=old.pk).update(expires_at=cbp_end)
    later = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = new_key(portal_client(admin), replaces=old.pk, old_key_stops_on=later)
    assert response.status_code == 400
    assert "That key already stops working on" in response.content.decode()
    old.refresh_from_db()
    assert old.expires_at == cbp_end and ApiKey.objects.count() == 1


def test_a_replacement_needs_a_date(admin, old_key, portal_client):
    response = new_key(portal_client(admin), replaces=old_key[0].pk)
    assert response.status_code == 400
    assert "Choose the date the old key stops working" in response.content.decode()


def test_a_new_key_never_gets_more_than_cbp_granted(admin, portal_client):
    keys.create_key(partner=admin.organisation, name="sync", scopes=["reports:read-own-referrals"])
    response = new_key(portal_client(admin), scopes=["reports:read-own-referrals", "leads:read"])
    assert response.status_code == 400
    assert ApiKey.objects.count() == 1
    assert key_rotation.granted_scopes(admin.organisation) == ["reports:read-own-referrals"]


def test_no_first_key_without_cbp(admin, portal_client):
    client = portal_client(admin)
    assert "Ask your CBP partner manager" in client.get("/portal/keys/new/").content.decode()
    assert new_key(client).status_code == 400
    assert not ApiKey.objects.exists()


def test_revoking_a_key(admin, old_key, portal_client):
    old, old_text = old_key
    client = portal_client(admin)
    assert client.get(f"/portal/keys/{old.pk}/revoke/").status_code == 200
    assert client.post(f"/portal/keys/{old.pk}/revoke/")["Location"] == "/portal/keys/"
    old.refresh_from_db()
    assert old.revoked_by == admin.user
    assert not works(client, old_text)
    assert ModelLogEntry.objects.filter(action="partners.revoke_key", user=admin.user).exists()


def test_another_organisations_key_is_out_of_reach(admin, portal_member, portal_client):
    stranger = portal_member(kind="marketplace", role="admin")
    their_key, their_text = keys.create_key(partner=stranger.organisation, name="theirs", scopes=SCOPES)
    keys.create_key(partner=admin.organisation, name="ours", scopes=SCOPES)
    client = portal_client(admin)
    assert client.post(f"/portal/keys/{their_key.pk}/revoke/").status_code == 404
    stop_on = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = new_key(client, replaces=their_key.pk, old_key_stops_on=stop_on)
    assert response.status_code == 400  # not one of this organisation's keys
    their_key.refresh_from_db()
    assert their_key.revoked_at is None and their_key.expires_at is None
    assert their_key.prefix not in client.get("/portal/keys/").content.decode()


def scopes_offered(client):
    return re.findall(r'name="scopes" value="([^"]+)"', client.get("/portal/keys/new/").content.decode())


@pytest.mark.parametrize("ended", ["revoked", "past its stop date"])
def test_a_scope_only_a_key_that_no_longer_works_had_cannot_be_asked_for_again(admin, portal_client, ended):
    working, _text = keys.create_key(partner=admin.organisation, name="sync", scopes=["reports:read-own-referrals"])
    taken_away, _text = keys.create_key(partner=admin.organisation, name="responder", scopes=SCOPES)
    if ended == "revoked":
        keys.revoke(taken_away, user=None)  # CBP took "reports:respond" away
    else:
        ApiKey.objects.filter(pk=taken_away.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    client = portal_client(admin)
    assert scopes_offered(client) == ["reports:read-own-referrals"]

    response = new_key(client, scopes=SCOPES)
    assert response.status_code == 400
    assert ApiKey.objects.count() == 2

    # Rotating the working key still keeps what it may do.
    stop_on = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = new_key(client, scopes=["reports:read-own-referrals"], replaces=working.pk, old_key_stops_on=stop_on)
    assert response.status_code == 302
    new = ApiKey.objects.exclude(pk__in=[working.pk, taken_away.pk]).get()
    assert new.scopes == ["reports:read-own-referrals"]


def test_no_new_key_when_every_key_was_revoked(admin, old_key, portal_client):
    keys.revoke(old_key[0], user=None)
    client = portal_client(admin)
    assert "Ask your CBP partner manager" in client.get("/portal/keys/").content.decode()
    assert new_key(client).status_code == 400
    assert ApiKey.objects.count() == 1


def test_a_new_key_stops_when_the_keys_it_takes_its_scopes_from_stop(admin, old_key, portal_client):
    old, _text = old_key
    cbp_end = key_rotation.start_of(timezone.localdate() + timedelta(days=40))  # CBP: the agreement ends then
    ApiKey.objects.filter(pk=old.pk).update(expires_at=cbp_end)
    response = new_key(portal_client(admin), replaces=old.pk, old_key_stops_on=timezone.localdate().isoformat())
    assert response.status_code == 302
    new = ApiKey.objects.exclude(pk=old.pk).get()
    assert new.scopes == SCOPES and new.expires_at == cbp_end  # never outlives what CBP set


def test_a_new_key_from_a_key_without_a_stop_date_has_none(admin, old_key, portal_client):
    old, _text = old_key
    stop_on = (timezone.localdate() + timedelta(days=14)).isoformat()
    assert new_key(portal_client(admin), replaces=old.pk, old_key_stops_on=stop_on).status_code == 302
    assert ApiKey.objects.exclude(pk=old.pk).get().expires_at is None
