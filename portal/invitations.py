"""Invitations to the portal: made by a CBP partner manager or an organisation administrator, accepted once.

The link carries a random token of 256 bits (`secrets`); the database keeps only its SHA-256 hash, so a copy of the
database does not let anyone accept an invitation. A link works once and only until it expires
(PORTAL_INVITATION_DAYS). Inviting the same address to the same organisation again withdraws the earlier link.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import Invitation, Membership


class InvitationRefused(Exception):
    """Why this person cannot be invited, in words for the person inviting."""


class InvitationUnusable(Exception):
    """Why an invitation link does not work, in words for the person who followed it."""

    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _check_invitable(email):
    user = get_user_model().objects.filter(username__iexact=email).first() or (
        get_user_model().objects.filter(email__iexact=email).first()
    )
    if user is None:
        return
    if user.is_staff or user.is_superuser or not hasattr(user, "portal_membership"):
        raise InvitationRefused(
            _("This email address belongs to a CBP staff account. Portal users need an address of their own.")
        )
    raise InvitationRefused(
        _(
            "There is already a portal user with this email address. To let a switched-off user back in, switch them"
            " on in the list of users."
        )
    )


def invite(*, organisation, email, role, invited_by):
    """(Invitation, link). Sends the email; raises InvitationRefused when the address cannot be invited."""
    email = email.strip().lower()
    _check_invitable(email)
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.pending(now).filter(organisation=organisation, email__iexact=email).update(withdrawn_at=now)
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email,
            role=role,
            token_hash=hash_token(token),
            invited_by=invited_by,
            expires_at=now + timedelta(days=settings.PORTAL_INVITATION_DAYS),
        )
        log(
            instance=invitation,
            action="portal.invite",
            user=invited_by,
            data={"email": email, "organisation": organisation.name, "role": role},
        )
    with translation.override(settings.LANGUAGE_CODE):
        link = settings.PORTAL_BASE_URL.rstrip("/") + reverse("portal:accept", args=[token])
        context = {"invitation": invitation, "link": link, "days": settings.PORTAL_INVITATION_DAYS}
        subject = _("Your invitation to the CBP partner portal for %(organisation)s") % {
            "organisation": organisation.name
        }
        body = render_to_string("portal/email/invitation.txt", context)
    transaction.on_commit(lambda: send_mail(subject, body, None, [email]))
    return invitation, link


def withdraw(invitation, *, by):
    if invitation.accepted_at is None and invitation.withdrawn_at is None:
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])
        log(instance=invitation, action="portal.withdraw_invitation", user=by, data={"email": invitation.email})


UNKNOWN = 404
USED = 410
EXPIRED = 410


def usable(token, *, for_update=False):
    """The invitation this link's token opens, or raises InvitationUnusable saying why not."""
    invitations = Invitation.objects.select_related("organisation")
    if for_update:
        invitations = invitations.select_for_update()
    invitation = invitations.filter(token_hash=hash_token(token or "")).first() if token and len(token) < 100 else None
    if invitation is None or invitation.withdrawn_at is not None:
        raise InvitationUnusable(
            _(
                "This invitation link does not work. Check that you copied the whole link from the email. If it was"
                " replaced by a newer invitation, use the link in the newest email."
            ),
            UNKNOWN,
        )
    if invitation.accepted_at is not None:
        raise InvitationUnusable(
            _(
                "This invitation was already used. Each invitation link works once: sign in with your email and password."
            ),
            USED,
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationUnusable(
            _(
                "This invitation expired on %(date)s. Ask the person who invited you, or your organisation's portal"
                " administrator, to send a new one."
            )
            % {"date": date_format(timezone.localtime(invitation.expires_at), "DATE_FORMAT")},
            EXPIRED,
        )
    if not invitation.organisation.active:
        raise InvitationUnusable(_("Your organisation's access to the portal is switched off. Contact CBP."), UNKNOWN)
    return invitation


def accept(token, *, first_name, last_name, password):
    """Make the user and their membership from the invitation, once. Raises InvitationUnusable."""
    User = get_user_model()
    with transaction.atomic():
        invitation = usable(token, for_update=True)
        try:
            _check_invitable(invitation.email)
        except InvitationRefused as refused:
            raise InvitationUnusable(str(refused), USED) from None
        user = User(username=invitation.email, email=invitation.email, first_name=first_name, last_name=last_name)
        user.is_staff = False
        user.set_password(password)
        user.save()
        membership = Membership.objects.create(
            user=user, organisation=invitation.organisation, role=invitation.role, invited_by=invitation.invited_by
        )
        invitation.accepted_at = timezone.now()
        invitation.membership = membership
        invitation.save(update_fields=["accepted_at", "membership"])
        log(instance=invitation, action="portal.accept_invitation", user=user, data={"email": invitation.email})
    return membership
