"""GS1 barcode numbers: known good codes pass, a wrong check digit or length fails."""

import pytest

from reference.gtin import gs1_check_digit, is_valid_gtin, normalize_gtin

GOOD = [
    ("96385074", "GTIN-8 (GS1's own example)"),
    ("036000291452", "UPC-A"),
    ("012345678905", "UPC-A"),
    ("4006381333931", "EAN-13"),
    ("5901234123457", "EAN-13 (GS1's own example)"),
    ("10614141000415", "GTIN-14"),
    ("00012345600012", "GTIN-14 (GS1's own example)"),
]


@pytest.mark.parametrize(("code", "kind"), GOOD)
def test_known_good_codes_pass(code, kind):
    assert is_valid_gtin(code), kind
    assert normalize_gtin(code) == code


@pytest.mark.parametrize(
    "code",
    [
        "96385075",  # last digit changed
        "036000291453",
        "012345678900",
        "4006381333932",
        "5901234123450",
        "10614141000416",
    ],
)
def test_a_wrong_check_digit_fails(code):
    assert not is_valid_gtin(code)
    assert normalize_gtin(code) == ""


def test_swapped_neighbours_are_caught():
    # The weights 3 and 1 catch most swaps of two neighbouring digits (3600 -> 6300).
    assert not is_valid_gtin("063000291452")


@pytest.mark.parametrize(
    "code",
    ["", "1234567", "12345678901", "123456789012345", "03600029145A", "０３６０００２９１４５２", None, 36000291452],
)
def test_wrong_lengths_letters_wide_digits_and_non_text_fail(code):
    assert not is_valid_gtin(code)


def test_spaces_and_dashes_are_removed():
    assert normalize_gtin("0 36000 29145 2") == "036000291452"
    assert normalize_gtin("400-6381-33393-1") == "4006381333931"


def test_the_check_digit_is_computed_from_the_right():
    assert gs1_check_digit("03600029145") == "2"
    assert gs1_check_digit("400638133393") == "1"
    assert gs1_check_digit("9638507") == "4"
