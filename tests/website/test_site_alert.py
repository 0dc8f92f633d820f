"""The site alert banner: English and Spanish messages, links inside the site, and a time window."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory
from website.models import SiteBanner

pytestmark = pytest.mark.django_db

SETTINGS_URL = "/admin/settings/website/sitebanner/"


def banner(**fields):
    values = {"enabled": True, "level": "warning", "heading": "Fake chargers recall", "text": "Stop using them."}
    values.update(fields)
    SiteBanner.objects.all().delete()
    return SiteBanner.objects.create(**values)


def alert(response):
    """The banner's HTML on a page, or "" when there is none."""
    text = response.content.decode()
    if 'class="usa-site-alert' not in text:
        return ""
    start = text.index('class="usa-site-alert')
    return text[start : text.index("</section>", start)]


def test_the_spanish_site_shows_the_spanish_message(client, site_tree):
    banner(heading_es="Retiro de cargadores falsos", text_es="Deje de usarlos.", link="/library/")
    english = alert(client.get("/"))
    assert "Fake chargers recall" in english and "Retiro" not in english
    assert "Read more about this alert" in english

    spanish = alert(client.get("/es/"))
    assert "Retiro de cargadores falsos" in spanish and "Deje de usarlos." in spanish
    assert "Fake chargers recall" not in spanish and "Stop using them." not in spanish
    assert "Lea más sobre esta alerta" in spanish


def test_editors_choose_the_link_text_in_each_language(client, site_tree):
    banner(text_es="Deje de usarlos.", link="/library/", link_text="See the recall", link_text_es="Vea el retiro")
    assert "See the recall" in alert(client.get("/"))
    assert "Vea el retiro" in alert(client.get("/es/"))


def test_without_a_spanish_message_the_spanish_site_shows_the_english_one(client, site_tree):
    banner()
    spanish = alert(client.get("/es/"))
    assert "Fake chargers recall" in spanish and "Stop using them." in spanish


def test_a_chosen_page_links_to_its_spanish_translation_on_the_spanish_site(client, site_tree):
    library_en, library_es = site_tree["en"][1], site_tree["es"][1]
    banner(link_page=library_en)
    assert f'href="{library_en.url}"' in alert(client.get("/"))
    assert f'href="{library_es.url}"' in alert(client.get("/es/"))
    assert library_es.url.startswith("/es/")


def settings_form(**fields):
    values = {
        "enabled": "on",
        "level": "warning",
        "heading": "Fake chargers recall",
        "text": "Stop using them.",
        "link_text": "",
        "heading_es": "Retiro de cargadores falsos",
        "text_es": "Deje de usarlos.",
        "link_text_es": "",
        "link_page": "",
        "link": "",
        "starts_at": "",
        "ends_at": "",
    }
    values.update(fields)
    return values


@pytest.fixture
def moderator(client, site_tree):
    client.force_login(UserFactory(groups=["Moderators"]))
    edit_url = client.get(SETTINGS_URL).url  # Wagtail redirects to the one banner's own edit page
    return edit_url


def test_a_site_link_saved_in_the_admin_reaches_both_sites(client, moderator):
    response = client.post(moderator, settings_form(link="/library/"))
    assert response.status_code == 302, response.text
    assert SiteBanner.objects.get().link == "/library/"
    assert 'href="/library/"' in alert(client.get("/"))
    assert 'href="/library/"' in alert(client.get("/es/"))


def test_a_web_address_is_accepted_too(client, moderator):
    response = client.post(moderator, settings_form(link="https://www.cbp.gov/trade/ipr"))
    assert response.status_code == 302
    assert 'href="https://www.cbp.gov/trade/ipr"' in alert(client.get("/"))


@pytest.mark.parametrize(
    "link",
    ["//evil.example/", "/\\evil.example/", "/library//x", "javascript:alert(1)", "library/", "ftp://x.example/"],
)
def test_links_that_leave_the_site_in_disguise_are_refused_with_a_message(client, moderator, link):
    response = client.post(moderator, settings_form(link=link))
    assert response.status_code == 200
    assert "/library/" in response.text  # the message shows what a good link looks like
    assert not SiteBanner.objects.filter(link=link).exists()
    assert not alert(client.get("/"))


def test_a_page_and_a_link_together_are_refused(client, moderator, site_tree):
    response = client.post(moderator, settings_form(link="/library/", link_page=site_tree["en"][1].pk))
    assert response.status_code == 200
    assert "Choose a page or type a link, not both." in response.text


def test_an_end_before_the_start_is_refused(client, moderator):
    response = client.post(moderator, settings_form(starts_at="2026-12-02 09:00", ends_at="2026-12-01 09:00"))
    assert response.status_code == 200
    assert "The end time must come after the start time." in response.text


def test_times_typed_in_the_admin_are_the_sites_time_zone(client, moderator):
    response = client.post(moderator, settings_form(starts_at="2026-12-01 09:00", ends_at="2026-12-01 17:00"))
    assert response.status_code == 302
    saved = SiteBanner.objects.get()
    assert saved.starts_at.isoformat() == "2026-12-01T14:00:00+00:00"  # 09:00 Eastern (EST, UTC-5)
    assert saved.ends_at.isoformat() == "2026-12-01T22:00:00+00:00"


@pytest.mark.parametrize(
    ("starts", "ends", "shown"),
    [
        (timedelta(days=1), timedelta(days=2), False),  # before the window
        (-timedelta(days=1), timedelta(days=1), True),  # within it
        (-timedelta(days=2), -timedelta(days=1), False),  # after it
        (None, timedelta(days=1), True),  # no start: shown until the end
        (timedelta(days=1), None, False),  # no end: shown from the start
    ],
)
def test_the_banner_shows_only_within_its_window(client, site_tree, starts, ends, shown):
    now = timezone.now()
    banner(
        text_es="Deje de usarlos.",
        starts_at=now + starts if starts is not None else None,
        ends_at=now + ends if ends is not None else None,
    )
    for url in ("/", "/es/", "/library/"):
        assert bool(alert(client.get(url))) is shown, url


def test_a_switched_off_banner_shows_nowhere(client, site_tree):
    banner(enabled=False, text_es="Deje de usarlos.")
    assert not alert(client.get("/")) and not alert(client.get("/es/"))
