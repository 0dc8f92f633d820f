"""In real Chromium: an importer's administrator signs in to the portal (password and authenticator code), gives
consent to be listed and applies for renewal with a document; every importer page passes axe, on a desktop and
at phone width, under the site's real Content-Security-Policy for the journey."""

import pytest

from importers.models import RenewalApplication
from tests.browser_support import DESKTOP, PHONE, axe_violations
from tests.portal.browser_support import sign_in_to_portal
from tests.reports.factories import pdf_bytes

from .conftest import ImporterFactory
from .test_portal import member_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_importer_consents_and_applies_for_renewal(csp_page, live_server, site_tree, tmp_path):
    page = csp_page
    base = live_server.url
    importer = ImporterFactory(legal_name="Journey Example Imports LLC", listing_consent=False)
    membership = member_of(importer, role="admin")
    sign_in_to_portal(page, live_server, membership)

    page.get_by_role("navigation", name="Partner portal").get_by_role("link", name="Importer status").click()
    page.wait_for_url(base + "/portal/importer/")
    assert page.get_by_text(importer.verification_id).is_visible()
    assert page.get_by_text("Not listed: you have not consented to be shown.").is_visible()

    page.get_by_role("link", name="Change whether you are listed").click()
    page.get_by_text("Yes: list our name").click()
    page.get_by_role("button", name="Save my choice").click()
    page.wait_for_url(base + "/portal/importer/")
    assert page.get_by_text("Your organisation is now shown in the public directory.").is_visible()
    page.goto(base + "/trusted-importers/")
    assert page.get_by_text("Journey Example Imports LLC").first.is_visible()

    document = tmp_path / "certificate.pdf"
    document.write_bytes(pdf_bytes())
    page.goto(base + "/portal/importer/")
    page.get_by_role("link", name="Apply for renewal").first.click()
    page.get_by_label("What changed since your last vetting").fill("A new warehouse in Reno.")
    page.get_by_label("Documents").set_input_files(str(document))
    page.get_by_role("button", name="Send the application").click()
    page.wait_for_url("**/portal/importer/renewal/*/")
    assert page.get_by_text("Waiting for CBP").is_visible()
    assert page.get_by_text("certificate.pdf").is_visible()
    application = RenewalApplication.objects.get()
    assert application.importer == importer and application.documents.count() == 1
    assert page.csp_violations == [] and page.script_errors == []


def test_the_importer_pages_pass_axe_on_a_desktop_and_a_phone(page, live_server, site_tree):
    base = live_server.url
    importer = ImporterFactory(legal_name="Axe Example Imports LLC")
    importer.change_status("suspended", "internal", None, "Please send your audit papers.")
    importer.save()
    importer.change_status("trusted", "internal", None, "Thank you.")
    importer.save()
    application = RenewalApplication.objects.create(importer=importer, statement="Nothing changed")
    membership = member_of(importer, role="admin")
    sign_in_to_portal(page, live_server, membership)
    for path in (
        "/portal/importer/",
        "/portal/importer/consent/",
        "/portal/importer/renewal/",
        f"/portal/importer/renewal/{application.pk}/",
    ):
        for viewport in (DESKTOP, PHONE):
            page.set_viewport_size(viewport)
            page.goto(base + path)
            assert axe_violations(page) == [], (path, viewport)
            overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
            assert not overflow, (path, viewport)
    # A form sent with mistakes still passes axe (errors tied to their fields).
    page.set_viewport_size(PHONE)
    application.state = "approved"
    application.save()
    page.goto(base + "/portal/importer/renewal/")
    page.get_by_role("button", name="Send the application").click()
    page.get_by_text("Add at least one document").wait_for()
    assert axe_violations(page) == []


def test_the_staff_renewal_and_consent_pages_pass_axe(page, client, live_server, site_tree, vetting_officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from importers.consent import record_consent
    from importers.models import ConsentSource
    from importers.renewals import submit_renewal
    from reports.attachments import check_file
    from tests.browser_support import sign_in_without_the_form

    base = live_server.url
    importer = ImporterFactory(legal_name="Staff Axe Example LLC")
    record_consent(importer, True, source=ConsentSource.PAPER, given_by="Dana Roe", recorded_by=vetting_officer)
    document = check_file(SimpleUploadedFile("certificate.pdf", pdf_bytes()))
    application = submit_renewal(importer, None, "New warehouse.", [document])
    sign_in_without_the_form(page, client, vetting_officer, base)
    for path in (
        f"/admin/trusted-importers/inspect/{importer.pk}/",
        f"/admin/trusted-importers/renewal/{application.pk}/",
        f"/admin/trusted-importers/consent/{importer.pk}/",
    ):
        page.goto(base + path)
        assert page.url == base + path
        assert axe_violations(page) == [], path
    page.goto(base + f"/admin/trusted-importers/renewal/{application.pk}/")
    page.get_by_role("button", name="Record the decision").click()
    page.get_by_text("Choose whether to renew.").wait_for()
    assert axe_violations(page) == []
