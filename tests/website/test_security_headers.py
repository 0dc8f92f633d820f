"""The security headers on every kind of answer: public pages, the admin, the API and its docs.

The policy itself is proved in real Chromium by tests/browser/test_content_security_policy.py; here the headers
are read as sent."""

import importlib
import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def directives(response, header="Content-Security-Policy"):
    policy = response.get(header, "")
    assert policy, f"no {header} on {response.status_code} {response.get('Content-Type')}"
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def assert_headers(response):
    csp = directives(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    script = csp["script-src"]
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script and "*" not in script
    assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"] and "payment=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


def test_public_pages_admin_and_api_carry_the_headers(client, site_tree):
    for url in ["/", "/es/", "/search/?q=charger", "/report/", "/report/what-you-bought/", "/report/status/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_headers(response)
    assert_headers(client.get("/api/v1/library/topics"))
    assert_headers(client.get("/api/search?q=charger"))
    assert_headers(client.get("/api/v1/no-such-route"))  # a JSON 404
    assert_headers(client.get("/admin/login/"))
    client.force_login(UserFactory(is_superuser=True))
    assert_headers(client.get("/admin/"))


def test_the_photo_step_needs_no_camera_permission(client, site_tree):
    """<input type=file accept=image/* capture> opens the phone's camera app; getUserMedia is never used."""
    response = client.get("/report/photos/")
    assert "camera=()" in response["Permissions-Policy"]
    assert 'type="file"' in response.content.decode() and 'capture="environment"' in response.content.decode()


def test_the_swagger_docs_load_only_our_own_scripts(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert_headers(response)
    html = response.content.decode()
    # Its settings are a JSON data block (not run); its code comes from /static/ as 'self' allows.
    assert "/static/ninja/swagger-ui-bundle.js" in html and "/static/ninja/swagger-ui-init.js" in html


def test_only_the_listed_video_players_may_be_framed(client, site_tree):
    frames = directives(client.get("/"))["frame-src"]
    assert set(frames) == {"'self'", "https://www.youtube.com", "https://www.youtube-nocookie.com"}


def test_an_inline_script_gets_this_answers_nonce(client, site_tree):
    """Wagtail's inline panel script (our copy of its template) runs with the nonce of the answer it came in."""
    from tests.factories import ArticlePageFactory

    article = ArticlePageFactory(parent=site_tree["en"][1], title="Chargers that catch fire")
    client.force_login(UserFactory(is_superuser=True))
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    response = client.get(url)
    assert response.status_code == 200
    nonces = [source for source in directives(response)["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    html = response.content.decode()
    assert f'<script nonce="{nonce}">' in html
    # No other inline script: every <script> has a src, the nonce, or is a data block (JSON, templates).
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or f'nonce="{nonce}"' in tag or "application/json" in tag, tag
    assert nonce not in client.get(url)["Content-Security-Policy"], "a new nonce for every answer"
    # An article's JSON-LD is a data block, which script-src does not govern (it is never run).
    assert '<script type="application/ld+json">' in client.get(article.url).content.decode()


def test_the_admin_preview_may_be_framed_by_the_admin_only(client, site_tree):
    client.force_login(UserFactory(is_superuser=True))
    home = site_tree["en"][0]
    response = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[home.pk]))
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response)["frame-ancestors"] == ["'self'"]
    assert directives(client.get("/admin/"))["frame-ancestors"] == ["'none'"]


def test_report_only_mode_reports_without_blocking(monkeypatch, settings):
    from website.settings import security_headers

    monkeypatch.setenv("CSP_REPORT_ONLY", "true")
    report_only = importlib.reload(security_headers)
    try:
        assert report_only.CONTENT_SECURITY_POLICY is None
        assert report_only.CONTENT_SECURITY_POLICY_REPORT_ONLY["DIRECTIVES"]["frame-ancestors"] == ["'none'"]
    finally:
        monkeypatch.delenv("CSP_REPORT_ONLY")
        importlib.reload(security_headers)


def test_report_only_mode_sends_the_report_only_header(client, settings, site_tree):
    policy = settings.CONTENT_SECURITY_POLICY
    settings.CONTENT_SECURITY_POLICY = None
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = policy
    response = client.get("/")
    assert "Content-Security-Policy" not in response
    assert directives(response, "Content-Security-Policy-Report-Only")["frame-ancestors"] == ["'none'"]
