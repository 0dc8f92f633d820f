"""The marketplace list: a report's marketplace is recognised by its listing address or by the typed name."""

from reference.marketplaces import MARKETPLACE_HOSTS, is_marketplace_host, known_marketplace


def test_marketplaces_are_recognised_by_address_or_typed_name():
    assert known_marketplace("", "https://www.amazon.com/dp/B01?tag=x") == "Amazon"
    assert known_marketplace("John's shop", "https://m.ebay.com/itm/1") == "eBay"
    assert known_marketplace("  WALMART ", "") == "Walmart"
    assert known_marketplace("Mercado-Libre", "") == "Mercado Libre"
    assert known_marketplace("www.AliExpress.com", "") == "AliExpress"
    assert known_marketplace("facebook", "https://shop.example/1") == "Facebook Marketplace"
    assert known_marketplace("amazon", "http://[broken") == "Amazon"
    assert known_marketplace("John's shop", "https://john.example/") is None
    assert known_marketplace("notamazon.com", "https://amazon.com.evil.example/") is None


def test_a_listing_address_is_read_with_the_shared_host_rules():
    # Credentials, port, trailing dot and upper case do not hide the marketplace; a look-alike is not it.
    assert known_marketplace("", "https://user:pw@WWW.Amazon.COM.:443/dp/B01") == "Amazon"
    assert known_marketplace("", "https://amazon.com@evil.example/dp/B01") is None
    assert known_marketplace("", "https://evil.example\\@amazon.com/") is None


def test_triage_keeps_the_same_marketplace_domains():
    assert MARKETPLACE_HOSTS == {
        "amazon.com",
        "ebay.com",
        "walmart.com",
        "etsy.com",
        "temu.com",
        "shein.com",
        "aliexpress.com",
        "alibaba.com",
        "wish.com",
        "target.com",
        "facebook.com",
        "instagram.com",
        "tiktok.com",
        "shop.app",
        "mercadolibre.com",
        "dhgate.com",
        "poshmark.com",
        "mercari.com",
        "offerup.com",
        "craigslist.org",
    }
    assert is_marketplace_host("m.ebay.com") and is_marketplace_host("amazon.com")
    assert not is_marketplace_host("notebay.com") and not is_marketplace_host("shop.example.com")
    assert not is_marketplace_host("")
