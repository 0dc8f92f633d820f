"""An entity's staff page: what it sums up, co-occurrence as a graph and a table, and who may see it."""

import re

import pytest
from django.urls import reverse

from importers.models import Importer, VettingStatus
from targeting.kinds import EntityKind as K
from targeting.models import Entity
from triage.models import Case

from .conftest import linked


def assert_refused(response, secret):
    """Wagtail's answer to someone without the permission: back to the dashboard (or 403), nothing shown."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"] == "/admin/" or "/admin/login/" in response["Location"]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert secret.encode() not in body


def page_of(entity):
    return reverse("targeting-entities:detail", args=[entity.pk])


@pytest.fixture
def seller_with_three_domains(chargers):
    for number, domain in enumerate(["volt-a.example", "volt-b.example", "volt-c.example", "volt-a.example"]):
        linked(
            chargers,
            seller_name="Volt Deals",
            listing_url=f"https://{domain}/item/{number}",
            shipped_from_country="CN" if number else "HK",
            harm=number == 0,
        )
    linked(chargers, seller_name="Someone Else", listing_url="https://volt-a.example/item/9")
    return Entity.objects.get(kind=K.SELLER, key="volt deals")


def test_a_seller_using_three_domains_shows_them_in_the_table_and_the_graph(
    client, officer, seller_with_three_domains
):
    client.force_login(officer)
    response = client.get(page_of(seller_with_three_domains))
    assert response.status_code == 200
    html = response.content.decode()
    table = html[html.index("targeting-graph__table") :]
    table = table[: table.index("</table>")]
    rows = re.findall(
        r'<th scope="row"><a href="/admin/entities/(\d+)/">([^<]+)</a></th><td>([^<]+)</td><td>(\d+)</td>', table
    )
    shared = {name: int(count) for _pk, name, _kind, count in rows}
    assert shared["volt-a.example"] == 2
    assert shared["volt-b.example"] == 1 and shared["volt-c.example"] == 1
    assert "Someone Else" not in shared  # it shares a domain, not a report
    # The picture: one line per co-occurring entity, hidden from screen readers, no links in it.
    svg = html[html.index('<svg class="targeting-graph__picture"') :]
    svg = svg[: svg.index("</svg>")]
    assert 'aria-hidden="true"' in svg and "<a " not in svg
    assert svg.count("<line ") == len(rows)


def test_the_page_sums_up_reports_countries_harm_and_cases(client, officer, seller_with_three_domains):
    case = Case.objects.create(title="Volt ring")
    case.reports.add(seller_with_three_domains.links.first().report)
    client.force_login(officer)
    html = client.get(page_of(seller_with_three_domains)).content.decode()
    assert re.search(r"<dt>Reports</dt><dd>4</dd>", html)
    assert re.search(r"<dt>Reports of harm</dt><dd>1</dd>", html)
    assert re.search(r'<th scope="row">China</th><td>3</td>', html)
    assert re.search(r'<th scope="row">Hong Kong</th><td>1</td>', html)
    assert re.search(r'<th scope="row">Chargers</th><td>4</td>', html)
    assert "Volt ring" in html


def test_a_seller_using_a_vetted_importers_name_is_flagged(client, officer, chargers):
    Importer.objects.create(
        legal_name="Volt Deals, Inc.",
        country="US",
        program="other",
        status=VettingStatus.REVOKED,
        vetted_on="2025-01-01",
        valid_until="2027-01-01",
    )
    linked(chargers, seller_name="VOLT DEALS")
    client.force_login(officer)
    html = client.get(page_of(Entity.objects.get(kind=K.SELLER))).content.decode()
    assert "uses the name of a vetted importer" in html
    assert "Volt Deals, Inc. (Revoked)" in html


def test_the_report_page_links_to_its_entities(client, officer, chargers):
    report = linked(chargers, seller_name="Volt Deals")
    client.force_login(officer)
    html = client.get(reverse("triage:inspect", args=[report.pk])).content.decode()
    seller = Entity.objects.get(kind=K.SELLER)
    assert f'href="{page_of(seller)}">Volt Deals</a>' in html


def test_search_reads_what_is_typed_as_each_kind(client, officer, chargers):
    linked(chargers, seller_name="Volt Deals LLC", description="Call 202 555 0143.")
    client.force_login(officer)
    for typed, found in [("volt-deals", "Volt Deals LLC"), ("(202) 555-0143", "+1 202-555-0143")]:
        html = client.get(reverse("targeting-entities:index"), {"q": typed}).content.decode()
        assert f">{found}</a>" in html, typed
    html = client.get(reverse("targeting-entities:index"), {"q": "nobody"}).content.decode()
    assert "No entity matches" in html


def test_only_staff_with_the_permission_see_entities(client, editor, officer, chargers):
    linked(chargers, seller_name="Volt Deals")
    seller = Entity.objects.get(kind=K.SELLER)
    client.force_login(editor)  # in the admin, but not triage staff
    for url in (page_of(seller), reverse("targeting-entities:index")):
        assert_refused(client.get(url), "Volt Deals")
    client.logout()
    response = client.get(page_of(seller))
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(officer)
    assert client.get(page_of(seller)).status_code == 200
