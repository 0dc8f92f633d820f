"""A moderator writes the site alert banner in English and Spanish with a link inside the site, in real Chromium;
the Spanish home page shows the Spanish banner, its link works, and axe finds nothing on either home page."""

import pytest
from playwright.sync_api import expect

from tests.browser_support import axe_violations, sign_in_without_the_form
from tests.factories import UserFactory
from tests.verified_client import VerifiedClient
from website.models import SiteBanner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_moderator_sets_a_spanish_banner_and_the_spanish_home_page_shows_it(page, live_server, site_tree):
    base = live_server.url
    sign_in_without_the_form(page, VerifiedClient(), UserFactory(groups=["Moderators"]), base)

    page.goto(base + "/admin/settings/website/sitebanner/")
    page.get_by_role("checkbox", name="Enabled").check()
    page.fill("#id_heading", "Fake chargers recall")
    page.fill("#id_text", "Stop using chargers bought from unknown sellers.")
    page.fill("#id_heading_es", "Retiro de cargadores falsos")
    page.fill("#id_text_es", "Deje de usar cargadores de vendedores desconocidos.")
    page.fill("#id_link_text_es", "Vea la biblioteca")
    page.fill("#id_link", "/library/")
    page.get_by_role("button", name="Save").first.click()
    expect(page.locator(".messages")).to_contain_text("Site alert banner updated.")
    assert SiteBanner.objects.get().link == "/library/"

    page.goto(base + "/es/")
    alert = page.get_by_role("region", name="Alerta del sitio")
    expect(alert).to_contain_text("Retiro de cargadores falsos")
    expect(alert).to_contain_text("Deje de usar cargadores de vendedores desconocidos.")
    expect(alert).not_to_contain_text("Fake chargers recall")
    assert axe_violations(page) == []

    page.goto(base + "/")
    expect(page.get_by_role("region", name="Site alert")).to_contain_text("Fake chargers recall")
    assert axe_violations(page) == []

    page.goto(base + "/es/")
    page.get_by_role("link", name="Vea la biblioteca").click()
    page.wait_for_url(base + "/library/")


@pytest.mark.parametrize("level", ["info", "warning", "emergency"])
def test_every_banner_level_passes_axe_on_the_spanish_home_page(page, live_server, site_tree, level):
    SiteBanner.objects.create(
        enabled=True,
        level=level,
        heading_es="Retiro de cargadores falsos",
        text_es="Deje de usarlos.",
        link="/library/",
    )
    page.goto(live_server.url + "/es/")
    expect(page.get_by_role("region", name="Alerta del sitio")).to_contain_text("Retiro de cargadores falsos")
    assert axe_violations(page) == []
