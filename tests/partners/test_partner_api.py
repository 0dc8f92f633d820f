"""The partner API: keys, scopes, isolation between partners, answers on the timeline, bulk reports, limits, log."""

import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from partners import keys
from partners.models import ApiCall, PartnerSubmission, Scope
from reports.choices import Source, Status
from reports.models import Report
from triage.models import ReferralStatus
from triage.timeline import timeline

from .conftest import bearer, new_key, reported

pytestmark = pytest.mark.django_db

REFERRALS = "/api/v1/partner/referrals"
BULK = "/api/v1/partner/reports/bulk"


def post_json(client, url, data, key):
    return client.post(url, json.dumps(data), content_type="application/json", **bearer(key))


# --- Keys ------------------------------------------------------------------------------------------


def test_a_key_is_stored_only_as_a_hash(market_a):
    api_key, key = new_key(market_a)
    api_key.refresh_from_db()
    assert key.startswith(api_key.prefix + "_")
    assert key not in {api_key.key_hash, api_key.prefix, api_key.name}
    assert api_key.key_hash == keys.hash_key(key)
    assert keys.find_usable(key) == api_key


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_AUTHORIZATION": "Bearer"},
        {"HTTP_AUTHORIZATION": "Bearer cbp_AAAAAAAA_not-a-real-key"},
        {"HTTP_AUTHORIZATION": "Basic dXNlcjpwYXNz"},
        {"HTTP_X_API_KEY": "nonsense"},
    ],
)
def test_missing_or_unknown_keys_get_one_plain_401(client, headers, referral_to_a):
    response = client.get(REFERRALS, **headers)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert "Authorization: Bearer" in response.json()["error"]
    assert "Please check this listing" not in response.content.decode()


def test_revoked_expired_and_inactive_keys_answer_exactly_like_unknown_ones(client, market_a, officer, referral_to_a):
    unknown = client.get(REFERRALS, **bearer("cbp_ZZZZZZZZ_" + "x" * 43)).json()

    revoked, revoked_key = new_key(market_a)
    assert client.get(REFERRALS, **bearer(revoked_key)).status_code == 200
    keys.revoke(revoked, user=officer)
    answer = client.get(REFERRALS, **bearer(revoked_key))
    assert (answer.status_code, answer.json()) == (401, unknown)

    _expired, expired_key = new_key(market_a, expires_at=timezone.now() - timedelta(minutes=1))
    answer = client.get(REFERRALS, **bearer(expired_key))
    assert (answer.status_code, answer.json()) == (401, unknown)

    _active, active_key = new_key(market_a)
    market_a.active = False
    market_a.save()
    answer = client.get(REFERRALS, **bearer(active_key))
    assert (answer.status_code, answer.json()) == (401, unknown)


def test_x_api_key_header_works_too(client, key_a, referral_to_a):
    assert client.get(REFERRALS, HTTP_X_API_KEY=key_a).status_code == 200


# --- Scopes and isolation ----------------------------------------------------------------------------


def test_each_route_needs_its_scope(client, market_a, referral_to_a):
    _api_key, read_only = new_key(market_a, scopes=[Scope.READ_OWN_REFERRALS])
    assert client.get(REFERRALS, **bearer(read_only)).status_code == 200

    answer = post_json(client, f"{REFERRALS}/{referral_to_a.pk}/responses", {"action": "no_action"}, read_only)
    assert answer.status_code == 403
    assert "reports:respond" in answer.json()["error"]

    answer = post_json(client, BULK, {"reports": [{"external_id": "x"}]}, read_only)
    assert answer.status_code == 403
    assert "reports:submit-bulk" in answer.json()["error"]

    _api_key, bulk_only = new_key(market_a, scopes=[Scope.SUBMIT_BULK])
    assert client.get(REFERRALS, **bearer(bulk_only)).status_code == 403
    assert client.get(f"{REFERRALS}/{referral_to_a.pk}", **bearer(bulk_only)).status_code == 403


