"""Who may see a portal page: `PortalMixin`, first in every portal view's bases.

Signed out, or the second factor not yet passed: to the portal sign-in. Signed in without an active membership
(CBP staff included, a switched-off user, or an organisation CBP switched off): 403. An organisation of a kind the
page is not for: 404, as if the page did not exist. A role below the page's minimum: 403.
"""

from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.second_factor import has_any_device, has_passed

from .models import Membership, Role


def active_membership(user):
    """The user's membership when it and its organisation are active, else None."""
    if not user.is_authenticated:
        return None
    return Membership.objects.active().select_related("organisation", "user").filter(user=user).first()


def sign_in_redirect(request):
    return redirect(f"{reverse('portal:sign_in')}?{urlencode({'next': request.get_full_path()})}")


def refused(request, message, status=403):
    response = TemplateResponse(request, "portal/refused.html", {"message": message}, status=status)
    response["Cache-Control"] = "no-store"
    return response


NO_MEMBERSHIP = _(
    "This account cannot use the partner portal. If your organisation works with CBP, ask its portal administrator"
    " or your CBP partner manager to invite you."
)
ROLE_TOO_LOW = _("Your role in your organisation does not allow this. Ask one of its administrators.")


class PortalMixin:
    """Checks the signed-in person's membership, then sets `membership`, `organisation` and
    `request.portal_organisation`. Filter every query by `self.organisation`."""

    allowed_kinds = None  # a tuple of partners.models.PartnerKind values; None: every kind
    minimum_role = Role.VIEWER

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not user.is_authenticated or not has_passed(user):
            return sign_in_redirect(request)
        membership = active_membership(user)
        if membership is None:
            return refused(request, NO_MEMBERSHIP)
        if self.allowed_kinds is not None and membership.organisation.kind not in self.allowed_kinds:
            raise Http404
        if not membership.has_role(self.minimum_role):
            return refused(request, ROLE_TOO_LOW)
        self.membership = membership
        self.organisation = membership.organisation
        request.portal_membership = membership
        request.portal_organisation = membership.organisation
        response = super().dispatch(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("membership", self.membership)
        context.setdefault("organisation", self.organisation)
        return context


def second_step_url(user):
    """Where a person who typed the right password goes next: their code, or setting up an app."""
    return reverse("portal:verify") if has_any_device(user) else reverse("portal:setup")
