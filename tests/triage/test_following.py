"""Following a saved queue search: a new matching report appears in the officer's Following list (matched by
the background worker, not in the reporter's request) and in their own digest; a report that does not match
never does; only triage staff follow, each only their own searches; the shared digest lists surges."""

import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reports.models import Report
from tests.factories import UserFactory
from tests.reports.factories import ReporterContactFactory, payload
from tests.triage.conftest import make_report
from tests.triage.test_surges import known_surge
from triage import following
from triage.models import Follow, FollowMatch

FOLLOWING = reverse("triage-following:index")
FOLLOW = reverse("triage-following:follow")


def follow(client, query, name="Chargers from China"):
    return client.post(FOLLOW, {"name": name, "query": query})


def submit(**fields):
    body = payload(category_slug="chargers", **fields)
    response = Client().post("/api/reports", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.text
    return Report.objects.get(tracking_number=response.json()["tracking_number"])


@pytest.fixture
def database_tasks(settings):
    """As in production: tasks go to the database queue until a worker runs them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_matching_report_appears_in_following_after_the_worker_runs(client, officer, chargers, database_tasks):
    client.force_login(officer)
    response = follow(client, f"product_category={chargers.pk}&shipped_from_country=CN&p=3&q=charger")
    assert response.status_code == 302 and response.url == FOLLOWING
    saved = Follow.objects.get(user=officer)
    # Filters and search words are kept, the page number is not.
    assert saved.query == f"product_category={chargers.pk}&q=charger&shipped_from_country=CN"
    database_tasks.objects.all().delete()

    matching = submit(shipped_from_country="CN")
    other_country = submit(shipped_from_country="VN", order_number="BM-1")
    other_words = submit(shipped_from_country="CN", order_number="BM-2", description="A fake handbag, badly sewn.")

    # The requests only queued the matching; nothing is listed yet.
    queued = database_tasks.objects.filter(task_path="triage.tasks.match_follows")
    assert sorted(result.args_kwargs["args"][0] for result in queued) == sorted(
        [matching.pk, other_country.pk, other_words.pk]
    )
    assert matching.tracking_number not in client.get(FOLLOWING).text

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    text = client.get(FOLLOWING).text
    assert "Chargers from China" in text and matching.tracking_number in text
    assert other_country.tracking_number not in text and other_words.tracking_number not in text
    assert list(FollowMatch.objects.values_list("report_id", flat=True)) == [matching.pk]


@pytest.mark.django_db
def test_closed_reports_match_only_a_search_that_asks_for_them(officer, chargers):
    mine = Follow.objects.create(user=officer, name="CN", query="shipped_from_country=CN")
    closed = Follow.objects.create(user=officer, name="CN closed", query="shipped_from_country=CN&status=closed")
    report = make_report(chargers, shipped_from_country="CN")
    assert following.match_report(report.pk) == 1
    assert FollowMatch.objects.get().follow == mine
    Report.objects.filter(pk=report.pk).update(status="closed")
    FollowMatch.objects.all().delete()
    following.match_report(report.pk)
    assert FollowMatch.objects.get().follow == closed


@pytest.mark.django_db
def test_the_digest_sends_each_officer_their_own_matches_without_contact_data(officer, chargers):
    colleague = UserFactory(username="colin", groups=["Triage officers"])
    Follow.objects.create(user=officer, name="From China", query="shipped_from_country=CN")
    Follow.objects.create(user=colleague, name="From Vietnam", query="shipped_from_country=VN")
    report = make_report(chargers, shipped_from_country="CN")
    ReporterContactFactory(report=report, name="Ana Reporter", email="ana@example.com", phone="555-0100")
    following.match_report(report.pk)

    call_command("send_triage_digest")
    personal = [message for message in mail.outbox if message.to == [officer.email]]
    assert len(personal) == 1 and not [message for message in mail.outbox if message.to == [colleague.email]]
    body = personal[0].body
    assert "From China" in body and report.tracking_number in body and "Chargers" in body
    for secret in ("Ana Reporter", "ana@example.com", "555-0100"):
        assert secret not in body

    # Listed once: the next digest does not send it again.
    call_command("send_triage_digest")
    assert len([message for message in mail.outbox if message.to == [officer.email]]) == 1


@pytest.mark.django_db
def test_the_digest_lists_what_is_rising_once(officer, capsys):
    known_surge(timezone.now())
    call_command("send_triage_digest")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert officer.email in message.bcc
    assert "Rising in the last 7 days" in message.subject
    assert "Seller volt shop: 12 reports in the last 7 days, about 2 expected" in message.body
    assert "Category Chargers: 12 reports in the last 7 days, about 2 expected" in message.body
    assert "5 surge(s)" in capsys.readouterr().out
    # Still rising, nothing new: not announced again on its own.
    call_command("send_triage_digest")
    assert len(mail.outbox) == 1
    # With a new urgent report, the digest goes out and lists the surges still rising.
    urgent = make_report(Report.objects.first().product_category, harm=True)
    call_command("send_triage_digest")
    assert len(mail.outbox) == 2
    assert urgent.tracking_number in mail.outbox[1].body and "volt shop" in mail.outbox[1].body


@pytest.mark.django_db
def test_the_queue_offers_to_follow_a_filtered_list_only(client, officer, chargers):
    client.force_login(officer)
    assert "Follow this search" not in client.get(reverse("triage:index")).text
    text = client.get(reverse("triage:index"), {"shipped_from_country": "CN"}).text
    assert "Follow this search" in text and 'value="shipped_from_country=CN"' in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Choose some filters or search words first"),
        ("p=2&ordering=status", "Choose some filters or search words first"),
        ("shipped_from_country=ZZ", "a filter the queue does not know"),
        ("secret_field=1", "a filter the queue does not know"),
        ("q=" + "é" * 400, "too long to follow"),
    ],
)
def test_a_search_that_cannot_be_followed_says_why(client, officer, query, message):
    client.force_login(officer)
    response = follow(client, query)
    assert response.status_code == 302
    assert message in client.get(response.url).text
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_a_search_needs_a_name(client, officer):
    client.force_login(officer)
    response = follow(client, "shipped_from_country=CN", name="")
    assert response.url.endswith("?shipped_from_country=CN")
    assert "Give the search a name" in client.get(response.url).text
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_following_is_for_triage_staff_only(client, editor, officer):
    client.force_login(officer)
    assert FOLLOWING in client.get("/admin/").text
    client.force_login(editor)
    assert FOLLOWING not in client.get("/admin/").text
    assert client.get(FOLLOWING).status_code in (302, 403)
    assert follow(client, "shipped_from_country=CN").status_code in (302, 403)
    assert not Follow.objects.exists()
    client.logout()
    assert client.get(FOLLOWING).status_code == 302


@pytest.mark.django_db
def test_an_officer_sees_and_stops_only_their_own_follows(client, officer):
    colleague = UserFactory(username="colin", groups=["Triage officers"])
    theirs = Follow.objects.create(user=colleague, name="Colin's watch", query="shipped_from_country=VN")
    client.force_login(officer)
    assert "Colin&#x27;s watch" not in client.get(FOLLOWING).text
    assert client.post(reverse("triage-following:unfollow", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("triage-following:unfollow", args=[theirs.pk])).status_code == 405
    assert Follow.objects.filter(pk=theirs.pk).exists()
    client.force_login(colleague)
    assert client.post(reverse("triage-following:unfollow", args=[theirs.pk])).status_code == 302
    assert not Follow.objects.exists()


@pytest.mark.django_db
def test_someone_who_left_triage_gets_no_matches(officer, chargers):
    Follow.objects.create(user=officer, name="CN", query="shipped_from_country=CN")
    officer.groups.clear()
    assert following.match_report(make_report(chargers, shipped_from_country="CN").pk) == 0
