"""Triage officers may ask reporters questions and keep the question templates; Editors keep the templates too.
Three templates to start from, in English and Spanish."""

from django.db import migrations

from accounts.group_permissions import create_all_permissions, grant

TEMPLATE_PERMISSIONS = [
    ("conversations", "add_questiontemplate"),
    ("conversations", "change_questiontemplate"),
    ("conversations", "delete_questiontemplate"),
    ("conversations", "view_questiontemplate"),
]
GROUPS = {
    "Triage officers": [("conversations", "ask_reporter"), *TEMPLATE_PERMISSIONS],
    "Editors": TEMPLATE_PERMISSIONS,
}
TEMPLATES = [
    (
        "Photo of the label",
        "Please send a clear photo of the product's label, showing the brand, the model and any safety marks"
        " (like UL or FCC).",
        "Envíenos una foto clara de la etiqueta del producto, donde se vean la marca, el modelo y las marcas de"
        " seguridad (como UL o FCC).",
    ),
    (
        "Which marketplace listing",
        "Which listing did you buy it from? Please send the full web address of the listing, or a screenshot of it.",
        "¿En qué anuncio lo compró? Envíenos la dirección web completa del anuncio o una captura de pantalla.",
    ),
    (
        "Order confirmation",
        "Please send the order confirmation (the email or the page of the order), with your payment details"
        " hidden.",
        "Envíenos la confirmación del pedido (el correo o la página del pedido), con sus datos de pago ocultos.",
    ),
]


def forwards(apps, schema_editor):
    create_all_permissions(apps)
    for name, permissions in GROUPS.items():
        grant(apps, name, permissions)
    QuestionTemplate = apps.get_model("conversations", "QuestionTemplate")
    for title, text_en, text_es in TEMPLATES:
        QuestionTemplate.objects.get_or_create(title=title, defaults={"text_en": text_en, "text_es": text_es})


class Migration(migrations.Migration):
    dependencies = [
        ("conversations", "0001_initial"),
        ("triage", "0002_triage_groups"),
        ("website", "0002_editor_groups"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
