"""The one host normaliser: every app reads a web address's host the same way, tricky addresses included."""

import re

import pytest

from reference.hosts import (
    AddressError,
    address_key,
    host_of,
    host_suffixes,
    host_within,
    normalise_host,
    parse_address,
    path_prefixes,
)


@pytest.mark.parametrize(
    ("text", "host"),
    [
        ("shop.example", "shop.example"),
        ("HTTPS://Shop.EXAMPLE.com/Path", "shop.example.com"),
        # Credentials, port, path, query and fragment are not part of the host.
        ("https://user:secret@shop.example:8443/a?b=c#d", "shop.example"),
        # The browser goes to the host after "@", not to the one written as a user name.
        ("http://amazon.com@evil.example/", "evil.example"),
        # Browsers read a backslash as a slash: this address leads to evil.example.
        ("http://evil.example\\@amazon.com/", "evil.example"),
        # A trailing dot (the DNS root) and a leading www. do not make another host.
        ("shop.example.", "shop.example"),
        ("http://WWW.Shop.Example.:80/", "shop.example"),
        ("www.www.example", "www.example"),
        ("wwwshop.example", "wwwshop.example"),
        # "www.com" is a name of its own: stripping would leave the bare top-level domain.
        ("www.com", "www.com"),
        # International names in their ASCII form (UTS #46, as browsers): case folded, full-width dots read.
        ("Bücher.example", "xn--bcher-kva.example"),
        ("https://BÜCHER.example/x", "xn--bcher-kva.example"),
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("faß.de", "xn--fa-hia.de"),
        ("shop。example", "shop.example"),
        # Percent-escapes in the host are what they stand for.
        ("http://%65xample.com/", "example.com"),
        # Scheme written without its slashes, or with too many.
        ("http:shop.example/item", "shop.example"),
        ("HTTPS:///shop.example", "shop.example"),
        ("  https://shop.example  ", "shop.example"),
        # Any host a browser could reach is kept here (parse_address is stricter).
        ("http://192.0.2.7/shop", "192.0.2.7"),
        ("http://[2001:DB8::1]:8080/", "2001:db8::1"),
        ("localhost", "localhost"),
    ],
)
def test_hosts_are_normalised_the_way_a_browser_reads_them(text, host):
    assert host_of(text) == host


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        None,
        42,
        "javascript:alert(1)",
        "mailto:seller@shop.example",
        "ftp://shop.example/file",
        "example.com:abc",
        "http://[broken",
        "http://a..b/",
        "http://%2fetc.example/",
        "http://i❤.ws/",
        "http://" + "a" * 250 + ".example/",
    ],
)
def test_text_that_is_no_usable_address_has_no_host(text):
    assert host_of(text) == ""
    assert address_key(text) == ""


def test_the_store_address_key_is_host_and_path():
    assert address_key("https://www.shop.example.com/Lux/Bag-1/?ref=ad#top") == "shop.example.com/lux/bag-1"
    assert address_key("shop.example.com/lux/bag-1") == "shop.example.com/lux/bag-1"
    assert address_key("https://WWW.Shop.Example.com:443/a//B/") == "shop.example.com/a/b"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("acme.example", ("acme.example", "acme.example")),
        ("www.acme.example", ("acme.example", "acme.example")),
        ("https://WWW.Acme.Example/", ("acme.example", "acme.example")),
        ("http://acme.example/shop/item?id=4#reviews", ("acme.example", "acme.example/shop/item")),
        ("https://marketplace.example/shops/Acme/", ("marketplace.example", "marketplace.example/shops/acme")),
        ("acme.example:8080/a//b/", ("acme.example", "acme.example/a/b")),
        ("  https://acme.example  ", ("acme.example", "acme.example")),
        ("https://user:pw@Bücher.example./Laden", ("xn--bcher-kva.example", "xn--bcher-kva.example/laden")),
    ],
)
def test_typed_addresses_are_parsed_with_the_same_rules(text, expected):
    assert parse_address(text) == expected
    assert host_of(text) == expected[0]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "enter a web address"),
        ("   ", "enter a web address"),
        ("not a url", "a web address has no spaces"),
        ("hello", "it does not look like a web address"),
        ("acme", "it does not look like a web address"),
        ("localhost", "it does not look like a web address"),
        ("http://192.0.2.7/", "it does not look like a web address"),
        ("http://under_score.example/", "it does not look like a web address"),
        ("javascript:alert(1)", "only web addresses (http or https) can be checked"),
        ("ftp://acme.example", "only web addresses (http or https) can be checked"),
        ("x" * 3000, "the address is longer than 2048 characters"),
        ("http://", "the address is not written correctly"),
        ("http://[::1", "the address is not written correctly"),
    ],
)
def test_typed_addresses_that_cannot_be_used_are_refused_with_a_reason(text, reason):
    with pytest.raises(AddressError, match=re.escape(reason)):
        parse_address(text)


def test_normalise_host_alone():
    assert normalise_host("WWW.Example.COM.") == "example.com"
    with pytest.raises(AddressError):
        normalise_host("")


def test_a_subdomain_is_within_its_domain_and_a_look_alike_is_not():
    assert host_within("m.ebay.com", "ebay.com") and host_within("ebay.com", "ebay.com")
    assert not host_within("notebay.com", "ebay.com") and not host_within("ebay.com.evil.example", "ebay.com")
    assert not host_within("", "ebay.com")
    assert host_suffixes("shop.acme.example") == ["shop.acme.example", "acme.example"]
    assert path_prefixes("m.example/shops/acme/item") == [
        "m.example/shops",
        "m.example/shops/acme",
        "m.example/shops/acme/item",
    ]
