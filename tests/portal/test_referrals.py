"""Marketplaces and carriers in the portal: the referrals inbox, one referral, answers, bulk answers, CSV upload."""

from datetime import timedelta

import pytest
from django.utils import timezone

from partners.models import PartnerResponse, PartnerSubmission, ResponseAction
from reports.models import Report
from tests.factories import ProductCategoryFactory
from tests.partners.conftest import reported
from triage.models import Referral, ReferralStatus

pytestmark = pytest.mark.django_db

INBOX = "/portal/referrals/"
UPLOAD = "/portal/referrals/upload/"
BULK = "/portal/referrals/answer/"


def page_of(referral):
    return f"/portal/referrals/{referral.pk}/"


def answer_url(referral):
    return f"/portal/referrals/{referral.pk}/answer/"


@pytest.fixture
def category(db):
    return ProductCategoryFactory(name="Chargers", slug="chargers")


def refer(organisation, category, days_ago=0, agency="marketplace", **report_fields):
    report = reported(category, **report_fields)
    referral = Referral.objects.create(
        report=report, agency=agency, recipient=organisation, partner_note="Please check this listing."
    )
    if days_ago:
        Referral.objects.filter(pk=referral.pk).update(referred_at=timezone.now() - timedelta(days=days_ago))
    return referral


def listed(content, referral):
    return f'href="{page_of(referral)}"' in content


def test_filters_counts_and_sorting(portal_member, portal_client, category, settings):
    settings.PARTNER_RESPONSE_TARGET_DAYS = 15
    member = portal_member(kind="marketplace", role="viewer")
    org = member.organisation
    client = portal_client(member)
    fresh = refer(org, category, days_ago=1)
    opened = refer(org, category, days_ago=3)
    late = refer(org, category, days_ago=20)
    answered = refer(org, category, days_ago=30)
    elsewhere = refer(portal_member(kind="marketplace").organisation, category)
    PartnerResponse.objects.create(referral=answered, partner=org, action=ResponseAction.NO_ACTION)
    assert client.get(page_of(opened)).status_code == 200  # opening it: no longer new

    everything = client.get(INBOX).content.decode()
    assert all(listed(everything, r) for r in (fresh, opened, late, answered))
    assert not listed(everything, elsewhere)
    # Newest first by default; oldest first on request.
    assert everything.index(page_of(fresh)) < everything.index(page_of(answered))
    oldest = client.get(INBOX, {"order": "oldest"}).content.decode()
    assert oldest.index(page_of(answered)) < oldest.index(page_of(fresh))

    expected = {
        "new": {fresh, late},
        "waiting": {fresh, opened, late},
        "answered": {answered},
        "overdue": {late},
    }
    for show, wanted in expected.items():
        response = client.get(INBOX, {"show": show})
        content = response.content.decode()
        assert {r for r in (fresh, opened, late, answered) if listed(content, r)} == wanted, show
    counts = {tab["value"]: tab["count"] for tab in response.context["tabs"]}
    assert counts == {"all": 4, "new": 2, "waiting": 3, "answered": 1, "overdue": 1}
    # An unknown filter shows everything rather than failing.
    assert client.get(INBOX, {"show": "nonsense", "order": "sideways"}).status_code == 200


def test_the_inbox_pages_through_many_referrals(portal_member, portal_client, category):
    member = portal_member(kind="carrier", role="viewer")
    referrals = [refer(member.organisation, category, days_ago=40 - n, listing_url="") for n in range(30)]
    client = portal_client(member)
    first = client.get(INBOX).content.decode()
    second = client.get(INBOX, {"page": 2}).content.decode()
    assert sum(listed(first, r) for r in referrals) == 25
    assert {r for r in referrals if listed(second, r)} == set(referrals[:5])
    assert client.get(INBOX, {"page": 999}).status_code == 200


def test_another_organisations_referral_is_not_found(portal_member, portal_client, category):
    mine = portal_member(kind="marketplace", role="admin")
    theirs = refer(portal_member(kind="marketplace").organisation, category)
    client = portal_client(mine)
    assert client.get(page_of(theirs)).status_code == 404
    assert client.post(answer_url(theirs), {"action": "no_action"}).status_code == 404
    response = client.post(BULK, {"referrals": [theirs.pk], "action": "no_action"}, follow=True)
    assert "not found among your referrals" in response.content.decode()
    assert not PartnerResponse.objects.exists()


