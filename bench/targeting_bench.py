"""Targeting benchmark: entity pages and the lead feed on a database whose reports are linked to their entities.

    .venv/bin/python bench/targeting_bench.py --database-url postgres://cbp:cbp@127.0.0.1:5432/bench_1m_entities \
        --runs 10 [--link]

The database must be a copy (never the triage bench's own): `--link` runs `manage.py link_entities` on it first
(timed, with its progress), which makes the entities, links and leads. Then, signed in as an officer and a lead
reviewer (second factor passed) with Django's test client, it times (triage_bench.timed: p50 / p95 wall clock
and the median SQL time):

- the entity page of the entity with the most reports (the big shop's domain: 200,000 at a million), of the
  seller with the most, and of a small one; the entity list; a search;
- linking one report as the worker does (link_report: extraction, links, recount, leads);
- the lead feed, CSV and JSON, streamed to the end over ALL leads (whatever their status, so the row count is
  as large as the data allows; the number of rows is printed), and a page of the partner API.

Prints one Markdown table. A benchmark, not a test: it never fails on slow numbers.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import triage_bench  # noqa: E402 - the triage bench's settings, sign-in and timer
from triage_bench import say, timed  # noqa: E402


def reviewer_client():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    client = triage_bench.officer_client()
    user = get_user_model().objects.get(username="bench-officer")
    user.groups.add(Group.objects.get(name="Border lead reviewers"))
    return client


def drain(response):
    assert response.status_code == 200, response.status_code
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    return size


def measure(runs):
    from django.db.models import Count

    from partners import keys
    from partners.models import Partner, Scope
    from reports.models import Report
    from targeting.kinds import EntityKind
    from targeting.linking import link_report
    from targeting.models import Entity, EntityLink, Lead, LeadStatus

    client = reviewer_client()
    biggest = Entity.objects.order_by("-report_count").first()
    seller = Entity.objects.filter(kind=EntityKind.SELLER).order_by("-report_count").first()
    small = Entity.objects.filter(report_count=2).order_by("pk").first()
    say(f"entities: {Entity.objects.count()}, links: {EntityLink.objects.count()}, leads: {Lead.objects.count()}")
    rows = []

    def row(label, fn, n=runs):
        p50, p95, sql = timed(fn, n)
        rows.append((label, p50, p95, sql))
        say(f"  {label}: {p50:.0f} / {p95:.0f} ms (SQL {sql:.0f})")

    for label, entity in [
        (f"entity page, most reports ({biggest.report_count:,}, {biggest.get_kind_display()})", biggest),
        (f"entity page, top seller ({seller.report_count:,} reports)", seller),
        ("entity page, small entity (2 reports)", small),
    ]:
        if entity:
            url = f"/admin/entities/{entity.pk}/"
            row(label, lambda url=url: client.get(url))
    row("entity list, first page", lambda: client.get("/admin/entities/"))
    row("entity list, search a seller", lambda: client.get("/admin/entities/", {"q": seller.name}))

    reports = list(Report.objects.order_by("-pk").values_list("pk", flat=True)[:50])
    picks = iter(reports * 10)
    row("link one report (worker)", lambda: link_report(Report.objects.get(pk=next(picks))))

    statuses = dict(Lead.objects.values_list("status").annotate(n=Count("id")))
    say(f"leads by status: {statuses}")
    every = Lead.objects.all()
    feed_rows = EntityLink.objects.filter(entity__lead__in=every.values("pk")).count()
    Lead.objects.filter(status=LeadStatus.NEW).update(status=LeadStatus.APPROVED)  # a copy: export them all
    for format in ("csv", "json"):
        started = time.perf_counter()
        size = drain(client.get(f"/admin/border-leads/export.{format}", {"status": "approved"}))
        took = (time.perf_counter() - started) * 1000
        rows.append((f"lead feed {format.upper()}, {feed_rows:,} rows, {size / 1e6:.1f} MB", took, took, None))
        say(f"  lead feed {format}: {feed_rows} rows, {size} bytes in {took:.0f} ms")

    partner, _ = Partner.objects.get_or_create(name="Bench agency", defaults={"kind": "carrier"})
    key = keys.create_key(partner=partner, name="bench", scopes=[Scope.READ_LEADS])[1]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    row("partner API, a page of 50 leads", lambda: client.get("/api/v1/partner/leads", **headers), n=min(runs, 5))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--link", action="store_true", help="Run link_entities first (timed).")
    args = parser.parse_args()
    triage_bench.configure(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0, interactive=False)
    if args.link:
        started = time.perf_counter()
        call_command("link_entities", batch_size=5000)
        say(f"link_entities: {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE targeting_entity; ANALYZE targeting_entitylink; ANALYZE targeting_lead")
    from reports.models import Report

    rows = measure(args.runs)
    say(f"\n{Report.objects.count():,} reports\n")
    say("| what | p50 / p95 ms | SQL ms |\n| --- | ---: | ---: |")
    for label, p50, p95, sql in rows:
        say(f"| {label} | {p50:.0f} / {p95:.0f} | {'' if sql is None else f'{sql:.0f}'} |")


if __name__ == "__main__":
    main()
