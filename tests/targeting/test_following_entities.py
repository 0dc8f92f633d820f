"""Following an entity from its page: a report submitted later that names it is linked by the worker and then
listed on the officer's Following page and in their digest (no reporter contact data); a report that does not
name it never is; stopping following stops the listing; only triage staff can follow."""

import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from reports.models import Report
from targeting.kinds import EntityKind
from targeting.models import Entity
from tests.reports.factories import ReportFactory, payload
from tests.targeting.conftest import linked
from triage.models import Follow, FollowMatch

FOLLOWING = reverse("triage-following:index")


def submit(**fields):
    response = Client().post("/api/reports", json.dumps(payload(**fields)), content_type="application/json")
    assert response.status_code == 201, response.text
    return Report.objects.get(tracking_number=response.json()["tracking_number"])


def entity_page(entity):
    return reverse("targeting-entities:detail", args=[entity.pk])


@pytest.fixture
def database_tasks(settings):
    """As in production: tasks wait in the database queue until a worker runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_report_naming_a_followed_seller_is_listed_after_the_worker_links_it(
    client, officer, chargers, database_tasks
):
    linked(chargers, seller_name="Volt Deals", listing_url="https://volt-a.example/item/1")
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    seller = Entity.objects.get(kind=EntityKind.SELLER, key="volt deals")
    client.force_login(officer)

    page = client.get(entity_page(seller)).text
    assert "Stop following" not in page and ">Follow</button>" in page
    response = client.post(reverse("triage-following:follow-entity", args=[seller.pk]))
    assert response.status_code == 302 and response.url == entity_page(seller)
    assert "Stop following" in client.get(entity_page(seller)).text
    assert "Volt Deals" in client.get(FOLLOWING).text

    naming = submit(seller_name="VOLT DEALS, LLC", order_number="BM-1")
    other = submit(seller_name="Another Shop", order_number="BM-2", listing_url="https://another.example/1")
    # Submitted, not yet linked: nothing is listed while the worker has not run.
    assert naming.tracking_number not in client.get(FOLLOWING).text
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    text = client.get(FOLLOWING).text
    assert naming.tracking_number in text and other.tracking_number not in text
    assert list(FollowMatch.objects.values_list("report_id", flat=True)) == [naming.pk]

    call_command("send_triage_digest")
    personal = [message for message in mail.outbox if message.to == [officer.email]]
    assert len(personal) == 1
    body = personal[0].body
    assert naming.tracking_number in body and "Volt Deals" in body
    for secret in ("Ana Reporter", "ana@example.com", "555-0100"):
        assert secret not in body

    # Stop following: later reports naming the seller are no longer listed.
    response = client.post(reverse("triage-following:unfollow-entity", args=[seller.pk]))
    assert response.status_code == 302 and not Follow.objects.filter(user=officer).exists()
    assert ">Follow</button>" in client.get(entity_page(seller)).text
    later = submit(seller_name="Volt Deals", order_number="BM-3")
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert later.tracking_number not in client.get(FOLLOWING).text


@pytest.mark.django_db
def test_the_match_waits_for_the_links_whichever_task_runs_first(officer, chargers):
    """Matching on arrival finds no links yet; the linking task matches entity follows once they exist."""
    from targeting.tasks import link_report_entities
    from triage import following

    linked(chargers, seller_name="Volt Deals")
    seller = Entity.objects.get(kind=EntityKind.SELLER, key="volt deals")
    Follow.objects.create(user=officer, kind=Follow.Kind.ENTITY, entity=seller, name=str(seller))
    report = ReportFactory(product_category=chargers, seller_name="Volt Deals")
    assert following.match_report(report.pk) == 0  # arrived, not linked yet
    link_report_entities.call(report.pk)
    assert list(FollowMatch.objects.values_list("report_id", flat=True)) == [report.pk]
    link_report_entities.call(report.pk)  # again: still listed once
    assert following.match_report(report.pk) == 0 and FollowMatch.objects.count() == 1


@pytest.mark.django_db
def test_following_twice_keeps_one_follow(client, officer, chargers):
    linked(chargers, seller_name="Volt Deals")
    seller = Entity.objects.get(kind=EntityKind.SELLER)
    client.force_login(officer)
    for _attempt in range(2):
        client.post(reverse("triage-following:follow-entity", args=[seller.pk]))
    assert Follow.objects.filter(user=officer, entity=seller).count() == 1
    assert client.post(reverse("triage-following:follow-entity", args=[999999])).status_code == 404


@pytest.mark.django_db
def test_only_triage_staff_follow_entities(client, editor, chargers):
    linked(chargers, seller_name="Volt Deals")
    seller = Entity.objects.get(kind=EntityKind.SELLER)
    client.force_login(editor)
    response = client.post(reverse("triage-following:follow-entity", args=[seller.pk]))
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))  # Wagtail's refusal
    assert not Follow.objects.exists()
