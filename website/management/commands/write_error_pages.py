"""Write the pages nginx answers with by itself into STATIC_ROOT (run after collectstatic, on every release)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from website.plain_errors import too_many_searches_page

LANGUAGES = ("en", "es")


def too_many_searches_path(root, language):
    """Where nginx looks for the page (deploy/nginx/shop-safe.conf: /_too_many_searches/)."""
    return Path(root) / "errors" / f"too-many-searches.{language}.html"


class Command(BaseCommand):
    help = (
        "Write the 'too many searches' pages nginx shows past its search limit, in English and Spanish, into "
        "STATIC_ROOT/errors/. Run after collectstatic; without them nginx answers in one plain sentence."
    )

    def handle(self, *args, **options):
        for language in LANGUAGES:
            path = too_many_searches_path(settings.STATIC_ROOT, language)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(too_many_searches_page(language), encoding="utf-8")
            if options["verbosity"]:
                self.stdout.write(f"wrote {path}")
