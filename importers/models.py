"""The trusted importer directory: importers CBP has vetted, their names and addresses, and every vetting decision.

A status change is refused without a reason: set it with `importer.change_status(status, reason, user)` (or the
admin form's "Reason" field), then save. Saving records a `VettingDecision` and an audit-log entry.

An importer is listed publicly only with its consent (`listing_consent`, changed through importers/consent.py,
which keeps every change in `ListingConsentRecord`). Its users apply for renewal in the partner portal
(`RenewalApplication` with `RenewalDocument`s, kept in the private report-files folder); staff decide in the admin.
"""

import secrets
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
from reports.storage import get_report_file_storage

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
    NO_CONSENT = "no_consent", _("Not listed: no consent")
    EXPIRED = "expired", _("Expired")
    NOT_YET_VALID = "not_yet_valid", _("Not yet valid")
    SUSPENDED = "suspended", _("Suspended")
    REVOKED = "revoked", _("Revoked")


def listing_state_q(state, today):
    """The visibility rule, as a database condition: the importers in `state` on `today`. The public directory
    (`publicly_listed`), the admin's tag (`Importer.listing_state`) and its filter all use this one rule.

    Listed means trusted, currently valid **and** consenting to be listed; a valid importer without consent is
    in NO_CONSENT."""
    trusted = models.Q(status=VettingStatus.TRUSTED)
    valid = trusted & models.Q(vetted_on__lte=today, valid_until__gte=today)
    return {
        ListingState.SUSPENDED: models.Q(status=VettingStatus.SUSPENDED),
        ListingState.REVOKED: models.Q(status=VettingStatus.REVOKED),
        ListingState.NOT_YET_VALID: trusted & models.Q(vetted_on__gt=today),
        ListingState.EXPIRED: trusted & models.Q(vetted_on__lte=today, valid_until__lt=today),
        ListingState.NO_CONSENT: valid & models.Q(listing_consent=False),
        ListingState.LISTED: valid & models.Q(listing_consent=True),
    }[ListingState(state)]


# Verification IDs: "VI-" and 12 characters of Crockford's base32 (no I, L, O, U): 60 random bits, so IDs
# cannot be guessed or counted through, and read aloud or typed without confusion.
VERIFICATION_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_verification_id():
    code = "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(12))
    return f"VI-{code[:4]}-{code[4:8]}-{code[8:]}"


