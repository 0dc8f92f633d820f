"""The trusted importer directory: importers CBP has vetted, their names and addresses, and every vetting decision.

A status change is refused without a reason: set it with `importer.change_status(status, reason, user)` (or the
admin form's "Reason" field), then save. Saving records a `VettingDecision` and an audit-log entry.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from reference import hosts
from reference.countries import COUNTRIES
from reference.sellers import seller_name_key

COUNTRY_CHOICES = [(code, english) for code, english, _spanish in sorted(COUNTRIES, key=lambda row: row[1])]


class Program(models.TextChoices):
    CTPAT_TRADE_COMPLIANCE = "ctpat_trade_compliance", _("CTPAT Trade Compliance")
    CTPAT_SECURITY = "ctpat_security", _("CTPAT Security")
    TRUSTED_TRADER = "trusted_trader", _("Trusted Trader")
    OTHER = "other", _("Other program")


class VettingStatus(models.TextChoices):
    TRUSTED = "trusted", _("Trusted")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


class IdentifierKind(models.TextChoices):
    DOMAIN = "domain", _("Website domain")
    STORE_URL = "store_url", _("Marketplace store address")


def identifier_key(kind, value):
    """The key an address is matched by: a store address keeps its path, a domain is its host alone.

    Raises reference.hosts.AddressError with a plain reason when the address cannot be used.
    """
    return hosts.store_key(value) if kind == IdentifierKind.STORE_URL else hosts.domain_key(value)


class ListingState(models.TextChoices):
    """Whether the public directory shows an importer today, and if not, why not (see `listing_state_q`)."""

    LISTED = "listed", _("Publicly listed")
    EXPIRED = "expired", _("Expired")
    NOT_YET_VALID = "not_yet_valid", _("Not yet valid")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


def listing_state_q(state, today):
    """The visibility rule, as a database condition: the importers in `state` on `today`. The public directory
    (`publicly_listed`), the admin's tag (`Importer.listing_state`) and its filter all use this one rule."""
    trusted = models.Q(status=VettingStatus.TRUSTED)
    return {
        ListingState.SUSPENDED: models.Q(status=VettingStatus.SUSPENDED),
        ListingState.REVOKED: models.Q(status=VettingStatus.REVOKED),
        ListingState.NOT_YET_VALID: trusted & models.Q(vetted_on__gt=today),
        ListingState.EXPIRED: trusted & models.Q(vetted_on__lte=today, valid_until__lt=today),
        ListingState.LISTED: trusted & models.Q(vetted_on__lte=today, valid_until__gte=today),
    }[ListingState(state)]


class StatusChangeWithoutReason(ValidationError):
    pass


class ImporterQuerySet(models.QuerySet):
    def publicly_listed(self, today=None):
        """Trusted and currently valid: the only importers the public ever sees."""
        return self.in_listing_state(ListingState.LISTED, today)

    def in_listing_state(self, state, today=None):
        return self.filter(listing_state_q(state, today or timezone.localdate()))

    def expiring_within(self, days, today=None):
        today = today or timezone.localdate()
        return self.filter(valid_until__gte=today, valid_until__lte=today + timedelta(days=days))


