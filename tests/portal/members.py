"""Portal organisations and their users for tests (the fixtures in conftest.py and the browser helpers use these)."""

import itertools
from datetime import date

from django.contrib.auth import get_user_model

from partners.models import Partner
from portal.models import Membership

PASSWORD = "violet-harbour-lantern-42"  # passes the project's password validators
_numbers = itertools.count(1)


def new_organisation(kind="marketplace", **partner_fields):
    """A Partner of this kind. An agency sees FDA's referrals unless told otherwise; an importer organisation gets a
    vetted importer of its own."""
    number = next(_numbers)
    fields = {"name": f"{kind.replace('_', ' ').title()} Org {number}", **partner_fields}
    if kind == "agency":
        fields.setdefault("agency", "fda")
    if kind == "marketplace":
        # Where tests.partners.conftest.reported() reports were bought: the buyer's consent covers this marketplace.
        fields.setdefault("domains", "bargainmart.example.com")
    if kind == "importer" and "importer" not in fields:
        from importers.models import Importer

        fields["importer"] = Importer.objects.create(
            legal_name=f"Importer {number} LLC",
            country="US",
            program="ctpat_trade_compliance",
            vetted_on=date(2026, 1, 1),
            valid_until=date(2027, 12, 31),
        )
    return Partner.objects.create(kind=kind, **fields)


def new_member(kind="marketplace", role="admin", organisation=None, **partner_fields):
    """A Membership with a new user (password PASSWORD), in a new organisation of `kind` unless one is given."""
    organisation = organisation or new_organisation(kind, **partner_fields)
    number = next(_numbers)
    email = f"member{number}@org{organisation.pk}.example.com"
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, first_name="Pat", last_name=f"Member {number}"
    )
    return Membership.objects.create(user=user, organisation=organisation, role=role)
