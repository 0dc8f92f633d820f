"""Reports of counterfeit purchases.

A Report holds what the reporter told us plus the fields staff will triage with. The reporter's name,
email and phone are the most sensitive data, so they sit in their own table (ReporterContact): permissions
and purging can treat them apart. Files are Attachments in a private storage outside MEDIA_ROOT.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from reference.marketplaces import known_marketplace

from .choices import (
    PRIORITY_ORDER,
    PUBLIC_STATUS,
    ClosedReason,
    FoundSellerVia,
    Language,
    PaymentMethod,
    Priority,
    PublicStatus,
    Source,
    Status,
)
from .storage import get_report_file_storage


class Report(models.Model):
    tracking_number = models.CharField(_("tracking number"), max_length=12, unique=True, editable=False)
    receipt_key_hash = models.CharField(max_length=64, editable=False)

    # What was bought
    product_category = models.ForeignKey(
        "library.ProductCategory", on_delete=models.PROTECT, related_name="reports", verbose_name=_("product category")
    )
    brand = models.CharField(_("brand"), max_length=200, blank=True)
    product_name = models.CharField(_("product name"), max_length=200, blank=True)
    description = models.TextField(_("description"), max_length=5000)
    price_paid = models.DecimalField(_("price paid"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    purchase_date = models.DateField(_("purchase date"), null=True, blank=True)
    still_have_item = models.BooleanField(_("still has the item"), null=True, blank=True)
    # The details that link reports about one product: its barcode number (a GTIN with a valid check digit,
    # digits only), model and serial or lot number.
    upc = models.CharField(_("UPC or barcode number"), max_length=14, blank=True, default="", db_default="")
    model_number = models.CharField(_("model number"), max_length=100, blank=True, default="", db_default="")
    serial_or_lot = models.CharField(_("serial or lot number"), max_length=100, blank=True, default="", db_default="")
    payment_method = models.CharField(
        _("paid with"), max_length=20, choices=PaymentMethod.choices, blank=True, default="", db_default=""
    )
    amount_refunded = models.DecimalField(_("amount refunded"), max_digits=12, decimal_places=2, null=True, blank=True)

    # Where it was bought
    marketplace = models.CharField(_("marketplace"), max_length=200, blank=True)
    seller_name = models.CharField(_("seller's name"), max_length=200, blank=True)
    listing_url = models.URLField(_("listing address"), max_length=2000, blank=True)
    # The big marketplace the purchase was made on, from the fixed list (marketplaces.py), else "": filled from
    # `marketplace` and `listing_url` on every save, so statistics and trends group by it in the database.
    marketplace_name = models.CharField(
        _("known marketplace"), max_length=40, blank=True, default="", db_default="", db_index=True, editable=False
    )
    order_number = models.CharField(_("order number"), max_length=100, blank=True)
    shipped_from_country = models.CharField(_("shipped from (country code)"), max_length=2, blank=True)
    carrier = models.CharField(_("carrier"), max_length=100, blank=True)
    # The parcel's tracking number from the carrier (`tracking_number` in the API), not ours.
    parcel_tracking_number = models.CharField(_("parcel tracking number"), max_length=100, blank=True)
    found_seller_via = models.CharField(
        _("found the seller through"),
        max_length=20,
        choices=FoundSellerVia.choices,
        blank=True,
        default="",
        db_default="",
    )

    # Why and what happened
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    harm = models.BooleanField(_("someone was hurt or property damaged"), default=False)
    harm_description = models.TextField(_("what happened"), max_length=5000, blank=True)

    # About the reporter
    anonymous = models.BooleanField(_("anonymous"), default=False)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    consent_at = models.DateTimeField(_("consent given at"))
    # Where the reporter lives (where the harm lands): a USPS state or territory code and a ZIP code.
    reporter_state = models.CharField(_("reporter's state"), max_length=2, blank=True, default="", db_default="")
    reporter_zip = models.CharField(_("reporter's ZIP code"), max_length=10, blank=True, default="", db_default="")
    # The reporter agreed that a referral to the marketplace may carry their contact details (for a refund).
    share_contact_with_marketplace = models.BooleanField(
        _("contact details may go to the marketplace"), default=False, db_default=False
    )
    # The reporter agreed that a federal agency CBP refers the report to (FDA, CPSC, FTC, HSI) may receive their
    # contact details, to contact them. A separate choice: the marketplace consent is for a refund only.
    share_contact_with_agencies = models.BooleanField(
        _("contact details may go to an agency the report is referred to"), default=False, db_default=False
    )

    # For staff (the triage queue builds on these)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    closed_reason = models.CharField(_("closed because"), max_length=20, choices=ClosedReason.choices, blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL, db_index=True
    )
    # The priority as a number in the queue's order (urgent 0 ... low 3), computed by the database from
    # `priority` whenever a row is written (save, update, bulk update or raw SQL), so it is never out of step.
    priority_rank = models.GeneratedField(
        expression=models.Case(
            *[models.When(priority=value, then=models.Value(rank)) for rank, value in enumerate(PRIORITY_ORDER)],
            default=models.Value(len(PRIORITY_ORDER)),
        ),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    urgent = models.BooleanField(_("urgent (someone was harmed)"), default=False, db_index=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.WEB)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    last_addition_at = models.DateTimeField(_("reporter last added information at"), null=True, blank=True)

    # Double-submit protection: a hash of the cleaned content and the client, and of an API Idempotency-Key.
    fingerprint = models.CharField(max_length=64, db_index=True, editable=False)
    idempotency_key_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        # Staff who key in a report taken by phone, mail or TTY (assisted/); the Assisted reports group has it.
        permissions = [("key_in_report", _("Can key in a report taken by phone, mail or TTY"))]
        # For the triage queue with a million reports: its default order, and the filters and sortable
        # columns that have no index of their own (created concurrently on PostgreSQL, see the migration).
        indexes = [
            models.Index(fields=["priority_rank", "submitted_at"], name="report_queue_order_idx"),
            # Sorting the open reports by status: closed ones (first in that order) are not in this index.
            models.Index(
                fields=["status", "submitted_at"], condition=~models.Q(status="closed"), name="report_open_status_idx"
            ),
            models.Index(fields=["marketplace"], name="report_marketplace_idx"),
            models.Index(fields=["closed_reason"], name="report_closed_reason_idx"),
            models.Index(fields=["shipped_from_country"], name="report_shipped_from_idx"),
            # Statistics and trends count the reports of a date range by week, category, marketplace and
            # country: on PostgreSQL this covering index answers them without reading the table itself.
            models.Index(
                fields=["submitted_at"],
                include=[
                    "id",
                    "product_category",
                    "marketplace_name",
                    "shipped_from_country",
                    "status",
                    "closed_reason",
                ],
                name="reports_statistics_idx",
            ),
        ]

    def __str__(self):
        return self.tracking_number

    def save(self, *args, **kwargs):
        self.marketplace_name = known_marketplace(self.marketplace, self.listing_url) or ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"marketplace", "listing_url"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "marketplace_name"}
        super().save(*args, **kwargs)

    @property
    def public_status(self):
        return PUBLIC_STATUS.get(self.status, PublicStatus.RECEIVED)

    @property
    def public_status_label(self):
        return PublicStatus(self.public_status).label


class ReporterContact(models.Model):
    """How to reach the reporter. Never created for anonymous reports."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), max_length=254, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("reporter contact")

    def __str__(self):
        return f"Contact for {self.report}"


