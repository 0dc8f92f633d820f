"""The fixed part of the page tree: an English and a Spanish home page, each with its library.

`ensure_site_tree()` is what `manage.py setup_site` runs (and `import_library` and `load_demo_content` when the
tree is missing). It creates what is missing and changes nothing that exists, so it is safe to run many times.
"""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from library.models import LibraryIndexPage

from .models import HomePage

SITE_NAME = "Shop safe online"
LANGUAGES = ("en", "es")
LIBRARY_INTRO = {
    "en": "<p>Plain guidance on spotting fake and dangerous products sold online, what happens to parcels at the border, and where to get help.</p>",
    "es": "<p>Consejos claros para reconocer productos falsos y peligrosos que se venden en línea, qué pasa con los paquetes en la frontera y dónde pedir ayuda.</p>",
}


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def site_tree_is_complete():
    """True when both languages have a home page and a library."""
    for language in LANGUAGES:
        if not HomePage.objects.filter(locale__language_code=language).exists():
            return False
        if not LibraryIndexPage.objects.filter(locale__language_code=language).exists():
            return False
    return Site.objects.filter(is_default_site=True, root_page__in=HomePage.objects.all()).exists()


def _describe(page):
    return f"'{page.title}' at {page.url or '(not published)'}"


@transaction.atomic
def ensure_site_tree(report=None, hostname=None, port=None):
    """Create what is missing, change nothing that exists. Returns {language: (home, library)}.

    `report`, when given, is called with one plain line per thing created or found. `hostname` and `port`, when
    given, set the default site's address (used in full URLs: the sitemap, feeds and emails).
    """
    say = report or (lambda line: None)

    locales = {}
    for language in LANGUAGES:
        locales[language], created = Locale.objects.get_or_create(language_code=language)
        say(f"{'Created' if created else 'Found'} the locale '{language}'.")
    english, spanish = locales["en"], locales["es"]
    root = Page.get_first_root_node()

    home = HomePage.objects.filter(locale=english).first()
    home_created = home is None
    if home_created:
        # Wagtail's placeholder "Welcome" page holds the slug "home"; it makes way for ours.
        placeholder = Page.objects.filter(depth=2, slug="home", content_type__model="page").first()
        if placeholder:
            Page.objects.filter(pk=placeholder.pk).update(slug="wagtail-welcome")
        home = root.add_child(instance=HomePage(title=SITE_NAME, slug="home", locale=english))
        _publish(home)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        say(f"Created the default site {site.hostname}:{site.port}.")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
        say(f"Pointed the default site {site.hostname}:{site.port} at the English home page.")
    else:
        say(f"Found the default site {site.hostname}:{site.port}, rooted at the English home page.")
    if not site.site_name:
        site.site_name = SITE_NAME
        site.save(update_fields=["site_name"])
    if (hostname and hostname != site.hostname) or (port and port != site.port):
        site.hostname, site.port = hostname or site.hostname, port or site.port
        site.save(update_fields=["hostname", "port"])
        say(f"Set the default site's address to {site.hostname}:{site.port} ({site.root_url}).")
    deleted, _ = Page.objects.filter(depth=2, slug="wagtail-welcome", content_type__model="page", numchild=0).delete()
    if deleted:
        say("Removed Wagtail's placeholder welcome page.")
    say(f"{'Created' if home_created else 'Found'} the English home page {_describe(home)}.")

    library = LibraryIndexPage.objects.filter(locale=english).first()
    library_created = library is None
    if library_created:
        library = home.add_child(
            instance=LibraryIndexPage(title="Resource library", slug="library", intro=LIBRARY_INTRO["en"])
        )
        _publish(library)
    say(f"{'Created' if library_created else 'Found'} the English library {_describe(library)}.")

    home_es = HomePage.objects.filter(locale=spanish).first()
    home_es_created = home_es is None
    if home_es_created:
        home_es = home.copy_for_translation(spanish)
        home_es.title = "Compre seguro en línea"
        home_es.hero_heading = "Compre seguro en línea"
        home_es.hero_text = "Todos los días se venden en línea productos falsos y peligrosos. Aprenda a reconocerlos y avísenos si recibe uno."
        home_es.save()
        _publish(home_es)
    say(f"{'Created' if home_es_created else 'Found'} the Spanish home page {_describe(home_es)}.")

    library_es = LibraryIndexPage.objects.filter(locale=spanish).first()
    library_es_created = library_es is None
    if library_es_created:
        library_es = library.copy_for_translation(spanish)
        library_es.title = "Biblioteca de recursos"
        library_es.slug = "biblioteca"
        library_es.intro = LIBRARY_INTRO["es"]
        library_es.save()
        _publish(library_es)
    say(f"{'Created' if library_es_created else 'Found'} the Spanish library {_describe(library_es)}.")

    return {"en": (home, library), "es": (home_es, library_es)}
