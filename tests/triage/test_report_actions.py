"""The actions on a report's page: a success message after each, back to the section the officer was working in;
input that does not pass shows the page again with the error beside the field and saves nothing; a related report's
row marks this report as its duplicate, for exactly the people who may use the duplicate form."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from tests.triage.conftest import make_report
from triage.models import Case, Note, Referral
from triage.operations import as_logged

pytestmark = pytest.mark.django_db


def inspect_url(report):
    return reverse("triage:inspect", args=[report.pk])


def log_count(report):
    return ModelLogEntry.objects.for_instance(as_logged(report)).count()


@pytest.fixture
def original(report, toys_free):
    """An earlier report from the same seller: listed under Related reports on `report`'s page."""
    return make_report(toys_free, seller_name="lux-bags", description="Same bag, same seller, last month.")


ACTIONS = [
    ("assign", lambda officer, original: {"assignee": officer.pk}, "actions", "{report} is assigned to you."),
    ("assign", lambda officer, original: {}, "actions", "{report} is not assigned to anyone now."),
    (
        "status",
        lambda officer, original: {"status": "in_review"},
        "actions",
        "The status of {report} is now In review.",
    ),
    (
        "priority",
        lambda officer, original: {"priority": "urgent", "reason": "Ring"},
        "actions",
        "The priority of {report} is now Urgent.",
    ),
    ("note", lambda officer, original: {"text": "Checked the store."}, "notes", "Your note is added to {report}."),
    (
        "duplicate",
        lambda officer, original: {"original": original.tracking_number},
        "duplicate",
        "{report} is now a duplicate of {original}, and closed.",
    ),
    ("case", lambda officer, original: {"title": "Lux bags"}, "case", "{report} is in the new case “Lux bags”."),
    (
        "refer",
        lambda officer, original: {"agency": "ftc"},
        "refer",
        "Referred to FTC. Shared through the partner API with: nobody.",
    ),
]


@pytest.mark.parametrize(("name", "data", "section", "message"), ACTIONS, ids=[a[0] + "-" + a[2] for a in ACTIONS])
def test_each_action_says_what_it_did_and_returns_to_its_section(
    client, officer, report, original, name, data, section, message
):
    client.force_login(officer)
    response = client.post(reverse(f"triage:{name}", args=[report.pk]), data(officer, original))
    assert response.status_code == 302
    assert response["Location"] == f"{inspect_url(report)}#{section}"
    page = client.get(response["Location"]).text
    expected = message.format(report=report.tracking_number, original=original.tracking_number)
    assert expected in page
    # The message is Wagtail's own success message.
    assert 'class="success"' in page


def test_referring_returns_to_the_refer_fold_it_came_from(client, officer, report):
    """The forms post to an address ending in their section, so a browser keeps it across the redirect too."""
    client.force_login(officer)
    page = client.get(inspect_url(report)).text
    for name, section in (("refer", "refer"), ("case", "case"), ("duplicate", "duplicate"), ("note", "notes")):
        assert f'action="{reverse(f"triage:{name}", args=[report.pk])}#{section}"' in page
    assert f'action="{reverse("triage:assign", args=[report.pk])}#actions"' in page


def test_the_priority_can_go_back_to_the_computed_one_with_a_message(client, officer, report):
    client.force_login(officer)
    client.post(reverse("triage:priority", args=[report.pk]), {"priority": "urgent", "reason": "Ring"})
    response = client.post(reverse("triage:priority", args=[report.pk]), {"clear": "1"}, follow=True)
    report.refresh_from_db()
    assert response.redirect_chain[-1][0] == f"{inspect_url(report)}#actions"
    assert f"{report.tracking_number} has its computed priority again: {report.get_priority_display()}." in (
        response.text
    )


def test_updating_a_referral_says_so_and_returns_to_the_referrals(client, officer, report):
    client.force_login(officer)
    referral = Referral.objects.create(report=report, agency="fda", referred_by=officer)
    page = client.get(inspect_url(report)).text
    assert f'name="next" value="{inspect_url(report)}#referrals"' in page
    response = client.post(
        reverse("triage:referral", args=[referral.pk]),
        {"status": "acknowledged", "next": f"{inspect_url(report)}#referrals"},
    )
    assert response["Location"] == f"{inspect_url(report)}#referrals"
    assert "The referral to FDA is now: Acknowledged." in client.get(response["Location"]).text


INVALID = [
    ("status", {"status": "closed"}, "closed_reason", "Choose why the report is closed."),
    ("note", {"text": ""}, "text", "This field is required."),
    ("priority", {"priority": "low", "reason": ""}, "reason", "This field is required."),
    ("duplicate", {"original": "CF-NOPE-NOPE"}, "original", "No report has that tracking number."),
    ("refer", {"agency": "ftc", "partner_note": "Please look."}, "partner_note", "Nobody will read this note"),
]


