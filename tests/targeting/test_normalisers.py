"""One normaliser per kind of entity: spellings people read as the same get one key, other text gets ""."""

import pytest

from targeting.kinds import EntityKind, normalise, shown_phone, shown_product


@pytest.mark.parametrize(
    "kind, spellings, key",
    [
        (EntityKind.SELLER, ["ACME Imports, L.L.C.", "  acme   imports ", "Acme-Imports Inc."], "acme imports"),
        (EntityKind.BRAND, ["Nike, Inc.", "NIKE", "nike inc"], "nike"),
        (
            EntityKind.DOMAIN,
            ["https://WWW.Shop.Example/x?y=1", "shop.example", "http://user@shop.example:8080/"],
            "shop.example",
        ),
        (
            EntityKind.STORE,
            [
                "https://Market.example/Shops/Acme/?ref=1",
                "market.example/shops/acme//",
                "www.market.example/shops/acme#top",
            ],
            "market.example/shops/acme",
        ),
        (EntityKind.PRODUCT, ["036000291452", "0 36000 29145 2", "0036000291452", "00036000291452"], "00036000291452"),
        (EntityKind.PRODUCT, ["4006381333931", "400-6381-333931"], "04006381333931"),
        (EntityKind.PRODUCT, ["96385074"], "00000096385074"),
        (EntityKind.PHONE, ["(202) 555-0143", "202.555.0143", "+1 202 555 0143", "1-202-555-0143"], "+12025550143"),
        (EntityKind.PHONE, ["+44 20 7946 0958", "+44 (0)20 7946 0958"], "+442079460958"),
        (EntityKind.EMAIL, ["  Sales@Shop.Example ", "sales@shop.example"], "sales@shop.example"),
    ],
)
def test_spellings_of_one_entity_share_a_key(kind, spellings, key):
    assert {normalise(kind, spelling) for spelling in spellings} == {key}


@pytest.mark.parametrize(
    "kind, text",
    [
        (EntityKind.SELLER, "  ...  "),
        (EntityKind.DOMAIN, "mailto:someone@shop.example"),
        (EntityKind.DOMAIN, "not an address at all"),
        (EntityKind.STORE, "https://shop.example/"),  # a bare domain is a domain, not a store address
        (EntityKind.PRODUCT, "036000291453"),  # wrong check digit
        (EntityKind.PRODUCT, "03600029145"),  # eleven digits
        (EntityKind.PRODUCT, "０３６０００２９１４５２"),  # full-width digits are not a barcode
        (EntityKind.PHONE, "555-0100"),  # too short to be a real number
        (EntityKind.PHONE, "call me"),
        (EntityKind.EMAIL, "sales at shop dot example"),
        (EntityKind.EMAIL, "sales@"),
    ],
)
def test_text_that_is_not_the_kind_has_no_key(kind, text):
    assert normalise(kind, text) == ""


def test_the_seller_key_is_the_importer_directorys_name_key():
    """Sellers and importers are compared by the same rule (reference/sellers.py), so an entity can be looked up
    in the directory by its key."""
    from reference.sellers import seller_name_key

    for name in ["Acme Imports, LLC", "Ünïcode Trading GmbH", "A & B Co."]:
        assert normalise(EntityKind.SELLER, name) == seller_name_key(name)


def test_numbers_are_shown_as_people_write_them():
    assert shown_product("00036000291452") == "036000291452"
    assert shown_product("04006381333931") == "4006381333931"
    assert shown_product("00000096385074") == "96385074"
    assert shown_phone("+12025550143") == "+1 202-555-0143"
