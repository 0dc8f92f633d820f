"""Only triage staff reach the queue; only contact viewers see reporter contact details."""

import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from reports.models import Attachment
from tests.triage.conftest import make_report
from triage.models import Case, Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def attachment(report):
    attachment = Attachment(
        report=report, original_name="receipt.pdf", content_type="application/pdf", size=9, sha256="0"
    )
    attachment.file.save("abc.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    return attachment


@pytest.fixture
def case(report, officer):
    case = Case.objects.create(title="Lux bags", created_by=officer)
    case.reports.add(report)
    return case


@pytest.fixture
def referral(report, officer):
    return Referral.objects.create(report=report, agency="fda", referred_by=officer)


def get_urls(report, attachment, case):
    return [
        reverse("triage:index"),
        reverse("triage:index_results"),
        reverse("triage:inspect", args=[report.pk]),
        reverse("triage:index") + "?export=csv",
        reverse("triage:file", args=[attachment.pk]),
        reverse("triage-cases:index"),
        reverse("triage-cases:inspect", args=[case.pk]),
        reverse("triage-cases:edit", args=[case.pk]),
        reverse("triage-cases:add"),
        reverse("triage-trends:index"),
        reverse("triage-trends:index") + "?format=csv",
    ]


def post_urls(report, referral, case):
    original = make_report(report.product_category)
    return [
        (reverse("triage:assign", args=[report.pk]), {}),
        (reverse("triage:status", args=[report.pk]), {"status": "in_review"}),
        (reverse("triage:note", args=[report.pk]), {"text": "note"}),
        (reverse("triage:priority", args=[report.pk]), {"priority": "low", "reason": "x"}),
        (reverse("triage:duplicate", args=[report.pk]), {"original": original.tracking_number}),
        (reverse("triage:case", args=[report.pk]), {"title": "New case"}),
        (reverse("triage:refer", args=[report.pk]), {"agency": "ftc"}),
        (reverse("triage:referral", args=[referral.pk]), {"status": "acknowledged"}),
        (reverse("triage:contact", args=[report.pk]), {}),
        (reverse("triage:bulk"), {"action": "spam", "reports": [report.pk]}),
        (reverse("triage-cases:refer", args=[case.pk]), {"agency": "ftc"}),
    ]


def assert_refused(response, report):
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"] or response["Location"] == "/admin/"
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert report.tracking_number.encode() not in body


@pytest.mark.parametrize("who", ["anonymous", "editor", "moderator"])
def test_people_outside_triage_reach_no_triage_url(client, who, report, attachment, case, referral, request):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in get_urls(report, attachment, case):
        assert_refused(client.get(url), report)
    for url, data in post_urls(report, referral, case):
        assert_refused(client.post(url, data), report)
    report.refresh_from_db()
    assert report.status == "new"
    assert not Referral.objects.exclude(pk=referral.pk).exists()


@pytest.mark.parametrize("who", ["anonymous", "editor", "moderator"])
def test_the_menu_shows_no_reports_to_others(client, who, site_tree, request):
    if who == "anonymous":
        return
    client.force_login(request.getfixturevalue(who))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert reverse("triage:index") not in response.text
    assert "Report trends" not in response.text


def test_officers_see_the_menu_and_every_page(client, officer, report, attachment, case, site_tree):
    client.force_login(officer)
    menu = client.get("/admin/").text
    assert reverse("triage:index") in menu and "Report trends" in menu
    for url in get_urls(report, attachment, case):
        response = client.get(url)
        assert response.status_code == 200, url


def test_officers_act_but_never_see_contact_details(client, officer, report, referral, case):
    client.force_login(officer)
    for url, data in post_urls(report, referral, case):
        response = client.post(url, data)
        if "/contact/" in url:
            assert response.status_code in (302, 403)
        else:
            assert response.status_code == 302, url
    page = client.get(reverse("triage:inspect", args=[report.pk])).text
    assert "ana@example.com" not in page and "555-0100" not in page
    assert "Show contact details" not in page


def test_contact_viewers_see_contact_details_after_a_click(client, contact_viewer, report):
    client.force_login(contact_viewer)
    page = client.get(reverse("triage:inspect", args=[report.pk])).text
    assert "Show contact details" in page
    assert "ana@example.com" not in page
    assert client.get(reverse("triage:contact", args=[report.pk])).status_code == 405
    response = client.post(reverse("triage:contact", args=[report.pk]))
    assert response.status_code == 200
    assert "ana@example.com" in response.text and "555-0100" in response.text
    assert "no-store" in response["Cache-Control"]


def test_nobody_adds_or_deletes_reports_in_the_admin(client, officer, report):
    from triage.permissions import policy

    assert not policy.user_has_permission(officer, "add")
    assert not policy.user_has_permission(officer, "delete")
    client.force_login(officer)
    assert client.get(f"/admin/triage/edit/{report.pk}/").status_code == 404
    assert client.get(f"/admin/triage/delete/{report.pk}/").status_code == 404


def test_groups_are_created_with_their_permissions(officer, contact_viewer, editor):
    assert officer.has_perm("triage.change_triagereport") and officer.has_perm("wagtailadmin.access_admin")
    assert not officer.has_perm("triage.view_reporter_contact")
    assert contact_viewer.has_perm("triage.view_reporter_contact")
    assert not editor.has_perm("triage.view_triagereport")
    other = make_report  # noqa: F841 - keeps the helper import used in this module


def test_the_site_history_keeps_triage_entries_from_editors(client, officer, editor, report):
    from triage import operations

    operations.add_note(report, "internal", user=officer)
    client.force_login(editor)
    response = client.get("/admin/reports/site-history/")
    assert report.tracking_number not in response.text
    client.force_login(officer)
    assert report.tracking_number in client.get("/admin/reports/site-history/").text


# A referral reaches exactly the recipients the officer chose: the agency, and an API partner only when ticked.

PARTNER_REFERRALS = "/api/v1/partner/referrals"


@pytest.fixture
def shopright(db):
    from partners.models import Partner

    return Partner.objects.create(name="ShopRight Marketplace", domains="shopright.example")


@pytest.fixture
def shopright_key(shopright):
    from partners import keys

    return keys.create_key(partner=shopright, name="sync", scopes=["reports:read-own-referrals"])[1]


@pytest.fixture
def report_on_shopright(report):
    report.listing_url = "https://shopright.example/item/42"
    report.save(update_fields=["listing_url"])
    return report


def partner_reads(client, key):
    response = client.get(PARTNER_REFERRALS, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    return response.json()["results"]


def test_referring_to_an_agency_shares_with_no_api_partner(client, officer, report_on_shopright, shopright_key):
    client.force_login(officer)
    page = client.get(reverse("triage:inspect", args=[report_on_shopright.pk])).text
    assert "Also share with ShopRight Marketplace (listing on shopright.example)" in page

    response = client.post(
        reverse("triage:refer", args=[report_on_shopright.pk]),
        {"agency": "ftc", "note": "For the FTC: repeat seller."},
        follow=True,
    )
    assert "Referred to FTC. Shared through the partner API with: nobody." in response.text
    referral = Referral.objects.get(report=report_on_shopright)
    assert referral.agency == "ftc" and referral.recipient is None
    client.logout()
    assert partner_reads(client, shopright_key) == []


def test_ticking_the_partner_shares_the_partner_note_not_the_agencys(
    client, officer, report_on_shopright, shopright_key
):
    client.force_login(officer)
    response = client.post(
        reverse("triage:refer", args=[report_on_shopright.pk]),
        {
            "agency": "ftc",
            "note": "For the FTC: repeat seller.",
            "share_with_suggested": "on",
            "partner_note": "Please review this listing.",
        },
        follow=True,
    )
    assert "Referred to FTC. Shared through the partner API with: ShopRight Marketplace." in response.text
    client.logout()
    [seen] = partner_reads(client, shopright_key)
    assert seen["note"] == "Please review this listing."
    assert [r["tracking_number"] for r in seen["reports"]] == [report_on_shopright.tracking_number]
    assert "repeat seller" not in json.dumps(seen)


def test_a_partner_note_with_nobody_to_read_it_is_refused(client, officer, report_on_shopright, shopright_key):
    client.force_login(officer)
    response = client.post(
        reverse("triage:refer", args=[report_on_shopright.pk]),
        {"agency": "ftc", "partner_note": "Please review this listing."},
        follow=True,
    )
    assert "Nobody will read this note" in response.text
    assert not Referral.objects.filter(report=report_on_shopright).exists()
    client.logout()
    assert partner_reads(client, shopright_key) == []


def test_a_case_referral_follows_the_same_rule(client, officer, report_on_shopright, case, shopright_key):
    client.force_login(officer)
    page = client.get(reverse("triage-cases:inspect", args=[case.pk])).text
    assert "Also share with ShopRight Marketplace (listing on shopright.example)" in page
    assert 'name="share_with_suggested" checked' not in page

    response = client.post(reverse("triage-cases:refer", args=[case.pk]), {"agency": "hsi"}, follow=True)
    assert "Shared through the partner API with: nobody." in response.text
    client.logout()
    assert partner_reads(client, shopright_key) == []

    client.force_login(officer)
    client.post(
        reverse("triage-cases:refer", args=[case.pk]),
        {"agency": "hsi", "share_with_suggested": "on", "partner_note": "Several listings."},
    )
    client.logout()
    [seen] = partner_reads(client, shopright_key)
    assert seen["note"] == "Several listings."
