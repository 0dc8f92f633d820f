"""A freshly migrated database (only Wagtail's root and welcome page) gets its page tree from `setup_site`, or from
the import itself, and the imported articles are then reachable in both languages."""

import io
import json

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page, Site

from library.models import ArticlePage, LibraryIndexPage
from website.models import HomePage

pytestmark = pytest.mark.django_db

ARTICLES = [
    {
        "slug": "chargers-that-catch-fire",
        "title": "Chargers that catch fire",
        "summary": "Counterfeit phone chargers skip the parts that stop overheating.",
        "body": "## Why it matters\nCheap chargers overheat.",
        "topics": ["Electronics & batteries"],
        "kind": "alert",
        "language": "en",
        "published_at": "2026-03-02",
    },
    {
        "slug": "cargadores-que-se-incendian",
        "title": "Cargadores que se incendian",
        "summary": "Los cargadores falsos no tienen las piezas que evitan el sobrecalentamiento.",
        "body": "## Por qué importa\nLos cargadores baratos se calientan.",
        "topics": ["Electronics & batteries"],
        "kind": "alert",
        "language": "es",
        "published_at": "2026-03-03",
    },
    {
        "slug": "a-draft-guide",
        "title": "A draft guide",
        "summary": "Not published yet.",
        "body": "Text.",
        "topics": ["Import rules"],
        "kind": "guide",
    },
]


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


def test_a_fresh_database_has_only_wagtails_own_pages():
    # What `migrate` leaves: the root and Wagtail's welcome page; nothing of ours.
    assert not HomePage.objects.exists()
    assert not LibraryIndexPage.objects.exists()
    assert Page.objects.count() == 2


def test_import_on_a_fresh_database_sets_up_the_tree_and_the_articles_are_reachable(client, tmp_path):
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(article) for article in ARTICLES) + "\n", encoding="utf-8")

    output = run("import_library", str(path))

    assert "page tree is missing; setting it up first" in output
    assert "Done: 3 created, 0 updated, 0 unchanged, 0 failed." in output
    for url in ["/", "/library/", "/library/chargers-that-catch-fire/", "/es/", "/es/biblioteca/"]:
        assert client.get(url).status_code == 200, url
    response = client.get("/es/biblioteca/cargadores-que-se-incendian/")
    assert response.status_code == 200
    assert "Cargadores que se incendian" in response.text
    assert client.get("/library/a-draft-guide/").status_code == 404  # a draft stays a draft
    assert "Chargers that catch fire" in client.get("/library/").text

    # A second run finds the tree and changes nothing.
    output = run("import_library", str(path))
    assert "page tree is missing" not in output
    assert "Done: 0 created, 0 updated, 3 unchanged, 0 failed." in output


def test_setup_site_makes_both_languages_and_the_site_record():
    output = run("setup_site")

    assert "Created the English home page 'Shop safe online' at /." in output
    assert "Created the Spanish library 'Biblioteca de recursos' at /es/biblioteca/." in output
    assert "Removed Wagtail's placeholder welcome page." in output
    english, spanish = Locale.objects.get(language_code="en"), Locale.objects.get(language_code="es")
    home, home_es = HomePage.objects.get(locale=english), HomePage.objects.get(locale=spanish)
    library, library_es = LibraryIndexPage.objects.get(locale=english), LibraryIndexPage.objects.get(locale=spanish)
    assert home_es.translation_key == home.translation_key  # the Spanish home is a translation, not a copy
    assert library_es.translation_key == library.translation_key
    assert library.get_parent().pk == home.pk and library_es.get_parent().pk == home_es.pk
    assert all(page.live for page in (home, home_es, library, library_es))
    site = Site.objects.get()
    assert site.is_default_site and site.root_page_id == home.pk and site.site_name == "Shop safe online"
    assert Page.get_first_root_node().locale == english
    assert Page.objects.count() == 5  # root, two homes, two libraries


def test_setup_site_is_safe_to_run_again_and_keeps_editors_changes():
    run("setup_site")
    library = LibraryIndexPage.objects.get(locale__language_code="en")
    library.title = "Guidance"
    library.save_revision().publish()
    pages = Page.objects.count()

    output = run("setup_site")

    assert "Created" not in output
    assert "Found the English library 'Guidance' at /library/." in output
    assert Page.objects.count() == pages
    assert LibraryIndexPage.objects.get(locale__language_code="en").title == "Guidance"


def test_setup_site_sets_the_public_address_used_in_full_urls(client):
    output = run("setup_site", "--hostname", "shopsafe.example.gov", "--port", "443")

    assert "Set the default site's address to shopsafe.example.gov:443 (https://shopsafe.example.gov)." in output
    sitemap = client.get("/sitemap.xml").text
    assert "<loc>https://shopsafe.example.gov/</loc>" in sitemap
    assert "<loc>https://shopsafe.example.gov/es/biblioteca/</loc>" in sitemap


def test_import_leaves_a_complete_tree_alone(tmp_path, site_tree):
    path = tmp_path / "articles.jsonl"
    path.write_text(json.dumps(ARTICLES[0]) + "\n", encoding="utf-8")
    output = run("import_library", str(path))
    assert "page tree is missing" not in output
    assert ArticlePage.objects.get().get_parent().pk == site_tree["en"][1].pk
