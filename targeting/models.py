"""Entities that reports name (sellers, shops, brands, product identifiers, phones, emails), the links between
them and reports, and the border leads staff review and export.

An EntityLink copies the few report fields the entity page and the lead feed group by (date, harm, category,
marketplace, country), so an entity with 200,000 reports is summed from one index, never by reading 200,000
reports. Those fields never change after a report is received.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .kinds import MAX_KEY_LENGTH, EntityKind


class Entity(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=EntityKind.choices)
    key = models.CharField(_("normalised key"), max_length=MAX_KEY_LENGTH)
    name = models.CharField(_("name"), max_length=200, help_text=_("As first written in a report."))
    report_count = models.PositiveIntegerField(_("reports"), default=0)
    harm_count = models.PositiveIntegerField(_("reports of harm"), default=0)
    first_report_at = models.DateTimeField(_("first report"), null=True, blank=True)
    last_report_at = models.DateTimeField(_("latest report"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("entity")
        verbose_name_plural = _("entities")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="targeting_entity_kind_key")]
        indexes = [
            models.Index(fields=["-report_count", "id"], name="targeting_entity_count_idx"),
            # "Starts with" searches on the key (PostgreSQL needs the pattern operator class for LIKE 'x%').
            models.Index(fields=["key"], name="targeting_entity_key_like", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"


class EntityLink(models.Model):
    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="links")
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="entity_links", db_index=False)
    # Copied from the report when linked (see the module's docstring).
    submitted_at = models.DateTimeField()
    harm = models.BooleanField(default=False)
    product_category = models.ForeignKey(
        "library.ProductCategory", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    marketplace_name = models.CharField(max_length=40, blank=True)
    shipped_from_country = models.CharField(max_length=2, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entity", "report"], name="targeting_link_unique")]
        indexes = [
            models.Index(
                fields=["entity", "submitted_at"],
                include=["report", "harm", "product_category", "marketplace_name", "shipped_from_country"],
                name="targeting_link_entity_idx",
            ),
            # A report's entities, and the co-occurrence join (the entities of the same reports).
            models.Index(fields=["report", "entity"], name="targeting_link_report_idx"),
        ]

    def __str__(self):
        return f"{self.entity_id} in report {self.report_id}"


class LeadStatus(models.TextChoices):
    NEW = "new", _("To review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Lead(models.Model):
    """An entity that crossed a threshold (LeadThresholds): for staff to review, and once approved, in the feed."""

    entity = models.OneToOneField(Entity, on_delete=models.CASCADE, related_name="lead", verbose_name=_("entity"))
    status = models.CharField(
        _("status"), max_length=10, choices=LeadStatus.choices, default=LeadStatus.NEW, db_index=True
    )
    reason = models.CharField(_("why it became a lead"), max_length=200)
    created_at = models.DateTimeField(_("became a lead"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(_("review note"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("border lead")
        verbose_name_plural = _("border leads")
        ordering = ["-created_at", "-pk"]
        permissions = [("export_lead", _("Can export border leads"))]
        indexes = [models.Index(fields=["status", "id"], name="targeting_lead_status_idx")]

    def __str__(self):
        return str(self.entity)


class LeadExport(models.Model):
    """One export of the lead feed (by staff or by an agency's key): what the audit log entry points at."""

    format = models.CharField(max_length=4)
    status = models.CharField(max_length=10, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    api_key = models.ForeignKey("partners.ApiKey", on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lead export")

    def __str__(self):
        return f"Lead export {self.pk} ({self.format})"


@register_setting(icon="crosshairs")
class LeadThresholds(BaseGenericSetting):
    """When an entity becomes a border lead: either threshold is enough."""

    min_reports = models.PositiveIntegerField(
        _("reports"),
        default=5,
        help_text=_("An entity named in at least this many reports becomes a lead. 0 turns this rule off."),
    )
    min_harm_reports = models.PositiveIntegerField(
        _("reports of harm"),
        default=1,
        help_text=_("An entity named in at least this many reports of harm becomes a lead. 0 turns this rule off."),
    )
    include_brands = models.BooleanField(
        _("brands can become leads"),
        default=False,
        help_text=_("Brands are usually the victims of counterfeiting, not its source: left out unless ticked."),
    )

    panels = [FieldPanel("min_reports"), FieldPanel("min_harm_reports"), FieldPanel("include_brands")]

    class Meta:
        verbose_name = _("border lead thresholds")


class EntityMonth(models.Model):
    """Rollup: an entity's reports (and reports of harm) in one calendar month (site time zone). Kept by linking
    (linking.py adds one per new link, the recount rebuilds it from the links), read by the entity page, so a shop
    in 116,000 reports shows its timeline from a few dozen rows."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="+", db_index=False)
    month = models.DateField()
    reports = models.PositiveIntegerField(default=0)
    harm = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entity", "month"], name="targeting_month_unique")]

    def __str__(self):
        return f"{self.entity_id} {self.month:%Y-%m}: {self.reports}"


class EntityTally(models.Model):
    """Rollup: an entity's reports by category, marketplace or shipped-from country (the page's breakdowns). Kept
    like EntityMonth."""

    class Dimension(models.TextChoices):
        CATEGORY = "category"
        MARKETPLACE = "marketplace"
        COUNTRY = "country"

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="+", db_index=False)
    dimension = models.CharField(max_length=12, choices=Dimension.choices)
    value = models.CharField(max_length=40, blank=True)  # the category's id, the marketplace, the country code
    reports = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entity", "dimension", "value"], name="targeting_tally_unique")]

    def __str__(self):
        return f"{self.entity_id} {self.dimension}={self.value}: {self.reports}"
