"""Marketplaces and carriers that use the partner API, their keys, and what they did through it.

A `Partner` is an organisation (a marketplace, a carrier...) that holds API keys. Staff share referrals with
it (triage's `Referral.recipient`; the agency a referral goes to is `Referral.agency`, a different thing); the
partner reads only those referrals through the API and answers them with a
`PartnerResponse`. An `ApiKey` is stored as a hash: the key itself is shown once, when staff create it.
Every authenticated call, and every failed attempt, is an `ApiCall` row.
"""

import re

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reference.hosts import host_of, host_within
from triage.models import Agency

# A host name with at least two labels (so "com" alone, which would match every .com store, is refused).
DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}")


class PartnerKind(models.TextChoices):
    MARKETPLACE = "marketplace", _("Marketplace")
    CARRIER = "carrier", _("Carrier or express consignment operator")
    RIGHTS_HOLDER = "rights_holder", _("Rights holder")
    AGENCY = "agency", _("Federal agency")
    IMPORTER = "importer", _("Vetted importer")


class Scope(models.TextChoices):
    READ_OWN_REFERRALS = "reports:read-own-referrals", _("Read the referrals addressed to this partner")
    RESPOND = "reports:respond", _("Respond to those referrals")
    SUBMIT_BULK = "reports:submit-bulk", _("Submit reports in bulk")
    READ_LEADS = "leads:read", _("Read the approved border leads (agency targeting systems)")


class PartnerQuerySet(models.QuerySet):
    def for_listing(self, url):
        """The active partner whose store domains hold this listing address, or None."""
        for partner in self.filter(active=True).exclude(domains=""):
            if partner.holds_listing(url):
                return partner
        return None


class Partner(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices, default=PartnerKind.MARKETPLACE)
    domains = models.TextField(
        _("store domains"),
        blank=True,
        help_text=_("One per line, like example-market.com. Used to suggest this partner when staff refer a report."),
    )
    contact_email = models.EmailField(_("technical contact email"), blank=True)
    # The partner portal (portal/): an agency organisation sees the referrals addressed to its agency; an importer
    # organisation is the users of one vetted importer.
    agency = models.CharField(
        _("agency"),
        max_length=20,
        blank=True,
        choices=Agency.choices,
        help_text=_("For a federal agency: the referrals to this agency are the ones it sees in the portal."),
    )
    importer = models.OneToOneField(
        "importers.Importer",
        verbose_name=_("vetted importer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisation",
        help_text=_("For a vetted importer: the importer whose status its users see in the portal."),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive partner's keys stop working and it gets no referrals.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("API partner")
        verbose_name_plural = _("API partners")

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        bad = [domain for domain in self.domain_list if not DOMAIN.fullmatch(domain)]
        if bad:
            raise ValidationError(
                {
                    "domains": _(
                        "Write one domain per line, with at least one dot and no address parts, like"
                        " example-market.com. Not valid: %(bad)s"
                    )
                    % {"bad": ", ".join(bad)}
                }
            )

    def holds_listing(self, url):
        """Is this listing address on one of the partner's store domains (or a subdomain of one)?"""
        host = host_of(url)
        return bool(host) and any(host_within(host, domain) for domain in self.domain_list)

    @property
    def domain_list(self):
        """Each line as a normalised host (reference.hosts); a line that is no host is kept as typed, lower case."""
        return [host_of(line) or line.strip().lower() for line in self.domains.splitlines() if line.strip()]


class ApiKeyQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, partner__active=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiKey(models.Model):
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="api_keys", verbose_name=_("partner"))
    name = models.CharField(_("name"), max_length=100, help_text=_("What the key is for, like “takedown sync”."))
    # The public part of the key, shown in lists and logs ("cbp_" + 8 characters).
    prefix = models.CharField(_("key starts with"), max_length=16, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self):
        return f"{self.partner}: {self.name} ({self.prefix}…)"

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    def scope_labels(self):
        labels = dict(Scope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]

    @admin.display(description=_("Scopes"))
    def scopes_display(self):
        """The scopes by their names, for the admin listing and the key's page."""
        return "; ".join(self.scope_labels())


class ApiCall(models.Model):
    """One call to the partner API. `api_key` is empty when the key was missing, unknown or revoked."""

    api_key = models.ForeignKey(
        ApiKey, verbose_name=_("API key"), on_delete=models.SET_NULL, null=True, blank=True, related_name="calls"
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.SET_NULL, null=True, blank=True, related_name="calls"
    )
    presented_prefix = models.CharField(_("key starts with"), max_length=16, blank=True)
    method = models.CharField(_("method"), max_length=10)
    path = models.CharField(_("path"), max_length=500)
    status_code = models.PositiveSmallIntegerField(_("status code"))
    outcome = models.CharField(_("outcome"), max_length=40, blank=True)
    duration_ms = models.PositiveIntegerField(_("duration (ms)"), default=0)
    client = models.CharField(_("client"), max_length=64, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("API call")
        verbose_name_plural = _("API calls")

    def __str__(self):
        return f"{self.method} {self.path} → {self.status_code}"


class ResponseAction(models.TextChoices):
    LISTING_REMOVED = "listing_removed", _("Listing removed")
    SELLER_SUSPENDED = "seller_suspended", _("Seller suspended")
    NO_ACTION = "no_action", _("No action")


class PartnerResponse(models.Model):
    """What a partner did about a referral. Shown on the report's timeline."""

    referral = models.ForeignKey("triage.Referral", on_delete=models.CASCADE, related_name="partner_responses")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="responses")
    api_key = models.ForeignKey(ApiKey, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(_("action"), max_length=20, choices=ResponseAction.choices)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    responded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["responded_at", "pk"]
        verbose_name = _("partner response")

    def __str__(self):
        return f"{self.partner}: {self.get_action_display()}"


class PartnerSubmission(models.Model):
    """A report a partner sent in bulk, with the partner's own id for it (resending the same id is a no-op)."""

    report = models.OneToOneField("reports.Report", on_delete=models.CASCADE, related_name="partner_submission")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="submissions")
    external_id = models.CharField(_("partner's id"), max_length=100)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partner submission")
        constraints = [
            models.UniqueConstraint(fields=["partner", "external_id"], name="partners_submission_external_id_unique")
        ]

    def __str__(self):
        return f"{self.partner}: {self.external_id}"
