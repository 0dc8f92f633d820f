"""The isolation matrix: every portal route (tests/portal/routes.py) × every organisation kind.

For each route: a member of an allowed kind gets the route's expected answer; a member of any other kind gets 404;
a member of another organisation of the same kind gets 404 for the first organisation's objects; a role below the
route's minimum gets 403; a signed-out visitor is sent to the portal sign-in; CBP staff without a membership get
403. Routes with object kwargs get fresh objects (made by the route's `kwargs`) for every request that could use
them up.
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from partners.models import PartnerKind
from portal.models import Role
from tests.portal.routes import ROUTES
from tests.verified_client import VerifiedClient

KINDS = list(PartnerKind.values)
ROLES_LOW_TO_HIGH = [Role.VIEWER, Role.RESPONDER, Role.ADMIN]

pytestmark = pytest.mark.django_db


def route_id(route):
    return f"{route.method}-{route.name}"


def request(client, route, kwargs):
    url = reverse(route.name, kwargs=kwargs)
    return client.post(url) if route.method == "post" else client.get(url)


def allowed(route, kind):
    return route.kinds is None or kind in route.kinds


def owner_of_allowed_kind(route, portal_member):
    """A member (admin) of an organisation the route is for, and fresh URL kwargs for its objects."""
    member = portal_member(kind=(route.kinds or KINDS)[0], role=Role.ADMIN)
    return member, route.kwargs(member.organisation)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_each_kind_sees_only_its_own_pages_and_objects(route, kind, portal_member, portal_client):
    member = portal_member(kind=kind, role=Role.ADMIN)
    if not allowed(route, kind):
        _owner, kwargs = owner_of_allowed_kind(route, portal_member)
        response = request(portal_client(member), route, kwargs)
        assert response.status_code == 404, f"{route.name} answered {response.status_code} to a {kind}"
        return

    response = request(portal_client(member), route, route.kwargs(member.organisation))
    assert response.status_code == route.expected, response.content[:500]

    if route.has_objects:
        neighbour = portal_member(kind=kind, role=Role.ADMIN)
        response = request(portal_client(neighbour), route, route.kwargs(member.organisation))
        assert response.status_code == 404, f"{route.name}: another {kind} reached this organisation's object"


@pytest.mark.parametrize("route", [route for route in ROUTES if route.minimum_role != Role.VIEWER], ids=route_id)
def test_a_role_below_the_minimum_is_refused(route, portal_member, portal_client):
    admin = portal_member(kind=(route.kinds or KINDS)[0], role=Role.ADMIN)
    for role in ROLES_LOW_TO_HIGH[: ROLES_LOW_TO_HIGH.index(route.minimum_role)]:
        member = portal_member(role=role, organisation=admin.organisation)
        response = request(portal_client(member), route, route.kwargs(admin.organisation))
        assert response.status_code == 403, f"{route.name} let a {role} in"


@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_signed_out_visitors_are_sent_to_sign_in(route, portal_member, client):
    from django.test import Client

    _owner, kwargs = owner_of_allowed_kind(route, portal_member)
    response = request(Client(), route, kwargs)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("portal:sign_in") + "?next=")


@pytest.mark.parametrize("route", ROUTES, ids=route_id)
def test_staff_without_a_membership_are_refused(route, portal_member):
    _owner, kwargs = owner_of_allowed_kind(route, portal_member)
    staff = get_user_model().objects.create_superuser("chief", "chief@cbp.example.gov", "a-long-test-password")
    client = VerifiedClient()
    client.force_login(staff)
    response = request(client, route, kwargs)
    assert response.status_code == 403
    assert b"cannot use the partner portal" in response.content
