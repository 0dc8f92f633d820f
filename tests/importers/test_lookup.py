"""Checking a seller's address: URL variants, store paths on a shared marketplace, names, and status rules."""

import pytest

from importers.lookup import check_address, match_seller
from importers.models import VettingStatus

from .conftest import ImporterFactory, set_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme():
    return ImporterFactory(
        legal_name="Acme Example Imports LLC",
        trade_names=["Acme Chargers"],
        domains=["https://www.acme.example/"],
        stores=["https://marketplace.example/shops/acme"],
    )


@pytest.mark.parametrize(
    "url",
    [
        "acme.example",
        "www.acme.example",
        "http://acme.example",
        "https://www.acme.example/products/charger-20w?ref=ad#top",
        "HTTPS://ACME.EXAMPLE",
        "shop.acme.example/cart",
    ],
)
def test_domain_variants_match(acme, url):
    result = match_seller(url=url)
    assert result["match"] == "domain"
    assert result["importer"] == acme
    assert result["status"] == VettingStatus.TRUSTED
    assert result["publicly_listed"] is True
    assert check_address(url).importer == acme


@pytest.mark.parametrize(
    "url",
    [
        "https://marketplace.example/shops/acme",
        "marketplace.example/shops/acme/",
        "https://www.marketplace.example/shops/acme/listing/123?color=red",
        "http://marketplace.example/shops/ACME#reviews",
    ],
)
def test_store_urls_match_by_path_prefix(acme, url):
    result = match_seller(url=url)
    assert result["match"] == "store_url"
    assert result["importer"] == acme


@pytest.mark.parametrize(
    "url",
    [
        "https://marketplace.example/shops/acme-deals",
        "https://marketplace.example/shops/other",
        "https://marketplace.example/",
        "https://marketplace.example/shops",
        "https://acme.example.evil.example/",
        "https://notacme.example/",
        "https://acme.example.com/",
    ],
)
def test_other_stores_and_lookalike_domains_do_not_match(acme, url):
    assert match_seller(url=url)["match"] is None
    assert not check_address(url).found


def test_seller_name_is_found_even_when_the_address_is_not(acme):
    result = match_seller(url="https://marketplace.example/shops/acme-official", seller_name="ACME CHARGERS")
    assert result["match"] == "name"
    assert result["importer"] == acme
    assert result["claims_name"] is True
    assert result["name_matches"] == [acme]


def test_address_match_with_a_claimed_name_of_another_importer(acme):
    other = ImporterFactory(legal_name="Globex Example Corp", domains=["globex.example"])
    result = match_seller(url="globex.example", seller_name="Acme Example Imports")
    assert result["match"] == "domain"
    assert result["importer"] == other
    assert result["claims_name"] is True
    assert result["name_matches"] == [acme]


def test_staff_lookup_finds_suspended_and_revoked_importers_the_public_never_sees(acme):
    set_status(acme, VettingStatus.SUSPENDED)
    result = match_seller(url="acme.example", seller_name="Acme Chargers")
    assert result["importer"] == acme
    assert result["status"] == VettingStatus.SUSPENDED
    assert result["publicly_listed"] is False
    assert not check_address("acme.example").found

    set_status(acme, VettingStatus.REVOKED)
    assert match_seller(url="acme.example")["status"] == VettingStatus.REVOKED
    assert not check_address("acme.example").found


def test_no_input_and_bad_input_give_an_empty_answer(acme):
    assert match_seller()["match"] is None
    result = match_seller(url="not a url at all")
    assert result["match"] is None
    assert result["error"]
    assert match_seller(seller_name="   ")["claims_name"] is False
