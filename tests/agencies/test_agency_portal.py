"""Other agencies in the portal: an FDA user sees only the referrals addressed to FDA, the report, its files (through
the portal, logged) and the reporter's contact only with consent; acknowledges, records an outcome and asks CBP a
question, which the officer answers on the report page."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from agencies.models import AgencyQuestion, AgencyResponse
from outcomes import recording
from outcomes.models import ReportOutcome
from outcomes.reporter import public_outcome
from partners import scorecards
from reports.choices import Status
from reports.models import Attachment
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import ReporterContactFactory, ReportFactory
from triage import operations
from triage.models import ReferralStatus
from triage.operations import as_logged

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"portal:agencies_portal:{name}", args=args)


def log_actions(report):
    return list(ModelLogEntry.objects.for_instance(as_logged(report)).values_list("action", flat=True))


@pytest.fixture
def officer(db):
    return UserFactory(username="olivia", groups=["Triage officers"])


@pytest.fixture
def category(db):
    return ProductCategoryFactory(name="Supplements", slug="supplements", health_and_safety=True)


def referred(officer, category, agency, *, share=False, anonymous=False, email="ana@example.com", marketplace=False):
    report = ReportFactory(
        product_category=category,
        description="The pills had no label and made me ill.",
        anonymous=anonymous,
        share_contact_with_agencies=share,
        share_contact_with_marketplace=marketplace,
        listing_url="https://shop.example/pills",
    )
    if not anonymous:
        ReporterContactFactory(report=report, name="Ana Reporter", email=email, phone="555-0100")
    referral = operations.refer(agency=agency, note=f"For {agency}", user=officer, report=report)
    return referral


@pytest.fixture
def fda_member(portal_member):
    return portal_member(kind="agency", role="responder", agency="fda")


@pytest.fixture
def fda(fda_member, portal_client):
    return portal_client(fda_member)


@pytest.fixture
def to_fda(officer, category):
    return referred(officer, category, "fda", share=True)


@pytest.fixture
def to_cpsc(officer, category):
    return referred(officer, category, "cpsc", share=True, email="other@example.com")


def attach(report, content=b"%PDF-1.4 receipt"):
    attachment = Attachment(report=report, original_name="receipt.pdf", content_type="application/pdf", size=16)
    attachment.sha256 = "0"
    attachment.file.save("receipt.pdf", ContentFile(content), save=False)
    attachment.save()
    return attachment


def test_the_inbox_lists_only_the_agencys_referrals(fda, to_fda, to_cpsc):
    response = fda.get(url("inbox"))
    assert response.status_code == 200
    assert to_fda.report.tracking_number in response.text
    assert to_cpsc.report.tracking_number not in response.text


def test_another_agencys_referral_and_files_answer_404(fda, to_fda, to_cpsc):
    other_file = attach(to_cpsc.report)
    assert fda.get(url("referral", to_cpsc.pk)).status_code == 404
    assert fda.get(url("file", to_cpsc.pk, other_file.pk)).status_code == 404
    # Its own referral's address with another report's file: still 404.
    assert fda.get(url("file", to_fda.pk, other_file.pk)).status_code == 404
    for step in ("acknowledge", "outcome", "question"):
        assert fda.post(url(step, to_cpsc.pk), {"code": "penalty", "text": "?"}).status_code == 404
    assert to_cpsc.agency_responses.count() == 0 and to_cpsc.agency_questions.count() == 0


def test_a_marketplace_member_cannot_reach_the_agency_pages(portal_member, portal_client, to_fda):
    market = portal_client(portal_member(kind="marketplace"))
    assert market.get(url("inbox")).status_code == 404
    assert market.get(url("referral", to_fda.pk)).status_code == 404


def test_the_report_and_its_files_are_shown_and_files_come_through_the_portal(fda, to_fda, fda_member):
    attachment = attach(to_fda.report)
    page = fda.get(url("referral", to_fda.pk))
    assert page.status_code == 200
    assert "The pills had no label" in page.text and "For fda" in page.text
    link = url("file", to_fda.pk, attachment.pk)
    assert link in page.text
    assert attachment.file.name not in page.text  # never the stored file's path (report files have no public URL)
    download = fda.get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 receipt"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "agencies.file_download" in log_actions(to_fda.report)


def test_contact_details_only_with_the_reporters_consent(fda, officer, category):
    consented = referred(officer, category, "fda", share=True, email="yes@example.com")
    refused = referred(officer, category, "fda", share=False, email="no@example.com")
    # Agreeing to the marketplace (for a refund) is not agreeing to an agency.
    marketplace_only = referred(officer, category, "fda", marketplace=True, email="refund@example.com")
    anonymous = referred(officer, category, "fda", share=True, anonymous=True)
    assert "yes@example.com" in fda.get(url("referral", consented.pk)).text
    assert "agencies.contact_view" in log_actions(consented.report)
    for other, email in ((refused, "no@example.com"), (marketplace_only, "refund@example.com")):
        page = fda.get(url("referral", other.pk)).text
        assert email not in page and "Ana Reporter" not in page
        assert "did not agree" in page
        assert "agencies.contact_view" not in log_actions(other.report)
    assert fda.get(url("referral", anonymous.pk)).status_code == 200


def test_acknowledge(fda, to_fda, fda_member):
    response = fda.post(url("acknowledge", to_fda.pk))
    assert response.status_code == 302
    to_fda.refresh_from_db()
    assert to_fda.status == ReferralStatus.ACKNOWLEDGED
    assert to_fda.agency_responses.get().organisation == fda_member.organisation
    assert "agencies.acknowledge" in log_actions(to_fda.report)


def test_a_viewer_cannot_act(portal_member, portal_client, to_fda, fda_member):
    viewer = portal_client(portal_member(role="viewer", organisation=fda_member.organisation))
    assert viewer.get(url("referral", to_fda.pk)).status_code == 200
    assert viewer.post(url("acknowledge", to_fda.pk)).status_code == 403
    assert not AgencyResponse.objects.exists()


def test_record_an_outcome_counts_for_the_reporter_and_the_effectiveness_page(fda, to_fda, fda_member):
    acted = timezone.localdate() - timedelta(days=1)
    response = fda.post(
        url("outcome", to_fda.pk), {"code": "penalty", "action_date": acted.isoformat(), "reference": "FDA-2026-17"}
    )
    assert response.status_code == 302
    to_fda.refresh_from_db()
    report = to_fda.report
    report.refresh_from_db()
    assert to_fda.status == ReferralStatus.ACTION_TAKEN and "FDA-2026-17" in to_fda.outcome
    outcome = ReportOutcome.objects.get(report=report)
    assert (outcome.code, outcome.action_date, outcome.reference, outcome.led_to_action) == (
        "penalty",
        acted,
        "FDA-2026-17",
        True,
    )
    assert report.status == Status.CLOSED
    assert public_outcome(report)["code"] == "penalty"  # the reporter's status page says what happened
    assert "agencies.outcome" in log_actions(report)
    card = scorecards.for_organisation(fda_member.organisation, scorecards.Period.default())
    assert (card.received, card.answered, card.on_time, card.action_taken) == (1, 1, 1, 1)


def test_an_outcome_never_replaces_a_stronger_one_cbp_recorded(fda, to_fda, officer):
    recording.record(to_fda.report, "shipment_seized", user=officer)
    assert fda.post(url("outcome", to_fda.pk), {"code": "no_action"}).status_code == 302
    assert ReportOutcome.objects.get(report=to_fda.report).code == "shipment_seized"
    to_fda.refresh_from_db()
    assert to_fda.status == ReferralStatus.NO_ACTION


def test_a_bad_outcome_is_refused_with_a_message_and_nothing_saved(fda, to_fda):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = fda.post(url("outcome", to_fda.pk), {"code": "penalty", "action_date": tomorrow.isoformat()})
    assert response.status_code == 400
    assert "cannot be in the future" in response.text
    response = fda.post(url("outcome", to_fda.pk), {"code": "referred_to_agency"})
    assert response.status_code == 400
    assert not AgencyResponse.objects.exists() and not ReportOutcome.objects.exists()


def test_question_and_answer_round_trip(fda, to_fda, client, officer):
    assert fda.post(url("question", to_fda.pk), {"text": "Do you have the seller's address?"}).status_code == 302
    question = AgencyQuestion.objects.get()
    assert "agencies.question" in log_actions(to_fda.report)

    client.force_login(officer)
    report_page = client.get(reverse("triage:inspect", args=[to_fda.report.pk]))
    assert "Do you have the seller&#x27;s address?" in report_page.text
    response = client.post(
        reverse("agencies_answer", args=[question.pk]), {f"question{question.pk}-text": "Only the listing address."}
    )
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answer == "Only the listing address." and question.answered_by == officer
    assert "agencies.answer" in log_actions(to_fda.report)

    assert "Only the listing address." in fda.get(url("referral", to_fda.pk)).text


def test_an_empty_question_is_refused(fda, to_fda):
    response = fda.post(url("question", to_fda.pk), {"text": ""})
    assert response.status_code == 400
    assert not AgencyQuestion.objects.exists()


def test_a_portal_user_cannot_answer_in_the_admin(fda, to_fda, fda_member):
    question = AgencyQuestion.objects.create(referral=to_fda, organisation=fda_member.organisation, text="?")
    response = fda.post(reverse("agencies_answer", args=[question.pk]), {f"question{question.pk}-text": "Me"})
    assert response.status_code in (302, 403)
    question.refresh_from_db()
    assert question.answer == ""