def test_a_partner_sees_only_its_own_referrals(client, key_a, key_b, referral_to_a, referral_to_b, category, officer):
    # A referral to nobody in particular (a partner agency) is visible to no API partner.
    from triage import operations

    operations.refer(agency="fda", note="FDA only", user=officer, report=reported(category))

    seen_by_a = client.get(REFERRALS, **bearer(key_a)).json()
    assert [r["id"] for r in seen_by_a["results"]] == [referral_to_a.pk]
    assert seen_by_a["count"] == 1
    seen_by_b = client.get(REFERRALS, **bearer(key_b)).json()
    assert [r["id"] for r in seen_by_b["results"]] == [referral_to_b.pk]

    # B asking for A's referral by id gets the same 404 as for an id that does not exist.
    theirs = client.get(f"{REFERRALS}/{referral_to_a.pk}", **bearer(key_b))
    missing = client.get(f"{REFERRALS}/999999", **bearer(key_b))
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()
    answer = post_json(client, f"{REFERRALS}/{referral_to_a.pk}/responses", {"action": "listing_removed"}, key_b)
    assert answer.status_code == 404
    referral_to_a.refresh_from_db()
    assert referral_to_a.status == ReferralStatus.SENT
    assert not referral_to_a.partner_responses.exists()


def test_a_referral_never_shows_the_reporters_contact_order_or_parcel(client, key_a, referral_to_a):
    body = client.get(f"{REFERRALS}/{referral_to_a.pk}", **bearer(key_a))
    assert body.status_code == 200
    text = body.content.decode()
    for secret in ("Ana Reporter", "ana@example.com", "555-0100", "ORDER-SECRET-1", "PARCEL-SECRET-9", "burned"):
        assert secret not in text
    report = body.json()["reports"][0]
    assert report["tracking_number"] == referral_to_a.report.tracking_number
    assert report["listing_url"] == "https://bargainmart.example.com/item/77"
    assert report["seller_name"] == "volt-deals"
    assert body.json()["note"] == "Please check this listing."
    assert "For the agency only" not in text


def test_a_case_referral_lists_every_report_of_the_case(client, key_a, market_a, officer, category):
    from triage import operations

    first, second = reported(category), reported(category, seller_name="volt-deals-2")
    case = operations.link_to_case([first, second], user=officer, title="Volt deals ring")
    referral = operations.refer(agency="marketplace", note="", user=officer, case=case, recipient=market_a)
    body = client.get(f"{REFERRALS}/{referral.pk}", **bearer(key_a)).json()
    assert sorted(r["tracking_number"] for r in body["reports"]) == sorted(
        [first.tracking_number, second.tracking_number]
    )


# --- Responses -------------------------------------------------------------------------------------


def test_a_response_moves_the_referral_on_and_appears_on_the_reports_timeline(client, key_a, referral_to_a):
    answer = post_json(
        client,
        f"{REFERRALS}/{referral_to_a.pk}/responses",
        {"action": "listing_removed", "note": "Listing 77 taken down."},
        key_a,
    )
    assert answer.status_code == 201
    assert answer.json()["action"] == "listing_removed"

    referral_to_a.refresh_from_db()
    assert referral_to_a.status == ReferralStatus.ACTION_TAKEN
    messages = [event.text for event in timeline(referral_to_a.report)]
    assert any("BargainMart answered the referral: Listing removed — Listing 77 taken down." in m for m in messages)

    listed = client.get(f"{REFERRALS}/{referral_to_a.pk}", **bearer(key_a)).json()
    assert [r["action"] for r in listed["responses"]] == ["listing_removed"]
    assert client.get(REFERRALS + "?status=action_taken", **bearer(key_a)).json()["count"] == 1
    assert client.get(REFERRALS + "?status=sent", **bearer(key_a)).json()["count"] == 0


def test_no_action_closes_the_referral_as_no_action(client, key_a, referral_to_a):
    post_json(client, f"{REFERRALS}/{referral_to_a.pk}/responses", {"action": "no_action"}, key_a)
    referral_to_a.refresh_from_db()
    assert referral_to_a.status == ReferralStatus.NO_ACTION