def normalise_verification_id(text):
    """The canonical form of a typed verification ID (case, spaces, dashes, O/I/L read as 0/1/1), or None."""
    compact = "".join(str(text or "").upper().split()).replace("-", "")
    if len(compact) == 14 and compact.startswith("VI"):
        compact = compact[2:]
    compact = compact.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    if len(compact) != 12 or any(ch not in VERIFICATION_ALPHABET for ch in compact):
        return None
    return f"VI-{compact[:4]}-{compact[4:8]}-{compact[8:]}"


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
    listing_consent = models.BooleanField(
        _("consents to be listed"),
        default=False,
        editable=False,
        help_text=_(
            "Given or withdrawn by the importer in the partner portal, or recorded by staff from a signed form. "
            "Without it the importer is never shown in the public directory."
        ),
    )
    verification_id = models.CharField(
        _("verification ID"),
        max_length=20,
        unique=True,
        editable=False,
        default=new_verification_id,
        help_text=_("The ID a business gives to the verification API to check this importer's status."),
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
        self._vetting_message = ""

    def change_status(self, status, reason, user=None, message_for_importer=""):
        """Set a new status; the reason, the message for the importer and the user are recorded when the
        importer is saved."""
        self.status = status
        self._vetting_reason = (reason or "").strip()
        self._vetting_user = user
        self._vetting_message = (message_for_importer or "").strip()

    def listing_state(self, today=None):
        """The `ListingState` this importer is in on `today` (the same rule as `listing_state_q`)."""
        today = today or timezone.localdate()
        if self.status != VettingStatus.TRUSTED:
            return ListingState(self.status)
        if self.vetted_on > today:
            return ListingState.NOT_YET_VALID
        if self.valid_until < today:
            return ListingState.EXPIRED
        if not self.listing_consent:
            return ListingState.NO_CONSENT
        return ListingState.LISTED

    def verification_status(self, today=None):
        """What the verification API says: trusted, suspended, revoked, expired or not_yet_valid (consent
        does not matter: the business asking holds the ID)."""
        state = self.listing_state(today)
        return "trusted" if state in (ListingState.LISTED, ListingState.NO_CONSENT) else state.value

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
                    message_for_importer=self._vetting_message,
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
        self._vetting_message = ""


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
    reason = models.TextField(_("reason"), help_text=_("For CBP staff only; never shown to the importer."))
    message_for_importer = models.TextField(
        _("message for the importer"),
        blank=True,
        help_text=_("Shown to the importer's users in the partner portal with the date and the status."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("vetting decision")

    def __str__(self):
        return f"{self.importer}: {self.from_status or '-'} → {self.to_status}"


class ConsentSource(models.TextChoices):
    PORTAL = "portal", _("In the partner portal")
    PAPER = "paper", _("On paper, recorded by CBP staff")
    DEMO = "demo", _("Demo data")


class ListingConsentRecord(models.Model):
    """One time an importer gave or withdrew its consent to be listed publicly. Never edited."""

    importer = models.ForeignKey(Importer, on_delete=models.CASCADE, related_name="consent_records")
    given = models.BooleanField(_("consent given"))
    source = models.CharField(_("how"), max_length=16, choices=ConsentSource.choices)
    given_by = models.CharField(
        _("given or withdrawn by"), max_length=200, blank=True, help_text=_("The person at the importer.")
    )
    given_on = models.DateField(_("date on the form"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("consent to be listed")

    def __str__(self):
        return f"{self.importer}: {'given' if self.given else 'withdrawn'} ({self.source})"


class RenewalState(models.TextChoices):
    WAITING = "waiting", _("Waiting for CBP")
    APPROVED = "approved", _("Renewed")
    REFUSED = "refused", _("Not renewed")


class RenewalApplication(models.Model):
    """An importer's application to renew its vetting, sent from the portal with documents; staff decide."""

    importer = models.ForeignKey(Importer, on_delete=models.CASCADE, related_name="renewal_applications")
    statement = models.TextField(_("what changed since the last vetting"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("sent at"), default=timezone.now)
    state = models.CharField(_("state"), max_length=16, choices=RenewalState.choices, default=RenewalState.WAITING)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision = models.OneToOneField(
        VettingDecision, null=True, blank=True, on_delete=models.SET_NULL, related_name="renewal"
    )

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("renewal application")
        constraints = [
            models.UniqueConstraint(
                fields=["importer"], condition=models.Q(state="waiting"), name="importer_one_waiting_renewal"
            ),
        ]

    def __str__(self):
        return f"{self.importer}: renewal {self.pk} ({self.state})"

    @property
    def reference(self):
        return f"R-{self.pk}"


class RenewalDocument(models.Model):
    """A document sent with a renewal application, checked and cleaned like a report's files
    (reports.attachments.check_file) and kept in the same private folder; never given a public address."""

    application = models.ForeignKey(RenewalApplication, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(storage=get_report_file_storage, upload_to="importers/renewals/%Y/%m/", max_length=200)
    position = models.PositiveSmallIntegerField(_("document number"))
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    removed = models.JSONField(_("removed from the file"), default=list, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("renewal document")

    def __str__(self):
        return self.download_name()

    def download_name(self, content_type=None):
        """`renewal-R-12-document-2.pdf`: never the name the importer's device gave the file."""
        from reports.attachments import STORED_TYPES, UNKNOWN_TYPE

        extension = STORED_TYPES.get(content_type or self.content_type, UNKNOWN_TYPE)[1]
        return f"renewal-{self.application.reference}-document-{self.position}.{extension}"
