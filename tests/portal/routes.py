"""Every portal page, for the isolation matrix (test_isolation.py). Each feature adds its own block at the end.

PortalRoute(name, kwargs, kinds, method="get", expected=200, minimum_role="viewer"):
- name: the URL name, like "portal:keys" or "portal:brands_portal:guides".
- kwargs: owner_org -> the URL's kwargs. For a page about one object, make that object for `owner_org` here (the
  test then checks that a member of another organisation of the same kind gets 404 for it). Default: no kwargs.
- kinds: the organisation kinds (PartnerKind values) the page is for; None: every kind. Others get 404.
- method: "get" or "post" (a POST is sent with no data: `expected` is what an allowed member gets then).
- expected: the status an allowed member gets (200, or e.g. 302 / 400 for a POST).
- minimum_role: the lowest role allowed; a lower role gets 403.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


def no_kwargs(owner_org):
    return {}


@dataclass(frozen=True)
class PortalRoute:
    name: str
    kwargs: Callable = field(default=no_kwargs)
    kinds: tuple | None = None
    method: str = "get"
    expected: int = 200
    minimum_role: str = "viewer"

    @property
    def has_objects(self):
        return self.kwargs is not no_kwargs


def _member_of(owner_org):
    from tests.portal.members import new_member

    return {"pk": new_member(role="viewer", organisation=owner_org).pk}


def _invitation_of(owner_org):
    from portal import invitations

    invitation, _link = invitations.invite(
        organisation=owner_org, email=f"invitee-{owner_org.pk}@example.com", role="viewer", invited_by=None
    )
    return {"pk": invitation.pk}


def _key_of(owner_org):
    from partners import keys

    return {"pk": keys.create_key(partner=owner_org, name="sync", scopes=["reports:read-own-referrals"])[0].pk}


def _renewal_of(owner_org):
    from importers.models import RenewalApplication

    return {
        "pk": RenewalApplication.objects.create(importer=owner_org.importer, statement="Nothing", state="approved").pk
    }


ROUTES = [
    # portal (foundation)
    PortalRoute("portal:home"),
    PortalRoute("portal:account"),
    PortalRoute("portal:recovery_codes"),
    PortalRoute("portal:users", minimum_role="admin"),
    PortalRoute("portal:invite", minimum_role="admin"),
    PortalRoute("portal:member", _member_of, minimum_role="admin"),
    PortalRoute("portal:withdraw", _invitation_of, method="post", expected=302, minimum_role="admin"),
    PortalRoute("portal:keys", minimum_role="admin"),
    PortalRoute("portal:new_key", minimum_role="admin"),
    PortalRoute("portal:key_created", _key_of, minimum_role="admin"),
    PortalRoute("portal:revoke_key", _key_of, minimum_role="admin"),
    # importers (imp)
    PortalRoute("portal:importers_portal:status", kinds=("importer",)),
    PortalRoute("portal:importers_portal:consent", kinds=("importer",), minimum_role="admin"),
    PortalRoute("portal:importers_portal:apply", kinds=("importer",), minimum_role="responder"),
    PortalRoute("portal:importers_portal:application", _renewal_of, kinds=("importer",)),
]
