"""Portal fixtures.

`portal_member(kind="marketplace", role="admin", organisation=None, **partner_fields)` makes a Membership (a new
user, and a new Partner of that kind when no organisation is given; an agency gets agency="fda" by default).
`portal_client(membership)` is a Django test client signed in as that member and past the second factor (the real
steps are proved in test_sign_in.py; browser tests use tests.portal.browser_support.sign_in_to_portal).
"""

import pytest

from tests.portal.members import new_member
from tests.verified_client import VerifiedClient


@pytest.fixture
def portal_member(db):
    return new_member


@pytest.fixture
def portal_client(db):
    def signed_in(membership):
        client = VerifiedClient()
        client.force_login(membership.user)
        return client

    return signed_in
