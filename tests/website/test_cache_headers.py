"""What a shared cache (the nginx proxy in deploy/nginx/) may keep: public pages yes, anything personal never.

A page that carries a form token, a session or personal data must say `no-store` (and `private`), so neither the
proxy nor the browser keeps it: the report steps, the status pages, sign-in, the admin, and every write to the
API. A public page of the page tree, seen by nobody signed in, says `public` with an `s-maxage` the proxy uses.
"""

import json

import pytest
from django.test import Client

from tests.factories import ArticlePageFactory, ProductCategoryFactory, UserFactory, publish
from tests.reports.factories import payload

pytestmark = pytest.mark.django_db


def directives(response):
    return {part.strip().lower() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def assert_never_stored(response):
    assert {"no-store", "private"} <= directives(response), (response.status_code, response.get("Cache-Control"))
    assert "public" not in directives(response)


def assert_shared_cacheable(response, seconds=300):
    assert response.status_code == 200
    assert {"public", f"s-maxage={seconds}"} <= directives(response), response.get("Cache-Control")
    assert not response.cookies, "a page that sets a cookie must not be cached"


@pytest.fixture
def article(site_tree):
    library = site_tree["en"][1]
    return publish(ArticlePageFactory(parent=library, title="Power banks that swell", slug="power-banks"))


def test_public_pages_may_be_kept_by_the_proxy(article, site_tree):
    anonymous = Client()
    for address in ("/", "/library/", article.url, "/es/"):
        assert_shared_cacheable(anonymous.get(address))


def test_how_long_the_proxy_keeps_public_pages_is_a_setting(article, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    assert_shared_cacheable(Client().get(article.url), seconds=60)
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    assert "public" not in directives(Client().get(article.url))


def test_a_public_page_asked_with_a_session_is_never_stored(article, site_tree):
    visitor = Client()
    visitor.get("/report/")  # the report steps keep what people type in the session
    ProductCategoryFactory(name="Chargers", slug="chargers")
    visitor.post("/report/what-you-bought/", {"category": "chargers"})
    assert visitor.cookies
    assert_never_stored(visitor.get(article.url))


def test_a_missing_page_is_not_marked_cacheable(site_tree):
    response = Client().get("/library/no-such-article/")
    assert response.status_code == 404
    assert "public" not in directives(response)


def test_a_public_page_seen_by_a_signed_in_editor_is_never_stored(article, client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(article.url)
    assert response.status_code == 200
    assert_never_stored(response)


def test_the_report_steps_and_the_status_pages_are_never_stored(site_tree):
    ProductCategoryFactory(name="Chargers", slug="chargers")
    anonymous = Client()
    # The start page carries nothing personal, but is not marked cacheable either.
    assert "public" not in directives(anonymous.get("/report/"))
    for address in ("/report/what-you-bought/", "/report/status/", "/es/report/what-you-bought/"):
        response = anonymous.get(address)
        assert response.status_code == 200, address
        assert_never_stored(response)
    # Sending a step (the form token and what the person typed) too.
    response = anonymous.post("/report/what-you-bought/", {})
    assert_never_stored(response)


def test_sign_in_and_the_admin_are_never_stored(client):
    assert_never_stored(Client().get("/admin/login/"))
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/admin/")
    assert response.status_code == 200
    assert_never_stored(response)


@pytest.mark.parametrize("prefix", ["/api", "/api/v1"])
def test_writes_to_the_api_are_never_stored(site_tree, prefix):
    ProductCategoryFactory(name="Chargers", slug="chargers")
    created = Client().post(f"{prefix}/reports", json.dumps(payload()), content_type="application/json")
    assert created.status_code == 201
    assert_never_stored(created)
    refused = Client().post(f"{prefix}/reports", "{", content_type="application/json")
    assert refused.status_code == 400
    assert_never_stored(refused)
