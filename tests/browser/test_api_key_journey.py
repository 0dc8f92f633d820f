"""A partner manager makes an API key in real Chromium, under the site's real Content-Security-Policy: the key is
shown once, the Copy button puts it on the clipboard, and reloading the page neither shows it again nor makes
another key."""

import pytest

from partners.models import ApiKey, Partner
from tests.browser_support import axe_violations, sign_in_without_the_form
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_new_key_is_copied_with_the_button_and_shown_only_once(csp_page, client, live_server, site_tree):
    page = csp_page
    base = live_server.url
    manager = UserFactory(username="pat", groups=["Partner managers"])
    partner = Partner.objects.create(name="BargainMart", domains="bargainmart.example.com")
    sign_in_without_the_form(page, client, manager, base)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)

    page.goto(base + "/admin/api-keys/new/")
    page.locator("#id_partner").select_option(str(partner.pk))
    page.locator("#id_name").fill("Takedown sync")
    page.get_by_role("checkbox", name="Respond to those referrals").check()
    page.get_by_role("button", name="Create").click()
    page.wait_for_url("**/admin/api-keys/created/**")

    key = page.locator("#new-api-key").input_value()
    assert key.startswith("cbp_")
    page.get_by_role("button", name="Copy").click()
    page.get_by_text("Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == key
    assert page.get_by_text("Respond to those referrals").first.is_visible()

    page.reload()
    assert page.get_by_text("This key was already shown").is_visible()
    assert key not in page.content()
    assert ApiKey.objects.count() == 1
    assert page.csp_violations == [] and page.script_errors == []


def test_the_new_key_page_passes_axe(page, client, live_server, site_tree):
    base = live_server.url
    manager = UserFactory(username="pat", groups=["Partner managers"])
    partner = Partner.objects.create(name="BargainMart", domains="bargainmart.example.com")
    sign_in_without_the_form(page, client, manager, base)
    page.goto(base + "/admin/api-keys/new/")
    page.locator("#id_partner").select_option(str(partner.pk))
    page.locator("#id_name").fill("Takedown sync")
    page.get_by_role("checkbox", name="Respond to those referrals").check()
    page.get_by_role("button", name="Create").click()
    page.wait_for_url("**/admin/api-keys/created/**")
    assert axe_violations(page) == []