def test_the_referral_shows_what_the_api_shows_and_nothing_more(portal_member, portal_client, category):
    member = portal_member(kind="marketplace", role="viewer")
    referral = refer(member.organisation, category, brand="Volta", harm=True)
    content = portal_client(member).get(page_of(referral)).content.decode()
    for shown in (referral.report.tracking_number, "Volta", "Charger overheated", "Please check this listing."):
        assert shown in content
    # Never the order number, the parcel number, the harm story or the staff-only note (not in the API either).
    for hidden in ("ORDER-SECRET-1", "PARCEL-SECRET-9", "My hand was burned", "ana@example.com", "Ana Reporter"):
        assert hidden not in content


@pytest.mark.parametrize(
    ("kind", "fields", "shown"),
    [
        ("marketplace", {"share_contact_with_marketplace": True}, True),
        ("marketplace", {"share_contact_with_marketplace": False}, False),
        ("marketplace", {"share_contact_with_marketplace": True, "anonymous": True}, False),
        ("carrier", {"share_contact_with_marketplace": True, "listing_url": ""}, False),
    ],
)
def test_the_reporter_contact_is_shown_only_with_consent(portal_member, portal_client, category, kind, fields, shown):
    member = portal_member(kind=kind, role="viewer")
    referral = refer(member.organisation, category, **fields)
    content = portal_client(member).get(page_of(referral)).content.decode()
    assert ("ana@example.com" in content) is shown
    assert ("555-0100" in content) is shown


def test_a_viewer_reads_but_cannot_answer(portal_member, portal_client, category):
    member = portal_member(kind="marketplace", role="viewer")
    referral = refer(member.organisation, category)
    client = portal_client(member)
    content = client.get(page_of(referral)).content.decode()
    assert answer_url(referral) not in content and "Send the answer" not in content
    assert client.post(answer_url(referral), {"action": "listing_removed"}).status_code == 403
    assert client.post(BULK, {"referrals": [referral.pk], "action": "listing_removed"}).status_code == 403
    assert client.get(UPLOAD).status_code == 403
    assert not PartnerResponse.objects.exists()


def test_a_responder_answers_like_the_api_does(portal_member, portal_client, category):
    member = portal_member(kind="marketplace", role="responder")
    referral = refer(member.organisation, category)
    client = portal_client(member)

    refused = client.post(answer_url(referral), {"action": "deleted_it", "note": "x"})
    assert refused.status_code == 400 and not PartnerResponse.objects.exists()
    control = client.post(answer_url(referral), {"action": "listing_removed", "note": "bad \x07 bell"})
    assert control.status_code == 400 and not PartnerResponse.objects.exists()

    response = client.post(answer_url(referral), {"action": "listing_removed", "note": "  Taken down today.  "})
    assert response.status_code == 302
    answer = PartnerResponse.objects.get()
    assert (answer.action, answer.note, answer.responded_by) == ("listing_removed", "Taken down today.", member.user)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACTION_TAKEN
    shown = client.get(response["Location"]).content.decode()
    assert "your answer is recorded" in shown and "Taken down today." in shown
    assert listed(client.get(INBOX, {"show": "answered"}).content.decode(), referral)


def test_one_answer_for_several_referrals_with_a_result_for_each(portal_member, portal_client, category):
    member = portal_member(kind="carrier", role="responder")
    first, second = (refer(member.organisation, category, listing_url="") for _ in range(2))
    untouched = refer(member.organisation, category, listing_url="")
    foreign = refer(portal_member(kind="carrier").organisation, category, listing_url="")
    client = portal_client(member)

    assert client.post(BULK, {"action": "no_action"}).status_code == 400  # nothing ticked
    assert client.post(BULK, {"action": "no_action", "referrals": ["²"]}).status_code == 400  # not a plain number
    response = client.post(
        BULK, {"referrals": [first.pk, second.pk, foreign.pk], "action": "seller_suspended", "note": "Closed."}
    )
    assert response.status_code == 302
    content = client.get(response["Location"]).content.decode()
    assert f"Referral {first.pk} ({first.report.tracking_number}): answer recorded." in content
    assert f"Referral {second.pk} ({second.report.tracking_number}): answer recorded." in content
    assert f"Referral {foreign.pk}: not found among your referrals" in content
    assert set(PartnerResponse.objects.values_list("referral_id", "action", "note")) == {
        (first.pk, "seller_suspended", "Closed."),
        (second.pk, "seller_suspended", "Closed."),
    }
    assert not untouched.partner_responses.exists()
    # The results are shown once.
    assert "answer recorded" not in client.get(INBOX).content.decode()