class ReporterAddition(models.Model):
    """Information the reporter added after submitting, through the status page or the API."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="additions")
    text = models.TextField(_("text"), max_length=5000, blank=True)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("information added by the reporter")

    def __str__(self):
        return f"Addition to {self.report}"


class Attachment(models.Model):
    """A file a reporter sent, as cleaned by attachments.check_file.

    The stored file and every download are named from the report's tracking number, the file's position and
    its sniffed type (`download_name`); the reporter's own file name is kept in original_name, as text for staff.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    addition = models.ForeignKey(
        ReporterAddition, on_delete=models.CASCADE, related_name="attachments", null=True, blank=True
    )
    file = models.FileField(storage=get_report_file_storage, upload_to="reports/%Y/%m/", max_length=200)
    position = models.PositiveSmallIntegerField(_("file number in the report"), null=True, blank=True)
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    added_later = models.BooleanField(_("added after submitting"), default=False)
    rewritten = models.BooleanField(
        _("rewritten when received"),
        default=False,
        help_text=_("Photos are saved again from their pixels; PDFs are rewritten without active content."),
    )
    removed = models.JSONField(_("removed from the file"), default=list, blank=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("attachment")

    def __str__(self):
        return self.download_name(self.content_type)

    def download_name(self, content_type=None):
        """`report-CF-7K3M-Q9PX-file-2.pdf`: the name for a file served as `content_type` (default: its own)."""
        from .attachments import STORED_TYPES, UNKNOWN_TYPE

        extension = STORED_TYPES.get(content_type or self.content_type, UNKNOWN_TYPE)[1]
        return f"report-{self.report.tracking_number}-file-{self.file_number}.{extension}"

    @property
    def file_number(self):
        """The file's position in its report (1, 2...), counted in upload order for a row that has none."""
        if self.position:
            return self.position
        earlier = models.Q(uploaded_at__lt=self.uploaded_at) | models.Q(uploaded_at=self.uploaded_at, pk__lt=self.pk)
        return self.report.attachments.filter(earlier).count() + 1

    @property
    def is_pdf(self):
        return self.content_type == "application/pdf"

    @property
    def removed_labels(self):
        from .pdfs import REMOVED_LABELS

        return [REMOVED_LABELS.get(code, code) for code in self.removed]


class RateLimitHit(models.Model):
    """How many times one client did one thing in one fixed time window (see ratelimits.py)."""

    scope = models.CharField(max_length=30)
    client = models.CharField(max_length=64)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "client", "window_start"], name="reports_ratelimit_unique")
        ]

    def __str__(self):
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"
