"""Who may use the partner portal: a user's membership of one organisation (a `partners.Partner`), with a role,
and the invitations that create those users.

A portal user is an ordinary Django user who is never staff: the Wagtail admin refuses them. An invitation keeps
only a SHA-256 hash of its link's random token (portal/invitations.py); the link itself is in one email.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Ordered: an admin can do all a responder can, a responder all a viewer can."""

    ADMIN = "admin", _("Administrator")
    RESPONDER = "responder", _("Responder")
    VIEWER = "viewer", _("Viewer")

    @classmethod
    def rank(cls, role):
        return {cls.VIEWER: 1, cls.RESPONDER: 2, cls.ADMIN: 3}.get(role, 0)

    @classmethod
    def at_least(cls, role, minimum):
        return cls.rank(role) >= cls.rank(minimum)


ROLE_HELP = {
    Role.ADMIN: _("Everything a responder can, and manage the organisation's users and API keys."),
    Role.RESPONDER: _("See the organisation's work and answer it."),
    Role.VIEWER: _("See the organisation's work, without changing anything."),
}


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True, organisation__active=True)


class Membership(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="portal_membership",
    )
    organisation = models.ForeignKey(
        "partners.Partner", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="members"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("A user who is not active cannot sign in to the portal.")
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "user__email"]
        verbose_name = _("portal user")
        verbose_name_plural = _("portal users")

    def __str__(self):
        return f"{self.user.email} ({self.organisation})"

    def has_role(self, minimum):
        return Role.at_least(self.role, minimum)

    @property
    def email(self):
        return self.user.email

    @property
    def display_name(self):
        return self.user.get_full_name() or self.user.email


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        return self.filter(accepted_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=now or timezone.now())


class Invitation(models.Model):
    """An email inviting someone to be a user of one organisation. Its link works once, until `expires_at`."""

    organisation = models.ForeignKey(
        "partners.Partner", verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.RESPONDER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    membership = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("portal invitation")
        verbose_name_plural = _("portal invitations")

    def __str__(self):
        return f"{self.email} ({self.organisation})"

    @property
    def state(self):
        if self.accepted_at:
            return _("Accepted")
        if self.withdrawn_at:
            return _("Withdrawn")
        if self.expires_at <= timezone.now():
            return _("Expired")
        return _("Waiting")
