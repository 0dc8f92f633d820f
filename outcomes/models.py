"""Enforcement outcomes: what came of a report, and of a case, recorded by the officer who closes it.

A report has at most one outcome (recording again replaces it); a case has at most one, and closing a case
records it on each of its reports that has none yet. The outcome is a fact about the world (a shipment was
seized), so it stays when a report is reopened; the reporter sees it only while the report is closed.

Each report outcome also carries a few of its report's facts, copied when it is recorded (category, known
marketplace, submission time, API partner it was shared with, days from the report to the action), so that the
effectiveness page and the public counts are grouped queries over this one small table and its covering index,
never a join with a million reports.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .codes import OutcomeCode


class OutcomeFields(models.Model):
    code = models.CharField(_("outcome"), max_length=30, choices=OutcomeCode.choices)
    action_date = models.DateField(_("date of the action"), null=True, blank=True)
    reference = models.CharField(_("reference number"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        abstract = True


class ReportOutcome(OutcomeFields):
    report = models.OneToOneField(
        "reports.Report", on_delete=models.CASCADE, related_name="enforcement_outcome", verbose_name=_("report")
    )
    case = models.ForeignKey(
        "triage.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_outcomes",
        verbose_name=_("recorded with the case"),
    )
    # Copied when recorded (see the module's docstring).
    led_to_action = models.BooleanField(default=False)
    acted_on = models.DateField(help_text="The action's date, else the day it was recorded (site time zone).")
    days_to_action = models.PositiveIntegerField(null=True, blank=True)
    report_submitted_at = models.DateTimeField()
    product_category = models.ForeignKey(
        "library.ProductCategory", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marketplace_name = models.CharField(max_length=40, blank=True)
    partner = models.ForeignKey("partners.Partner", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("report outcome")
        permissions = [("view_effectiveness", _("Can view the effectiveness of reports"))]
        indexes = [
            # The effectiveness page: outcomes of the reports submitted in a range, grouped, from the index alone.
            models.Index(
                fields=["report_submitted_at"],
                include=["led_to_action", "days_to_action", "product_category", "marketplace_name", "partner"],
                name="outcome_effectiveness_idx",
            ),
            # "Reports like yours that led to action last quarter": one category, one date range.
            models.Index(
                fields=["product_category", "acted_on"],
                condition=models.Q(led_to_action=True),
                name="outcome_category_action_idx",
            ),
            # The public dashboard: outcomes per quarter and code.
            models.Index(fields=["acted_on"], include=["code"], name="outcome_acted_on_idx"),
        ]

    def __str__(self):
        return f"{self.get_code_display()} ({self.report_id})"


class CaseOutcome(OutcomeFields):
    case = models.OneToOneField(
        "triage.Case", on_delete=models.CASCADE, related_name="outcome", verbose_name=_("case")
    )

    class Meta:
        verbose_name = _("case outcome")

    def __str__(self):
        return f"{self.get_code_display()} ({self.case_id})"
