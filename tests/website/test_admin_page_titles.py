"""Our own admin pages name themselves in the browser tab, the heading and the breadcrumbs (not just "Home")."""

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory


def title_heading_and_crumbs(client, url):
    html = client.get(url).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    headings = [re.sub(r"<[^>]+>|\s+", " ", h).strip() for h in re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)]
    crumbs_nav = re.search(r'<nav[^>]*aria-label="Breadcrumb".*?</nav>', html, re.S)
    crumbs = re.sub(r"<[^>]+>|\s+", " ", crumbs_nav.group(0)) if crumbs_nav else ""
    return title, headings, crumbs


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_name", "name", "parent"),
    [
        ("triage-trends:index", "Report trends", None),
        ("triage-following:index", "Following", None),
        ("trusted-importers:import", "Import trusted importers from CSV", "Trusted importers"),
    ],
)
def test_custom_admin_pages_are_named(client, url_name, name, parent):
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    title, headings, crumbs = title_heading_and_crumbs(client, reverse(url_name))
    assert title.startswith(name)
    assert name in headings
    assert name in crumbs
    if parent:
        assert parent in crumbs
