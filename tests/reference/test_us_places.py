"""USPS state and territory codes, and ZIP codes."""

import pytest

from reference.us_places import US_STATE_CODES, is_zip_code, state_choices


def test_every_state_dc_and_the_territories_are_there():
    assert len(US_STATE_CODES) == 50 + 1 + 5 + 3
    assert {"DC", "PR", "GU", "VI", "AS", "MP", "CA", "NY", "WY"} <= US_STATE_CODES
    assert not {"AA", "AE", "AP", "XX", "UK"} & US_STATE_CODES
    assert [name for _code, name in state_choices()][:2] == ["Alabama", "Alaska"]


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("20229", True),
        ("20229-0001", True),
        ("2022", False),
        ("202290001", False),
        ("20229-01", False),
        ("ABCDE", False),
        ("２０２２９", False),
        (" 20229", False),
        (20229, False),
    ],
)
def test_zip_codes(value, valid):
    assert is_zip_code(value) is valid