@pytest.mark.parametrize(
    "body, field",
    [
        ({"action": "deleted_everything"}, "action"),
        ({}, "action"),
        ({"action": "no_action", "note": "x" * 2001}, "note"),
        ({"action": "no_action", "note": "bad\x00byte"}, "note"),
    ],
)
def test_a_bad_response_is_refused_with_a_message_and_saves_nothing(client, key_a, referral_to_a, body, field):
    answer = post_json(client, f"{REFERRALS}/{referral_to_a.pk}/responses", body, key_a)
    assert answer.status_code == 400
    assert field in answer.json()["errors"]
    assert not referral_to_a.partner_responses.exists()


def test_a_body_that_is_not_json_is_a_400(client, key_a, referral_to_a):
    answer = client.post(
        f"{REFERRALS}/{referral_to_a.pk}/responses", "{not json", content_type="application/json", **bearer(key_a)
    )
    assert answer.status_code == 400
    assert answer.json()["errors"]


# --- Bulk ------------------------------------------------------------------------------------------


def bulk_item(external_id, **overrides):
    item = {
        "external_id": external_id,
        "product_category": "chargers",
        "description": "Listing taken down: counterfeit 65 W chargers without safety marks.",
        "seller_name": f"seller-{external_id}",
        "listing_url": f"https://bargainmart.example.com/item/{external_id}",
        "shipped_from_country": "CN",
    }
    item.update(overrides)
    return item


def test_bulk_checks_and_saves_each_item_on_its_own(client, key_a, market_a, category):
    items = [
        bulk_item("T-1"),
        bulk_item("T-2", description="short"),
        bulk_item("T-3", product_category="no-such-thing", shipped_from_country="ZZ"),
        bulk_item("T-4", contact={"email": "someone@example.com"}),
        "not an object",
        {"description": "no external id at all, and that is a problem"},
    ]
    answer = post_json(client, BULK, {"reports": items}, key_a)
    assert answer.status_code == 200
    body = answer.json()
    statuses = [result["status"] for result in body["results"]]
    assert statuses == ["created", "invalid", "invalid", "created", "invalid", "invalid"]
    assert (body["created"], body["not_created"]) == (2, 4)
    assert "description" in body["results"][1]["errors"]
    assert {"product_category", "shipped_from_country"} <= set(body["results"][2]["errors"])
    assert "external_id" in body["results"][5]["errors"]

    created = Report.objects.filter(source=Source.PARTNER)
    assert created.count() == 2
    t4 = PartnerSubmission.objects.get(partner=market_a, external_id="T-4").report
    assert t4.anonymous and not hasattr(t4, "contact")  # contact details are not accepted from partners
    assert t4.status == Status.NEW


def test_sending_the_same_external_id_again_creates_nothing_new(client, key_a, category):
    first = post_json(client, BULK, {"reports": [bulk_item("T-9")]}, key_a).json()["results"][0]
    again = post_json(client, BULK, {"reports": [bulk_item("T-9")]}, key_a).json()["results"][0]
    assert again["status"] == "already_received"
    assert again["tracking_number"] == first["tracking_number"]
    assert Report.objects.count() == 1
    twice = post_json(client, BULK, {"reports": [bulk_item("T-10"), bulk_item("T-10", seller_name="x")]}, key_a)
    assert [r["status"] for r in twice.json()["results"]] == ["created", "invalid"]


def test_two_ids_with_the_same_content_are_two_reports(client, key_a, market_a, category):
    same = {"seller_name": "copycat", "listing_url": "https://bargainmart.example.com/item/1"}
    answer = post_json(client, BULK, {"reports": [bulk_item("L-1", **same), bulk_item("L-2", **same)]}, key_a).json()
    assert [r["status"] for r in answer["results"]] == ["created", "created"]
    assert answer["results"][0]["tracking_number"] != answer["results"][1]["tracking_number"]
    assert PartnerSubmission.objects.filter(partner=market_a).count() == 2


