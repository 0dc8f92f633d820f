"""Load the demo site: page tree, taxonomy, articles and (in development) an admin login.

Safe to run again: it adds only what is missing.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from importers.demo import load_demo_importers
from library.models import ProductCategory, Topic
from partners.demo import load_demo_partners
from website.site_tree import ensure_site_tree

DEMO_ARTICLES = Path(settings.BASE_DIR) / "library" / "fixtures" / "demo_articles.jsonl"
DEMO_ADMIN = ("admin", "demo-admin-password")

# (name, Spanish name, slug, can hurt people)
PRODUCT_CATEGORIES = [
    ("Medicines & drugs", "Medicamentos", "medicines", True),
    ("Supplements & weight-loss products", "Suplementos y productos para bajar de peso", "supplements", True),
    ("Cosmetics & personal care", "Cosméticos y cuidado personal", "cosmetics", True),
    (
        "Phone chargers, batteries & power banks",
        "Cargadores, baterías y baterías portátiles",
        "chargers-batteries",
        True,
    ),
    ("Other electronics", "Otros aparatos electrónicos", "electronics", False),
    ("Toys & children's products", "Juguetes y productos para niños", "toys", True),
    ("Vapes & e-cigarettes", "Vapeadores y cigarrillos electrónicos", "vapes", True),
    ("Vehicle parts & airbags", "Piezas de vehículos y bolsas de aire", "vehicle-parts", True),
    ("Clothing & shoes", "Ropa y calzado", "clothing-shoes", False),
    ("Watches, jewelry & handbags", "Relojes, joyas y bolsos", "luxury-goods", False),
    ("Sports & outdoor gear", "Artículos deportivos", "sports", False),
    ("Household products & appliances", "Productos y aparatos para el hogar", "household", True),
    ("Something else", "Otra cosa", "other", False),
]

# Spanish names for the topics the demo articles create.
TOPIC_NAMES_ES = {
    "Spotting fake sellers": "Cómo reconocer vendedores falsos",
    "Electronics & batteries": "Aparatos electrónicos y baterías",
    "Cosmetics & personal care": "Cosméticos y cuidado personal",
    "Medicines & supplements": "Medicamentos y suplementos",
    "Toys & children's products": "Juguetes y productos para niños",
    "Auto parts & airbags": "Piezas de auto y bolsas de aire",
    "Clothing, shoes & accessories": "Ropa, calzado y accesorios",
    "Vapes & tobacco": "Vapeadores y tabaco",
    "Parcels, customs & seizures": "Paquetes, aduana y decomisos",
    "Import rules": "Reglas de importación",
    "Reporting & getting help": "Cómo reportar y pedir ayuda",
    "Small business sellers": "Pequeñas empresas vendedoras",
}


class Command(BaseCommand):
    help = "Load the demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-demo-admin",
            action="store_true",
            help="Also create the development-only admin login (refused when DEBUG is off).",
        )

    def handle(self, *args, with_demo_admin=False, **options):
        if with_demo_admin and not settings.DEBUG:
            raise CommandError("The demo admin login is for development only (DEBUG is off).")
        ensure_site_tree()
        for name, name_es, slug, harmful in PRODUCT_CATEGORIES:
            ProductCategory.objects.get_or_create(
                slug=slug, defaults={"name": name, "name_es": name_es, "health_and_safety": harmful}
            )
        call_command("seed_next_steps", stdout=self.stdout)  # the next steps tied to these categories
        self.stdout.write("Importing demo articles...")
        call_command("import_library", str(DEMO_ARTICLES), stdout=self.stdout, stderr=self.stderr)
        for name, name_es in TOPIC_NAMES_ES.items():
            Topic.objects.filter(name=name, name_es="").update(name_es=name_es)
        load_demo_importers()
        load_demo_partners()

        if with_demo_admin:
            username, password = DEMO_ADMIN
            User = get_user_model()
            if not User.objects.filter(username=username).exists():
                User.objects.create_superuser(username, "admin@example.gov", password)
            self.stdout.write(
                self.style.WARNING(
                    f"Development only: sign in at http://127.0.0.1:8000/admin/ as {username} / {password}"
                    " (no second factor in development; DEV_REQUIRE_SECOND_FACTOR=true to set one up)"
                )
            )
