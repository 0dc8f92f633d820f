"""The staff side of reports: what CBP's triage officers record about a report.

Nothing here is added to `reports.Report`. A proxy model (`TriageReport`) gives the queue its own
permissions and audit-log content type, and `TriageState` (one row per report) holds the staff-side
fields: the assignee, when staff first acted, the priority explanation and the keys used to find related
reports. Notes, priority overrides, cases and referrals are their own tables.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reference.hosts import address_key, host_of
from reference.sellers import seller_name_key
from reports.choices import Priority
from reports.models import Report

from .purchase_numbers import reference_key, tracking_pattern


def officer_name(user):
    """How staff see a colleague: their full name, else their username."""
    return user.get_full_name() or user.get_username()


class TriageReport(Report):
    """A report as staff see it. Same table; its own permissions and log entries."""

    class Meta:
        proxy = True
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        permissions = [("view_reporter_contact", _("Can view reporter contact details"))]

    # Values for the listing and its CSV export (never contact details).
    @property
    def assignee_name(self):
        state = getattr(self, "triage", None)
        user = state.assignee if state else None
        return officer_name(user) if user else ""

    @property
    def age_days(self):
        from django.utils import timezone

        return (timezone.now() - self.submitted_at).days

    @property
    def overdue(self):
        return bool(getattr(self, "is_overdue", False))

    def get_triage_state(self):
        try:
            return self.triage
        except TriageState.DoesNotExist:
            return TriageState.for_report(self)


class TriageState(models.Model):
    report = models.OneToOneField(Report, on_delete=models.CASCADE, primary_key=True, related_name="triage")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_reports",
        verbose_name=_("assigned to"),
    )
    # The first status change, assignment or note. Empty: nobody has touched the report yet.
    first_action_at = models.DateTimeField(_("first triaged at"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, db_index=True)
    duplicate_of = models.ForeignKey(
        Report,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    computed_priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    priority_reasons = models.JSONField(default=list, blank=True)
    contact_purged_at = models.DateTimeField(_("contact details removed at"), null=True, blank=True)

    # Normalised keys for finding related reports (reference.sellers, reference.hosts, purchase_numbers.py).
    seller_key = models.CharField(max_length=200, blank=True)
    listing_host = models.CharField(max_length=255, blank=True)
    listing_key = models.CharField(max_length=2000, blank=True)
    order_key = models.CharField(max_length=100, blank=True)
    parcel_key = models.CharField(max_length=100, blank=True)
    parcel_pattern = models.CharField(max_length=20, blank=True)
    # The suspended or revoked vetted importer whose name or address the seller uses (triage/impersonation.py),
    # set with the priority; empty for almost every report.
    impersonates = models.ForeignKey(
        "importers.Importer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("impersonates"),
        db_index=False,
    )

    class Meta:
        verbose_name = _("triage state")
        # Each key with the report id: "the reports sharing this key, up to 101" is read from the index alone
        # (no table rows), however many reports share it (a big shop's domain: 200,000).
        indexes = [
            models.Index(fields=[key, "report_id"], name=f"triage_{name}_idx")
            for key, name in [
                ("seller_key", "seller"),
                ("listing_host", "host"),
                ("listing_key", "listing"),
                ("order_key", "order"),
                ("parcel_key", "parcel"),
                ("parcel_pattern", "pattern"),
            ]
        ] + [
            # The trends' sellers, domains and time to first action, joined to the reports of a date range
            # without reading the table itself (PostgreSQL covering index).
            models.Index(
                fields=["report"],
                include=["seller_key", "listing_host", "first_action_at"],
                name="triage_state_trends_idx",
            ),
            # The impersonation watchlist: a few reports among a million.
            models.Index(
                fields=["impersonates"],
                condition=models.Q(impersonates__isnull=False),
                name="triage_impersonates_idx",
            ),
        ]

    def __str__(self):
        return f"Triage of {self.report_id}"

    @staticmethod
    def keys_for(report):
        """The normalised keys of a report (triage/state.py keeps them in step)."""
        return {
            # Cut to the columns' lengths: "&" reads as " and " in a seller's key, an international host grows in ASCII.
            "seller_key": seller_name_key(report.seller_name)[:200],
            "listing_host": host_of(report.listing_url),
            "listing_key": address_key(report.listing_url)[:2000],
            "order_key": reference_key(report.order_number),
            "parcel_key": reference_key(report.parcel_tracking_number),
            "parcel_pattern": tracking_pattern(report.parcel_tracking_number),
        }

    @classmethod
    def for_report(cls, report):
        """The report's state, created with its keys when it has none yet."""
        state, _created = cls.objects.get_or_create(report_id=report.pk, defaults=cls.keys_for(report))
        return state


