"""The public directory: who is listed, search by name and address, filters, pages, "Check a seller", bad input."""

from datetime import timedelta

import pytest
from django.utils import timezone

from importers.directory import PAGE_SIZE, DirectoryParams, database_search
from importers.models import Program, VettingStatus

from .conftest import ImporterFactory, set_status

pytestmark = pytest.mark.django_db

URL = "/trusted-importers/"


@pytest.fixture
def importers(site_tree):
    today = timezone.localdate()
    listed = ImporterFactory(
        legal_name="Acme Example Imports LLC",
        trade_names=["Acme Chargers"],
        domains=["acme.example"],
        stores=["https://marketplace.example/shops/acme"],
        country="US",
        program=Program.CTPAT_SECURITY,
    )
    suspended = set_status(
        ImporterFactory(legal_name="Suspended Example Co", domains=["suspended.example"]), "suspended"
    )
    revoked = set_status(ImporterFactory(legal_name="Revoked Example Co", domains=["revoked.example"]), "revoked")
    expired = ImporterFactory(
        legal_name="Expired Example Co",
        domains=["expired.example"],
        vetted_on=today - timedelta(days=400),
        valid_until=today - timedelta(days=1),
    )
    future = ImporterFactory(
        legal_name="Future Example Co",
        domains=["future.example"],
        vetted_on=today + timedelta(days=1),
        valid_until=today + timedelta(days=365),
    )
    last_day = ImporterFactory(legal_name="Last Day Example Co", valid_until=today, country="MX")
    return {
        "listed": listed,
        "suspended": suspended,
        "revoked": revoked,
        "expired": expired,
        "future": future,
        "last_day": last_day,
    }


def names(response):
    return [importer.legal_name for importer in response.context["results"].importers]


def test_only_trusted_and_currently_valid_importers_are_listed(client, importers):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Acme Example Imports LLC", "Last Day Example Co"]
    content = response.content.decode()
    for hidden in ("Suspended Example", "Revoked Example", "Expired Example", "Future Example"):
        assert hidden not in content


def test_the_spanish_directory_answers_in_spanish(client, importers):
    response = client.get("/es" + URL)
    assert response.status_code == 200
    assert response.wsgi_request.LANGUAGE_CODE == "es"
    assert '<html lang="es"' in response.content.decode()
    assert names(response) == ["Acme Example Imports LLC", "Last Day Example Co"]


@pytest.mark.parametrize(
    "query",
    ["acme", "Acme Example", "ACME CHARGERS", "chargers", "acme.example", "https://www.acme.example/x?y=1"],
)
def test_search_by_name_trade_name_and_domain(client, importers, query):
    assert names(client.get(URL, {"q": query})) == ["Acme Example Imports LLC"]


def test_search_by_store_address(client, importers):
    response = client.get(URL, {"q": "https://marketplace.example/shops/acme/item/9"})
    assert names(response) == ["Acme Example Imports LLC"]
    assert names(client.get(URL, {"q": "marketplace.example/shops/other"})) == []


def test_hidden_importers_are_not_found_by_name_or_address(client, importers):
    for query in ("Suspended Example", "revoked.example", "Expired", "future.example"):
        response = client.get(URL, {"q": query})
        assert names(response) == [], query


def test_filters_by_program_and_country(client, importers):
    assert names(client.get(URL, {"program": "ctpat_security"})) == ["Acme Example Imports LLC"]
    assert names(client.get(URL, {"country": "MX"})) == ["Last Day Example Co"]
    assert names(client.get(URL, {"country": "MX", "program": "ctpat_security"})) == []


def test_results_are_paginated(client, site_tree):
    for n in range(PAGE_SIZE + 3):
        ImporterFactory(legal_name=f"Paged Example {n:02d}")
    first = client.get(URL)
    assert first.context["results"].count == PAGE_SIZE + 3
    assert len(names(first)) == PAGE_SIZE
    assert 'href="?page=2"' in first.content.decode()
    second = client.get(URL, {"page": 2})
    assert len(names(second)) == 3


def test_database_search_respects_today():
    today = timezone.localdate()
    importer = ImporterFactory(legal_name="Dated Example", valid_until=today + timedelta(days=10))
    assert database_search(DirectoryParams(), today).importers == [importer]
    assert database_search(DirectoryParams(), today + timedelta(days=11)).importers == []


def test_check_a_seller_found(client, importers):
    response = client.get(URL, {"seller": "https://www.acme.example/products/1?ref=x"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "check-result--found" in content
    assert "acme.example/products/1 belongs to Acme Example Imports LLC" in content
    assert "not a guarantee about every product or listing" in content
    assert "check carefully that the address" in content


def test_check_a_marketplace_store(client, importers):
    found = client.get(URL, {"seller": "marketplace.example/shops/acme/listing/77"})
    assert found.context["check"].found
    other = client.get(URL, {"seller": "marketplace.example/shops/acme-official"})
    assert not other.context["check"].found
    assert "was not found in the directory" in other.content.decode()


@pytest.mark.parametrize("name", ["suspended", "revoked", "expired", "future"])
def test_check_never_reveals_a_status(client, importers, name):
    response = client.get(URL, {"seller": f"https://{name}.example/"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "was not found in the directory" in content
    assert importers[name].legal_name not in content
    for label in ("Suspended", "Revoked", "Expired", "not yet valid"):
        assert label not in content.replace(importers[name].legal_name, "")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"seller": "https://example.com/" + "a" * 3000}, "too long"),
        ({"seller": "this is not a web address"}, "could not read that as a web address"),
        ({"seller": "javascript:alert(1)"}, "could not read that as a web address"),
        ({"q": "x" * 201}, "at most 200 characters"),
        ({"page": "two"}, "whole number"),
        ({"page": "0"}, "1 or more"),
        ({"page": "99999"}, "not that many pages"),
        ({"program": "gold"}, "Pick a program"),
        ({"country": "ZZ"}, "Pick a country"),
    ],
)
def test_bad_input_gets_a_clear_400(client, importers, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="error-summary"' in content
    assert message in content


def test_empty_input_is_just_the_directory(client, importers):
    response = client.get(URL, {"seller": "", "q": ""})
    assert response.status_code == 200
    assert response.context["check"] is None


def test_post_is_not_allowed(client, site_tree):
    assert client.post(URL).status_code == 405


def test_header_links_to_the_directory(client, site_tree):
    assert 'href="/trusted-importers/"' in client.get(URL).content.decode()
    assert 'href="/es/trusted-importers/"' in client.get("/es" + URL).content.decode()


def test_the_status_is_never_on_the_public_page(client, importers):
    content = client.get(URL).content.decode()
    assert str(VettingStatus.SUSPENDED.label) not in content
