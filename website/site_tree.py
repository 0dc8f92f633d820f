"""The fixed part of the page tree: an English and a Spanish home page, each with its library."""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from library.models import LibraryIndexPage

from .models import HomePage

LIBRARY_INTRO = {
    "en": "<p>Plain guidance on spotting fake and dangerous products sold online, what happens to parcels at the border, and where to get help.</p>",
    "es": "<p>Consejos claros para reconocer productos falsos y peligrosos que se venden en línea, qué pasa con los paquetes en la frontera y dónde pedir ayuda.</p>",
}


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@transaction.atomic
def ensure_site_tree():
    """Create what is missing, change nothing that exists. Returns {language: (home, library)}."""
    english, _ = Locale.objects.get_or_create(language_code="en")
    spanish, _ = Locale.objects.get_or_create(language_code="es")
    root = Page.get_first_root_node()

    home = HomePage.objects.filter(locale=english).first()
    if home is None:
        # Wagtail's placeholder "Welcome" page holds the slug "home"; it makes way for ours.
        placeholder = Page.objects.filter(depth=2, slug="home", content_type__model="page").first()
        if placeholder:
            Page.objects.filter(pk=placeholder.pk).update(slug="wagtail-welcome")
        home = root.add_child(instance=HomePage(title="Shop safe online", slug="home", locale=english))
        _publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Shop safe online"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    Page.objects.filter(depth=2, slug="wagtail-welcome", content_type__model="page", numchild=0).delete()

    library = LibraryIndexPage.objects.filter(locale=english).first()
    if library is None:
        library = home.add_child(
            instance=LibraryIndexPage(title="Resource library", slug="library", intro=LIBRARY_INTRO["en"])
        )
        _publish(library)

    home_es = HomePage.objects.filter(locale=spanish).first()
    if home_es is None:
        home_es = home.copy_for_translation(spanish)
        home_es.title = "Compre seguro en línea"
        home_es.hero_heading = "Compre seguro en línea"
        home_es.hero_text = "Todos los días se venden en línea productos falsos y peligrosos. Aprenda a reconocerlos y avísenos si recibe uno."
        home_es.save()
        _publish(home_es)

    library_es = LibraryIndexPage.objects.filter(locale=spanish).first()
    if library_es is None:
        library_es = library.copy_for_translation(spanish)
        library_es.title = "Biblioteca de recursos"
        library_es.slug = "biblioteca"
        library_es.intro = LIBRARY_INTRO["es"]
        library_es.save()
        _publish(library_es)

    return {"en": (home, library), "es": (home_es, library_es)}
