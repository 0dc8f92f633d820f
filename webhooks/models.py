"""Telling an organisation about a new referral: its webhook endpoints, the deliveries to them, and emails.

`Delivery` is both the outbox and the log: a row is written in the same transaction as the referral, so a
receiver or a mail server that is away loses nothing; the background worker sends it, retries with backoff,
and every try is a `DeliveryAttempt` the organisation sees in the portal. `EmailNotice` is the outbox of the
emails to the organisation's members (deleted once the mail server has accepted it).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_event_id():
    return f"msg_{uuid.uuid4().hex}"


class Endpoint(models.Model):
    """An address of the organisation that receives a signed POST for each new referral."""

    organisation = models.ForeignKey(
        "partners.Partner", on_delete=models.CASCADE, related_name="webhook_endpoints", verbose_name=_("organisation")
    )
    url = models.URLField(_("address (https)"), max_length=500)
    description = models.CharField(_("description"), max_length=200, blank=True)
    # The signing secret ("whsec_" + base64), shown to the organisation once, when made or rotated. It has to be
    # kept readable: the site signs every delivery with it. Stored as it is (not encrypted in the database).
    secret = models.CharField(max_length=100, editable=False)
    # The secret before the last rotation: it keeps signing beside `secret` until `previous_secret_ends_at`
    # (WEBHOOK_SECRET_GRACE_HOURS after the rotation), so receivers not yet updated still verify.
    previous_secret = models.CharField(max_length=100, blank=True, editable=False)
    previous_secret_ends_at = models.DateTimeField(_("previous secret signs until"), null=True, blank=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    secret_rotated_at = models.DateTimeField(_("secret made"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self):
        return self.url

    @property
    def secret_hint(self):
        """The first characters of the secret, so an organisation can tell which one it holds."""
        return self.secret[:10] + "…"

    @property
    def previous_secret_hint(self):
        return self.previous_secret[:10] + "…" if self.previous_secret else ""

    def previous_secret_signs(self, now=None):
        """Whether the secret before the last rotation still signs at `now` (its grace period)."""
        ends = self.previous_secret_ends_at
        return bool(self.previous_secret) and ends is not None and (now or timezone.now()) < ends

    def signing_secrets(self, now=None):
        """The secrets that sign a try made at `now`: the current one, and the previous one during its grace."""
        if self.previous_secret_signs(now):
            return [self.secret, self.previous_secret]
        return [self.secret]


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed (no more retries)")


class Delivery(models.Model):
    """One event for one endpoint: the body that is signed and sent, and where its sending stands."""

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.CharField(_("event id"), max_length=40, default=new_event_id, editable=False)
    event_type = models.CharField(_("event"), max_length=40)
    referral = models.ForeignKey(
        "triage.Referral", on_delete=models.SET_NULL, null=True, blank=True, related_name="webhook_deliveries"
    )
    # The exact JSON text sent (and signed); a replay sends the same text.
    body = models.TextField()
    state = models.CharField(_("state"), max_length=20, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    # Tries since it was queued (or replayed): picks the wait before the next one.
    tries = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    replays = models.PositiveSmallIntegerField(_("replays"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="webhooks_delivery_due")]

    def __str__(self):
        return f"{self.event_id} → {self.endpoint}"


class DeliveryAttempt(models.Model):
    """One try: when, what the receiver answered (or why there was no answer)."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempts")
    at = models.DateTimeField(_("time"), default=timezone.now)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    replay = models.BooleanField(_("replay"), default=False)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.delivery_id} at {self.at:%Y-%m-%d %H:%M:%S}: {self.status_code or self.error}"

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300


class EmailNotice(models.Model):
    """An email to one member about one new referral, waiting for the mail server."""

    referral = models.ForeignKey("triage.Referral", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("partners.Partner", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Referral {self.referral_id} → user {self.user_id}"


class NoticePreference(models.Model):
    """A portal user's choice about emails of new referrals. No row: on for admins and responders."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="referral_notices")
    email_new_referrals = models.BooleanField(_("email me about new referrals"))
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.user_id}: {'on' if self.email_new_referrals else 'off'}"
