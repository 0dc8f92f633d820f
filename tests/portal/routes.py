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


def _webhook_endpoint_of(owner_org):
    from webhooks.endpoints import create_endpoint

    return {"pk": create_endpoint(organisation=owner_org, url="https://hooks.example.com/cbp")[0].pk}


def _webhook_delivery_of(owner_org):
    from webhooks.endpoints import create_endpoint
    from webhooks.models import Delivery

    endpoint = create_endpoint(organisation=owner_org, url="https://hooks.example.com/cbp")[0]
    return {"pk": Delivery.objects.create(endpoint=endpoint, event_type="referral.created", body="{}").pk}


def _key_of(owner_org):
    from partners import keys

    return {"pk": keys.create_key(partner=owner_org, name="sync", scopes=["reports:read-own-referrals"])[0].pk}


REFERRAL_KINDS = ("marketplace", "carrier", "rights_holder")


def _referral_of(owner_org):
    from tests.reports.factories import ReportFactory
    from triage.models import Referral

    referral = Referral.objects.create(report=ReportFactory(), agency="marketplace", recipient=owner_org)
    return {"pk": referral.pk}


def _brand_of(owner_org):
    from brands.models import Brand

    return {"pk": Brand.objects.create(owner=owner_org, name=f"Brand {Brand.objects.count() + 1}").pk}


def _guide_photo_of(owner_org):
    from brands import guides
    from brands.models import Brand, Guide
    from tests.reports.factories import image_bytes

    guide = Guide.objects.create(brand=Brand.objects.get(pk=_brand_of(owner_org)["pk"]))
    clean = guides.check_photo(image_bytes("PNG"), "A genuine box")
    return {"pk": guides.add_photo(guide, clean, "A genuine box", user=None).pk}


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
    # portalrefs: marketplaces and carriers (partners/portal_urls.py)
    PortalRoute("portal:referrals:inbox", kinds=REFERRAL_KINDS),
    PortalRoute("portal:referrals:referral", _referral_of, kinds=REFERRAL_KINDS),
    PortalRoute("portal:referrals:respond", _referral_of, REFERRAL_KINDS, "post", 400, "responder"),
    PortalRoute(
        "portal:referrals:respond_many", kinds=REFERRAL_KINDS, method="post", expected=400, minimum_role="responder"
    ),
    # Sending reports also needs the bulk scope on a working key (none here): refused with 403.
    PortalRoute("portal:referrals:upload", kinds=REFERRAL_KINDS, expected=403, minimum_role="responder"),
    PortalRoute(
        "portal:referrals:upload", kinds=REFERRAL_KINDS, method="post", expected=403, minimum_role="responder"
    ),
    # webhooks: notices of new referrals (email choice; endpoints, secret, delivery log and replay for admins)
    PortalRoute("portal:webhooks_portal:preferences"),
    PortalRoute("portal:webhooks_portal:endpoints", minimum_role="admin"),
    PortalRoute("portal:webhooks_portal:new_endpoint", minimum_role="admin"),
    PortalRoute("portal:webhooks_portal:endpoint", _webhook_endpoint_of, minimum_role="admin"),
    PortalRoute("portal:webhooks_portal:secret", _webhook_endpoint_of, minimum_role="admin"),
    PortalRoute("portal:webhooks_portal:rotate", _webhook_endpoint_of, minimum_role="admin"),
    # Rolling the secret: a POST with no choice is refused (400) and changes nothing.
    PortalRoute(
        "portal:webhooks_portal:rotate", _webhook_endpoint_of, method="post", expected=400, minimum_role="admin"
    ),
    PortalRoute(
        "portal:webhooks_portal:enabled", _webhook_endpoint_of, method="post", expected=302, minimum_role="admin"
    ),
    PortalRoute("portal:webhooks_portal:delete", _webhook_endpoint_of, minimum_role="admin"),
    PortalRoute("portal:webhooks_portal:delivery", _webhook_delivery_of, minimum_role="admin"),
    PortalRoute(
        "portal:webhooks_portal:replay", _webhook_delivery_of, method="post", expected=302, minimum_role="admin"
    ),
]

# scorecards: other agencies' referrals, and each organisation's own scorecard.
# Two organisations of one agency share its referrals (Referral.agency), and the fixtures make FDA organisations
# by default; so the owner of a referral here is made a CPSC organisation, and "another agency organisation" (FDA)
# must get 404 for it.


def _agency_referral_of(owner_org):
    from tests.reports.factories import ReportFactory
    from triage.models import Referral

    type(owner_org).objects.filter(pk=owner_org.pk).update(agency="cpsc")
    return {"pk": Referral.objects.create(agency="cpsc", report=ReportFactory()).pk}


def _agency_file_of(owner_org):
    from django.core.files.base import ContentFile

    from reports.models import Attachment
    from triage.models import Referral

    kwargs = _agency_referral_of(owner_org)
    report = Referral.objects.get(pk=kwargs["pk"]).report
    attachment = Attachment(report=report, content_type="application/pdf", size=8, sha256="0")
    attachment.file.save("file.pdf", ContentFile(b"%PDF-1.4"), save=False)
    attachment.save()
    return {**kwargs, "attachment_id": attachment.pk}


ROUTES += [
    PortalRoute("portal:agencies_portal:inbox", kinds=("agency",)),
    PortalRoute("portal:agencies_portal:referral", _agency_referral_of, kinds=("agency",)),
    PortalRoute("portal:agencies_portal:file", _agency_file_of, kinds=("agency",)),
    PortalRoute(
        "portal:agencies_portal:acknowledge",
        _agency_referral_of,
        kinds=("agency",),
        method="post",
        expected=302,
        minimum_role="responder",
    ),
    PortalRoute(
        "portal:agencies_portal:outcome",
        _agency_referral_of,
        kinds=("agency",),
        method="post",
        expected=400,
        minimum_role="responder",
    ),
    PortalRoute(
        "portal:agencies_portal:question",
        _agency_referral_of,
        kinds=("agency",),
        method="post",
        expected=400,
        minimum_role="responder",
    ),
    PortalRoute("portal:scorecard:own"),
    # brands (rights holders)
    PortalRoute("portal:brands_portal:brands", kinds=("rights_holder",)),
    PortalRoute("portal:brands_portal:brand", _brand_of, kinds=("rights_holder",)),
    PortalRoute("portal:brands_portal:guide", _brand_of, kinds=("rights_holder",), minimum_role="responder"),
    PortalRoute(
        "portal:brands_portal:submit", _brand_of, ("rights_holder",), "post", expected=302, minimum_role="responder"
    ),
    PortalRoute("portal:brands_portal:photo", _guide_photo_of, kinds=("rights_holder",)),
    PortalRoute(
        "portal:brands_portal:remove_photo",
        _guide_photo_of,
        ("rights_holder",),
        "post",
        expected=302,
        minimum_role="responder",
    ),
    # importers (imp)
    PortalRoute("portal:importers_portal:status", kinds=("importer",)),
    PortalRoute("portal:importers_portal:consent", kinds=("importer",), minimum_role="admin"),
    PortalRoute("portal:importers_portal:apply", kinds=("importer",), minimum_role="responder"),
    PortalRoute("portal:importers_portal:application", _renewal_of, kinds=("importer",)),
]