class Importer(ClusterableModel):
    legal_name = models.CharField(_("legal name"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, db_index=True)
    external_id = models.CharField(
        _("external ID"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("The importer's ID in CBP's own systems; the CSV import matches rows on it when it is given."),
    )
    country = models.CharField(_("country"), max_length=2, choices=COUNTRY_CHOICES)
    program = models.CharField(_("program"), max_length=32, choices=Program.choices)
    status = models.CharField(
        _("vetting status"), max_length=16, choices=VettingStatus.choices, default=VettingStatus.TRUSTED
    )
    vetted_on = models.DateField(_("vetted on"))
    valid_until = models.DateField(_("valid until"))
    public_notes = models.TextField(
        _("public notes"), blank=True, help_text=_("Shown on the public directory. Nothing confidential.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ImporterQuerySet.as_manager()

    class Meta:
        verbose_name = _("trusted importer")
        verbose_name_plural = _("trusted importers")
        ordering = ["legal_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("vetted_on")), name="importer_valid_after_vetting"
            ),
        ]

    def __str__(self):
        return self.legal_name

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._vetting_reason = ""
        self._vetting_user = None

    def change_status(self, status, reason, user=None):
        """Set a new status; the reason and the user are recorded when the importer is saved."""
        self.status = status
        self._vetting_reason = (reason or "").strip()
        self._vetting_user = user

    def listing_state(self, today=None):
        """The `ListingState` this importer is in on `today` (the same rule as `listing_state_q`)."""
        today = today or timezone.localdate()
        if self.status != VettingStatus.TRUSTED:
            return ListingState(self.status)
        if self.vetted_on > today:
            return ListingState.NOT_YET_VALID
        if self.valid_until < today:
            return ListingState.EXPIRED
        return ListingState.LISTED

    def is_publicly_listed(self, today=None):
        return self.listing_state(today) == ListingState.LISTED

    @admin.display(description=_("Public directory"))
    def listing_state_label(self):
        return self.listing_state().label

    def export_trade_names(self):
        return " | ".join(trade.name for trade in self.trade_names.all())

    def export_domains(self):
        return " | ".join(i.match_key for i in self.identifiers.all() if i.kind == IdentifierKind.DOMAIN)

    def export_store_urls(self):
        return " | ".join(i.value for i in self.identifiers.all() if i.kind == IdentifierKind.STORE_URL)

    def all_names(self):
        return [self.legal_name, *(trade.name for trade in self.trade_names.all())]

    def clean(self):
        super().clean()
        if self.vetted_on and self.valid_until and self.valid_until < self.vetted_on:
            raise ValidationError({"valid_until": _("“Valid until” cannot be before “vetted on”.")})

    def save(self, *args, **kwargs):
        from wagtail.log_actions import log

        self.name_key = seller_name_key(self.legal_name)
        previous = None
        if self.pk:
            previous = Importer.objects.filter(pk=self.pk).values_list("status", flat=True).first()
        changed = previous is not None and previous != self.status
        if changed and not self._vetting_reason:
            raise StatusChangeWithoutReason(
                _("Give a reason for changing the status from %(old)s to %(new)s.")
                % {"old": VettingStatus(previous).label, "new": VettingStatus(self.status).label}
            )
        created = previous is None
        with transaction.atomic():
            super().save(*args, **kwargs)
            if changed or created:
                reason = self._vetting_reason or str(_("Added to the directory"))
                VettingDecision.objects.create(
                    importer=self,
                    from_status=previous or "",
                    to_status=self.status,
                    reason=reason,
                    user=self._vetting_user,
                )
                log(
                    instance=self,
                    action="importers.vetting",
                    user=self._vetting_user,
                    data={"from": previous or "", "to": self.status, "reason": reason},
                )
        self._vetting_reason = ""
        self._vetting_user = None


class TradeName(Orderable):
    importer = ParentalKey(Importer, on_delete=models.CASCADE, related_name="trade_names")
    name = models.CharField(_("trade name"), max_length=255)
    name_key = models.CharField(max_length=255, editable=False, db_index=True)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("trade name")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = seller_name_key(self.name)
        super().save(*args, **kwargs)


class ImporterIdentifier(Orderable):
    importer = ParentalKey(Importer, on_delete=models.CASCADE, related_name="identifiers")
    kind = models.CharField(_("kind"), max_length=16, choices=IdentifierKind.choices, default=IdentifierKind.DOMAIN)
    value = models.CharField(
        _("address"),
        max_length=500,
        help_text=_(
            "A domain (acme.example) or a marketplace store address (https://marketplace.example/shops/acme)."
        ),
    )
    match_key = models.CharField(max_length=500, editable=False, db_index=True)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("value")])]

    class Meta(Orderable.Meta):
        verbose_name = _("address")
        constraints = [models.UniqueConstraint(fields=["kind", "match_key"], name="importer_identifier_unique_key")]

    def __str__(self):
        return self.match_key or self.value

    def clean(self):
        super().clean()
        try:
            self.match_key = identifier_key(self.kind, self.value)
        except hosts.AddressError as error:
            raise ValidationError({"value": str(error).capitalize() + "."}) from error

    def save(self, *args, **kwargs):
        self.match_key = identifier_key(self.kind, self.value)
        super().save(*args, **kwargs)


class VettingDecision(models.Model):
    """One status decision: who made it, when and why. Never edited; the history of an importer."""

    importer = models.ForeignKey(Importer, on_delete=models.CASCADE, related_name="decisions")
    from_status = models.CharField(_("from"), max_length=16, blank=True, choices=VettingStatus.choices)
    to_status = models.CharField(_("to"), max_length=16, choices=VettingStatus.choices)
    reason = models.TextField(_("reason"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("vetting decision")

    def __str__(self):
        return f"{self.importer}: {self.from_status or '-'} → {self.to_status}"
