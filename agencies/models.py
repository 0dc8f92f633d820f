"""What another agency (FDA, CPSC, FTC, HSI) did in the partner portal about a referral addressed to it.

An `AgencyResponse` is an acknowledgement, or an outcome (a structured code from outcomes/, with the action's
date and the agency's reference number): the first one is when the agency first answered (the scorecards'
"time to first response"). An `AgencyQuestion` is a question the agency asks CBP about a referral, and the
officer's answer. Both belong to the agency organisation (`partners.Partner` of kind agency) that wrote them.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from outcomes.codes import OutcomeCode


class AgencyResponse(models.Model):
    class Kind(models.TextChoices):
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        OUTCOME = "outcome", _("Outcome recorded")

    referral = models.ForeignKey("triage.Referral", on_delete=models.CASCADE, related_name="agency_responses")
    organisation = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="agency_responses", verbose_name=_("agency")
    )
    kind = models.CharField(_("what the agency did"), max_length=20, choices=Kind.choices)
    code = models.CharField(_("outcome"), max_length=30, choices=OutcomeCode.choices, blank=True)
    action_date = models.DateField(_("date of the action"), null=True, blank=True)
    reference = models.CharField(_("reference number"), max_length=100, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["responded_at", "pk"]
        verbose_name = _("agency response")
        indexes = [models.Index(fields=["referral", "responded_at"], name="agencies_first_response_idx")]

    def __str__(self):
        return f"{self.organisation}: {self.get_kind_display()}"


class AgencyQuestion(models.Model):
    referral = models.ForeignKey("triage.Referral", on_delete=models.CASCADE, related_name="agency_questions")
    organisation = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="agency_questions", verbose_name=_("agency")
    )
    text = models.TextField(_("question"), max_length=2000)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("asked by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    asked_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    answer = models.TextField(_("answer"), max_length=5000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name = _("question from an agency")
        verbose_name_plural = _("questions from agencies")

    def __str__(self):
        return f"{self.organisation}: {self.text[:40]}"

    @property
    def is_answered(self):
        return self.answered_at is not None