HEADER = "external_id,product_category,description,marketplace,reasons,harm\n"


def upload(client, content, name="reports.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


def allowed_to_send(member):
    """CBP gave the organisation a key with the bulk-submission scope, as the API's bulk route needs."""
    from partners import keys

    keys.create_key(partner=member.organisation, name="bulk", scopes=["reports:submit-bulk"])
    return member


def test_sending_reports_needs_the_scope_cbp_gives(portal_member, portal_client, category):
    member = portal_member(kind="carrier", role="admin")
    client = portal_client(member)
    rows = HEADER + "SKU-1,chargers,Charger melted within minutes of use.,BargainMart,,no\n"
    for response in (client.get(UPLOAD), upload(client, rows.encode())):
        assert response.status_code == 403
        assert "Your organisation may not send reports yet" in response.content.decode()
    assert not Report.objects.exists()
    allowed_to_send(member)
    assert client.get(UPLOAD).status_code == 200


def test_too_many_files_in_an_hour_are_refused(portal_member, portal_client, category, settings):
    client = portal_client(allowed_to_send(portal_member(kind="marketplace", role="responder")))
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "partner_csv": (2, 3600)}
    rows = HEADER + "SKU-{n},chargers,Charger melted within minutes of use.,BargainMart,,no\n"
    assert [upload(client, rows.format(n=n).encode()).status_code for n in range(3)] == [302, 302, 429]
    assert Report.objects.count() == 2


def test_a_csv_with_good_and_bad_rows_gets_a_result_for_each_row(portal_member, portal_client, category):
    member = allowed_to_send(portal_member(kind="marketplace", role="responder"))
    client = portal_client(member)
    assert client.get(UPLOAD).status_code == 200
    rows = (
        HEADER
        + "SKU-1,chargers,Charger melted within minutes of use.,BargainMart,price_too_low|packaging,no\n"
        + "SKU-2,chargers,too short,BargainMart,,no\n"
        + "SKU-3,toasters,A toaster that sparks when switched on.,BargainMart,,maybe\n"
    )
    response = upload(client, rows.encode())
    assert response.status_code == 302
    content = client.get(response["Location"]).content.decode()
    saved = PartnerSubmission.objects.get(partner=member.organisation)
    assert saved.external_id == "SKU-1"
    assert f"Accepted: tracking number {saved.report.tracking_number}" in content
    assert "1 accepted, 2 refused" in content
    assert "Describe what you bought and what is wrong with it (at least 10 characters)." in content
    assert "harm: Answer whether anyone was harmed with yes or no" in content
    assert Report.objects.count() == 1

    # The same file again: the accepted row is recognised, not saved twice.
    content = client.get(upload(client, rows.encode())["Location"]).content.decode()
    assert f"Already received earlier: tracking number {saved.report.tracking_number}" in content
    assert Report.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "status", "message"),
    [
        (b"external_id,email\nA,a@example.com\n", 400, "carry no reporter contact details"),
        (HEADER.encode() + b'X,chargers,"open quote\n', 400, "cannot be read as CSV"),
        ("é".encode("latin-1") * 10, 400, "not UTF-8 text"),
        (b"", 400, "The file is empty"),
    ],
)
def test_a_bad_file_saves_nothing_and_says_why(portal_member, portal_client, category, content, status, message):
    client = portal_client(allowed_to_send(portal_member(kind="marketplace", role="admin")))
    response = upload(client, content)
    assert response.status_code == status
    assert message in response.content.decode()
    assert not Report.objects.exists()


def test_a_file_over_the_limits_saves_nothing(portal_member, portal_client, category, settings):
    client = portal_client(allowed_to_send(portal_member(kind="marketplace", role="admin")))
    row = "SKU-{n},chargers,Charger melted within minutes of use.,BargainMart,,no\n"
    too_many = HEADER + "".join(row.format(n=n) for n in range(101))
    response = upload(client, too_many.encode())
    assert response.status_code == 400 and "more than 100 reports" in response.content.decode()
    settings.PARTNER_CSV_MAX_BYTES = 1024
    too_big = HEADER + "".join(row.format(n=n) for n in range(30))
    response = upload(client, too_big.encode())
    assert response.status_code == 413 and "larger than 1 KB" in response.content.decode()
    assert not Report.objects.exists()
