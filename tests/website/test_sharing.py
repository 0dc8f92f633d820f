"""Sitemaps, feeds, structured data, the manifest and the service worker."""

import io
import json
import re

from django.core.management import call_command
from django.test import TestCase


class SharingTests(TestCase):
    """The demo content is loaded once for the class; each test rolls back to it."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=io.StringIO())

    def test_the_sitemap_lists_both_languages(self):
        the_sitemap_lists_both_languages(self.client)

    def test_alert_feeds_in_each_language(self):
        alert_feeds_in_each_language(self.client)

    def test_articles_carry_open_graph_alternates_and_structured_data(self):
        articles_carry_open_graph_alternates_and_structured_data(self.client)

    def test_faq_articles_describe_their_questions(self):
        faq_articles_describe_their_questions(self.client)

    def test_the_site_is_installable_and_the_service_worker_keeps_no_personal_data(self):
        the_site_is_installable_and_the_service_worker_keeps_no_personal_data(self.client)


def the_sitemap_lists_both_languages(client):
    text = client.get("/sitemap.xml").text
    assert "/library/counterfeit-chargers-fire-risk/</loc>" in text
    assert "/es/biblioteca/cargadores-falsos-riesgo-de-incendio/</loc>" in text
    assert "checklist-suspicious-item-received" not in text  # drafts stay out


def alert_feeds_in_each_language(client):
    rss = client.get("/alerts/rss/")
    assert rss.status_code == 200 and rss["Content-Type"].startswith("application/rss+xml")
    assert "Counterfeit Phone Chargers" in rss.text
    assert "How to Spot a Fake Online Seller" not in rss.text  # a guide, not an alert
    atom = client.get("/es/alerts/atom/")
    assert atom.status_code == 200 and "cargadores" in atom.text.lower()


def articles_carry_open_graph_alternates_and_structured_data(client):
    text = client.get("/library/counterfeit-chargers-fire-risk/").text
    assert '<meta property="og:type" content="article">' in text
    assert 'hreflang="es" href="http://localhost/es/biblioteca/cargadores-falsos-riesgo-de-incendio/"' in text
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))
    assert data[0]["@type"] == "Article" and data[0]["inLanguage"] == "en"


def faq_articles_describe_their_questions(client):
    text = client.get("/library/reporting-faq/").text
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))
    faq = next(item for item in data if item["@type"] == "FAQPage")
    assert len(faq["mainEntity"]) >= 3
    assert all(q["name"].endswith("?") and q["acceptedAnswer"]["text"] for q in faq["mainEntity"])


def the_site_is_installable_and_the_service_worker_keeps_no_personal_data(client):
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["display"] == "standalone"
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code in (200, 404)  # static files are served by whitenoise
    worker = client.get("/sw.js")
    assert worker["Content-Type"].startswith("application/javascript")
    assert 'request.method !== "GET"' in worker.text
    assert "/report" not in worker.text.split("const PRECACHE")[1].split("];")[0]
    assert client.get("/offline/").status_code == 200