class PriorityOverride(models.Model):
    """A priority set by an officer, with their reason. The latest one wins over the computed priority."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="priority_overrides")
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("set by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    set_at = models.DateTimeField(_("set at"), auto_now_add=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-set_at", "-pk"]
        verbose_name = _("priority override")

    def __str__(self):
        return f"{self.get_priority_display()} for {self.report_id}"


class Note(models.Model):
    """An internal note. Staff only; never shown to the reporter."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="triage_notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("note"), max_length=5000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("internal note")

    def __str__(self):
        return f"Note on {self.report_id}"


class Case(models.Model):
    """Related reports that staff work on together (one seller, one store...)."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    reports = models.ManyToManyField(Report, related_name="cases", blank=True, verbose_name=_("reports"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self):
        return self.title


class Agency(models.TextChoices):
    """Who a referral goes to: an enforcement agency, or the marketplace itself (not an API partner: see recipient)."""

    CBP_IPR = "cbp_ipr", _("CBP IPR enforcement")
    HSI_IPR_CENTER = "hsi", _("HSI / National IPR Center")
    FDA = "fda", _("FDA")
    CPSC = "cpsc", _("CPSC")
    FTC = "ftc", _("FTC")
    MARKETPLACE = "marketplace", _("The marketplace")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    ACTION_TAKEN = "action_taken", _("Action taken")
    NO_ACTION = "no_action", _("No action")


class Referral(models.Model):
    """A report, or a whole case, passed to an agency, and what came of it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, null=True, blank=True, related_name="referrals")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, null=True, blank=True, related_name="referrals")
    agency = models.CharField(_("agency"), max_length=20, choices=Agency.choices)
    # The organisation that reads this referral through the partner API (a marketplace, a carrier...).
    recipient = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("API partner"),
    )
    # For a case: the reports it held when it was referred. Reports linked to the case later are not part
    # of this referral (an API partner must see only what staff passed to it).
    case_reports = models.ManyToManyField(Report, related_name="+", blank=True, verbose_name=_("reports referred"))
    # The note for the agency (staff only) and the note the API partner reads: never the same field.
    note = models.TextField(_("note for the agency"), max_length=5000, blank=True)
    partner_note = models.TextField(_("note for the API partner"), max_length=5000, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    outcome = models.TextField(_("outcome"), max_length=5000, blank=True)
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("referred by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    referred_at = models.DateTimeField(_("referred at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-referred_at", "-pk"]
        verbose_name = _("referral")
        # The scorecards and the partner inbox read referrals by the day they were sent.
        indexes = [models.Index(fields=["referred_at"], name="triage_referral_referred_at")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(report__isnull=False) | models.Q(case__isnull=False),
                name="triage_referral_has_subject",
            )
        ]

    def __str__(self):
        return f"{self.get_agency_display()}: {self.report or self.case}"


class DigestRun(models.Model):
    """When the urgent-report digest was last sent, so the next one starts there."""

    sent_at = models.DateTimeField(db_index=True)
    report_count = models.PositiveIntegerField(default=0)
    recipient_count = models.PositiveIntegerField(default=0)
    # The surges the digest listed ("kind:value"), so the next one sends only when something new is rising.
    surges = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"Digest {self.sent_at:%Y-%m-%d %H:%M}"


class BulkJob(models.Model):
    """Work on many reports at once, done by the background worker in batches: who asked, when, how far it got.

    Each batch has its own transaction, so a job that fails keeps the batches it finished (and their audit log
    entries) and says where it stopped.
    """

    class Kind(models.TextChoices):
        ASSIGN = "assign", _("Assign reports")
        STATUS = "status", _("Change the status of reports")
        DUPLICATE = "duplicate", _("Mark reports as duplicates")
        SPAM = "spam", _("Mark reports as spam")
        EXPORT = "export", _("Export reports to CSV")
        PURGE_CONTACTS = "purge_contacts", _("Remove old reporter contact details")
        PURGE_UPLOADS = "purge_uploads", _("Delete unused report files")

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for the worker")
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Stopped with an error")

    kind = models.CharField(_("job"), max_length=20, choices=Kind.choices)
    parameters = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.WAITING)
    total = models.PositiveIntegerField(_("to do"), null=True, blank=True)
    done = models.PositiveIntegerField(_("done"), default=0)
    changed = models.PositiveIntegerField(_("changed"), default=0)
    problems = models.JSONField(_("reports left unchanged"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    file_name = models.CharField(max_length=200, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("started by")
    )
    created_at = models.DateTimeField(_("started at"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # The last time the worker recorded anything about the job: a running job silent for long had its worker stop.
    progressed_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("bulk job")
        permissions = [("run_purge", _("Can start purges of reporter contact details and report files"))]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_over(self):
        return self.state in (self.State.FINISHED, self.State.FAILED)

    @property
    def percent(self):
        if self.state == self.State.FINISHED:
            return 100
        return min(99, int(100 * self.done / self.total)) if self.total else 0


class Follow(models.Model):
    """Something an officer follows: each new report that matches it is listed on their "Following" page and in
    their digest (triage/following.py matches in the background worker).

    Three kinds: a saved queue search (`query`: the queue's filters and search words as a query string), an
    entity of the targeting app (`entity`: a seller, domain, phone... and every report later linked to it), and
    the built-in impersonation watchlist (reports whose seller uses the name or address of a suspended or
    revoked vetted importer, TriageState.impersonates).
    """

    class Kind(models.TextChoices):
        SEARCH = "search", _("Saved queue search")
        ENTITY = "entity", _("Entity")
        IMPERSONATION = "impersonation", _("Impersonation watchlist")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows", verbose_name=_("officer")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SEARCH)
    name = models.CharField(_("name"), max_length=200)
    query = models.CharField(_("queue search"), max_length=2000, blank=True)
    entity = models.ForeignKey(
        "targeting.Entity",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
        verbose_name=_("entity"),
    )
    created_at = models.DateTimeField(_("followed since"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("followed search")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "entity"], condition=models.Q(entity__isnull=False), name="triage_follow_entity_once"
            ),
            models.UniqueConstraint(
                fields=["user"], condition=models.Q(kind="impersonation"), name="triage_follow_impersonation_once"
            ),
        ]

    def __str__(self):
        return self.name


class FollowMatch(models.Model):
    """A new report that matched something an officer follows, and when their digest listed it."""

    follow = models.ForeignKey(Follow, on_delete=models.CASCADE, related_name="matches")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="+")
    matched_at = models.DateTimeField(_("matched at"), auto_now_add=True)
    digested_at = models.DateTimeField(_("sent in a digest at"), null=True, blank=True)

    class Meta:
        ordering = ["-matched_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["follow", "report"], name="triage_follow_match_once")]
        indexes = [models.Index(fields=["follow", "digested_at"], name="triage_follow_digest_idx")]

    def __str__(self):
        return f"{self.report_id} for {self.follow_id}"