@pytest.mark.parametrize(("name", "data", "field", "error"), INVALID, ids=[i[0] for i in INVALID])
def test_input_that_does_not_pass_shows_the_error_beside_the_field_and_saves_nothing(
    client, officer, report, name, data, field, error
):
    client.force_login(officer)
    before = log_count(report)
    response = client.post(reverse(f"triage:{name}", args=[report.pk]), data)
    assert response.status_code == 400
    page = response.text
    # The error is tied to its field (Django's id_<field>_error, named by the field's aria-describedby).
    error_list = page.index(f'id="id_{field}_error"')
    assert error in page[error_list : error_list + 300]
    assert 'aria-invalid="true"' in page
    assert f"id_{field}_error" in page[page.index(f'id="id_{field}"') - 300 : page.index(f'id="id_{field}"') + 300]
    report.refresh_from_db()
    assert report.status == "new" and report.priority == "normal"
    assert log_count(report) == before
    assert not Referral.objects.exists() and not Note.objects.exists()


def test_what_the_officer_typed_is_kept_when_a_form_comes_back(client, officer, report):
    client.force_login(officer)
    response = client.post(
        reverse("triage:refer", args=[report.pk]), {"agency": "ftc", "partner_note": "Please look at the seller."}
    )
    assert response.status_code == 400
    assert "Please look at the seller.</textarea>" in response.text
    # The fold holding the form is open, so the error is not hidden.
    assert '<details id="refer" class="triage-fold triage-section" open>' in response.text


def test_an_error_from_the_operation_is_shown_on_its_form(client, officer, report):
    client.force_login(officer)
    response = client.post(reverse("triage:duplicate", args=[report.pk]), {"original": report.tracking_number})
    assert response.status_code == 400
    assert "A report cannot duplicate itself." in response.text
    report.refresh_from_db()
    assert report.status == "new"


def test_a_new_case_needs_a_title_and_none_is_made_without(client, officer, report):
    client.force_login(officer)
    response = client.post(reverse("triage:case", args=[report.pk]), {"title": "  "})
    assert response.status_code == 400
    assert "Choose a case or give a title for a new one." in response.text
    assert not Case.objects.exists()


# Marking a duplicate from a related report's row.


def test_a_related_row_marks_this_report_as_its_duplicate(client, officer, report, original):
    client.force_login(officer)
    page = client.get(inspect_url(report)).text
    label = f"Mark {report.tracking_number} as a duplicate of {original.tracking_number}"
    assert label in page
    assert page.index(label) > page.index('id="related"')

    response = client.post(
        reverse("triage:duplicate", args=[report.pk]), {"original": original.tracking_number, "section": "related"}
    )
    assert response["Location"] == f"{inspect_url(report)}#related"
    report.refresh_from_db()
    assert (report.status, report.closed_reason, report.triage.duplicate_of) == ("closed", "duplicate", original)
    page = client.get(response["Location"]).text
    assert f"{report.tracking_number} is now a duplicate of {original.tracking_number}, and closed." in page
    assert f"{report.tracking_number} is marked as a duplicate of this one." in page
    assert label not in page
    # The original's page lists this report under Related reports; nothing there changed.
    original.refresh_from_db()
    assert original.status == "new"


def test_the_original_may_be_typed_as_loosely_as_in_the_go_to_report_box(client, officer, report, original):
    client.force_login(officer)
    typed = original.tracking_number.removeprefix("CF-").lower()
    response = client.post(reverse("triage:duplicate", args=[report.pk]), {"original": typed})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.triage.duplicate_of == original


def test_only_the_sections_of_the_page_can_be_asked_for(client, officer, report, original):
    client.force_login(officer)
    response = client.post(
        reverse("triage:duplicate", args=[report.pk]),
        {"original": original.tracking_number, "section": 'x" onload="alert(1)'},
    )
    assert response["Location"] == f"{inspect_url(report)}#duplicate"


@pytest.fixture
def reader(db):
    """Someone who may read reports (and add notes) but not change them."""
    user = UserFactory(username="rita")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["triage", "wagtailadmin"],
            codename__in=["access_admin", "view_triagereport", "add_note"],
        )
    )
    return user


def test_people_who_may_not_change_reports_get_no_duplicate_button_and_are_refused(client, reader, report, original):
    client.force_login(reader)
    page = client.get(inspect_url(report)).text
    assert original.tracking_number in page
    assert "as a duplicate of" not in page
    assert "Assign to me" not in page
    response = client.post(
        reverse("triage:duplicate", args=[report.pk]), {"original": original.tracking_number, "section": "related"}
    )
    assert response.status_code in (302, 403)
    assert response.get("Location", "") in ("", "/admin/")
    report.refresh_from_db()
    assert report.status == "new" and report.triage.duplicate_of is None
    # Notes they may add, with the same feedback.
    response = client.post(reverse("triage:note", args=[report.pk]), {"text": "Seen."})
    assert response["Location"] == f"{inspect_url(report)}#notes"


def test_assign_to_me_is_offered_until_the_report_is_mine(client, officer, report):
    client.force_login(officer)
    assert "Assign to me" in client.get(inspect_url(report)).text
    response = client.post(reverse("triage:assign", args=[report.pk]), {"assignee": officer.pk}, follow=True)
    assert f"{report.tracking_number} is assigned to you." in response.text
    assert "Assign to me" not in response.text


def test_the_reporters_words_come_before_the_actions_and_the_notes(client, officer, report):
    client.force_login(officer)
    page = client.get(inspect_url(report)).text
    words = page.index("The handbag stitching fell apart")
    assert words < page.index("Assign to me") < page.index('id="notes"')
    assert words < page.index("Change status")