@pytest.mark.parametrize("bad", [r"\ud800", r"ok\udfffok"])
def test_text_that_is_not_valid_unicode_is_refused_not_a_crash(client, key_a, category, bad):
    body = '{"reports": [{"external_id": "S-1", "product_category": "chargers", "description": "%s counterfeit"}]}'
    answer = client.post(BULK, body % bad, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key_a}")
    assert answer.status_code == 400
    assert "not valid Unicode" in answer.json()["errors"]["body"][0]
    assert Report.objects.count() == 0


def test_a_case_referral_keeps_the_reports_it_was_sent_with(client, key_a, market_a, officer, category):
    from triage import operations

    first, second = reported(category), reported(category, seller_name="volt-deals-2")
    case = operations.link_to_case([first, second], user=officer, title="Volt deals ring")
    referral = operations.refer(agency="marketplace", note="", user=officer, case=case, recipient=market_a)
    later = reported(category, seller_name="not-for-the-partner")
    operations.link_to_case([later], user=officer, case=case)
    body = client.get(f"{REFERRALS}/{referral.pk}", **bearer(key_a)).json()
    assert later.tracking_number not in [r["tracking_number"] for r in body["reports"]]
    assert len(body["reports"]) == 2


def test_bulk_refuses_an_empty_or_oversized_batch(client, key_a, category):
    assert post_json(client, BULK, {"reports": []}, key_a).status_code == 400
    too_many = post_json(client, BULK, {"reports": [bulk_item(f"T-{n}") for n in range(101)]}, key_a)
    assert too_many.status_code == 400
    assert "reports" in too_many.json()["errors"]
    assert Report.objects.count() == 0


# --- Rate limits and the call log ------------------------------------------------------------------


def test_each_key_is_rate_limited_on_its_own(client, settings, key_a, key_b, referral_to_a):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "partner_api": (3, 3600)}
    answers = [client.get(REFERRALS, **bearer(key_a)).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    limited = client.get(REFERRALS, **bearer(key_a))
    assert int(limited["Retry-After"]) > 0
    assert "Try again in" in limited.json()["error"]
    assert client.get(REFERRALS, **bearer(key_b)).status_code == 200


def test_every_call_is_logged_with_its_key_and_answer(client, key_a, market_a, referral_to_a):
    client.get(REFERRALS, **bearer(key_a))
    client.get(f"{REFERRALS}/999999", **bearer(key_a))
    client.get(REFERRALS, **bearer("cbp_ZZZZZZZZ_wrong"))
    client.get("/api/v1/library/topics")  # public routes are not partner calls

    calls = list(ApiCall.objects.order_by("at", "pk"))
    assert [(c.status_code, c.outcome) for c in calls] == [(200, "ok"), (404, "not_found"), (401, "unauthenticated")]
    assert calls[0].partner == market_a and calls[0].api_key.partner == market_a
    assert calls[2].api_key is None and calls[2].presented_prefix == "cbp_ZZZZZZZZ"
    assert all(c.path.startswith("/api/v1/partner/") for c in calls)
    assert key_a not in str([vars(c) for c in calls])


def test_wrong_keys_from_one_address_are_slowed_down(client, settings, key_a, referral_to_a):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "partner_api_failure": (3, 600)}
    answers = [client.get(REFERRALS, **bearer(f"cbp_GUESS{n:03d}_x")).status_code for n in range(4)]
    assert answers == [401, 401, 401, 429]
    # A good key is not counted as a failure, and still works from another address.
    assert client.get(REFERRALS, REMOTE_ADDR="10.0.0.9", **bearer(key_a)).status_code == 200


def test_old_call_log_rows_are_purged(key_a, market_a):
    from django.core.management import call_command

    ApiCall.objects.create(
        partner=market_a, method="GET", path="/old", status_code=200, at=timezone.now() - timedelta(days=401)
    )
    ApiCall.objects.create(partner=market_a, method="GET", path="/recent", status_code=200)
    call_command("purge_api_calls", stdout=io.StringIO())
    assert list(ApiCall.objects.values_list("path", flat=True)) == ["/recent"]
