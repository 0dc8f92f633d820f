"""An officer whose admin language (Account > Preferences) is Spanish sees the queue and a report page in Spanish.

Each page is also fetched for an English-speaking officer, so the English strings checked for absence are
known to be on the page when nobody translates them.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from tests.triage.conftest import make_report
from triage import operations

pytestmark = pytest.mark.django_db

# (Spanish, English) pairs of our own headings, labels and buttons.
QUEUE = [
    ("Vistas guardadas", "Saved views"),
    ("Abiertos", ">Open<"),
    ("Urgentes sin asignar", "Unassigned urgent"),
    ("Reportes por estado", "Reports by status"),
    ("Ir a un reporte por su número de seguimiento", "Go to a report by its tracking number"),
    ("Ir al reporte", "Go to report"),
    ("Con los reportes seleccionados", "With the selected reports"),
    ("<legend>Aplicar a</legend>", "<legend>Apply to</legend>"),
    ("Los reportes marcados abajo", "The reports ticked below"),
    ("Todos los reportes que coinciden con los filtros y la búsqueda actuales", "Every report matching the current"),
    ('button-small">Aplicar</button>', 'button-small">Apply</button>'),
    ("Preparar el CSV en segundo plano", "Prepare the CSV in the background"),
    ("Marcar como spam", "Mark as spam"),
    ("Se reportaron daños", "Harm reported"),
    ("Tiene archivos", "Has files"),
    ("Antigüedad (días)", "Age (days)"),
    ("Con retraso", ">Overdue<"),
    ("Alemania", "Germany"),
]
REPORT_PAGE = [
    ("Reporte {tracking}", "Report {tracking}"),
    ("Lo que nos dijo la persona que reportó", "What the reporter told us"),
    ("Asignado a", "Assigned to"),
    ("Cambiar el estado", "Change status"),
    ("Cambiar la prioridad", "Override priority"),
    ("Marcar como duplicado", "Mark as a duplicate"),
    ("Agregar a un caso", "Add to a case"),
    ("Notas internas", "Internal notes"),
    ("Solo para el personal. Nunca se muestran a la persona que reportó.", "Staff only. Never shown to the reporter."),
    ("Agregar la nota", "Add note"),
    ("Remisiones", "Referrals"),
    ("Quién verá esta remisión", "Who will see this referral"),
    ("Remitir a", "Refer to"),
    ("Reportes relacionados", "Related reports"),
    ("Mismo vendedor", "Same seller"),
    ("Cronología", "Timeline"),
    ("Se agregó una nota interna", "Internal note added"),
    ("se reportaron lesiones o daños", "injury or damage reported"),
    ("Alemania (DE)", "Germany (DE)"),
    ("Plazo de respuesta", "Response target"),
]


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def reports(officer, toys_free):
    harmed = make_report(toys_free, harm=True, urgent=True, seller_name="Lux-Bags", shipped_from_country="DE")
    make_report(toys_free, seller_name="Lux-Bags")
    overdue = make_report(toys_free)
    type(overdue).objects.filter(pk=overdue.pk).update(submitted_at=timezone.now() - timedelta(days=20))
    operations.add_note(harmed, "Checked the listing.", user=officer)
    harmed.refresh_from_db()
    return harmed


def page(client, user, language, url):
    prefer(user, language)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.text


def check(client, user, url, pairs):
    spanish, english = page(client, user, "es", url), page(client, user, "en", url)
    assert '<html lang="es"' in spanish
    for es, en in pairs:
        assert es in spanish, es
        assert en not in spanish, en
        assert en in english, en


def test_the_queue_is_in_spanish(client, officer, reports):
    check(client, officer, reverse("triage:index"), QUEUE)


def test_a_report_page_is_in_spanish(client, officer, reports):
    tracking = reports.tracking_number
    pairs = [(es.format(tracking=tracking), en.format(tracking=tracking)) for es, en in REPORT_PAGE]
    check(client, officer, reverse("triage:inspect", args=[reports.pk]), pairs)


def test_an_officers_mistake_is_explained_in_spanish(client, officer, reports):
    prefer(officer, "es")
    client.force_login(officer)
    response = client.post(reverse("triage:note", args=[reports.pk]), {"text": " "})
    # The page comes back with the error beside the field it is about.
    assert response.status_code == 400
    assert '<label for="id_text">Nota interna:</label>' in response.text
    assert "<li>Este campo es necesario.</li>" in response.text
    assert "Internal note" not in response.text and "This field is required." not in response.text


def test_the_bulk_job_pages_are_in_spanish(client, officer, reports):
    from triage.models import BulkJob

    job = BulkJob.objects.create(
        kind=BulkJob.Kind.STATUS, state=BulkJob.State.FINISHED, total=3, done=3, changed=2, created_by=officer
    )
    check(
        client,
        officer,
        reverse("triage-jobs:index"),
        [
            ("Sus trabajos en lote, del más reciente al más antiguo", "Your bulk jobs, newest first"),
            ("Cambiar el estado de los reportes", "Change the status of reports"),
            ("Terminado: se cambiaron 2 de 3 reportes.", "Finished: 2 of 3 reports changed."),
        ],
    )
    check(
        client,
        officer,
        reverse("triage-jobs:detail", args=[job.pk]),
        [
            ("Iniciado por", "Started by"),
            ("Terminado: se cambiaron 2 de 3 reportes.", "Finished: 2 of 3 reports changed."),
        ],
    )
