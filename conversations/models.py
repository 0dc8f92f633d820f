"""The conversation between CBP and a reporter, the status updates a reporter chose, and the notices waiting to be
emailed.

Messages go both ways (`from` CBP or the reporter). A reporter's files are ordinary report Attachments (checked,
cleaned, stored and downloaded by the reports app's rules), linked to the message that carried them. Nothing here
is a column of reports.Report: a report's conversation state and its subscription are rows of this app.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.choices import Language


class Sender(models.TextChoices):
    CBP = "cbp", _("CBP")
    REPORTER = "reporter", _("Reporter")


class Message(models.Model):
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(_("from"), max_length=10, choices=Sender.choices)
    text = models.TextField(_("text"), max_length=5000)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    # The officer who asked (CBP messages only). The reporter sees "CBP", never a name.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    attachments = models.ManyToManyField("reports.Attachment", blank=True, related_name="messages")

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        permissions = [("ask_reporter", _("Can ask the reporter a question"))]

    def __str__(self):
        return f"{self.get_sender_display()} on {self.report_id}"


class Conversation(models.Model):
    """Where a report's conversation stands, for the queue: the reporter answered and no officer has read it."""

    report = models.OneToOneField("reports.Report", on_delete=models.CASCADE, related_name="conversation")
    reporter_answered_at = models.DateTimeField(_("reporter answered at"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("conversation")

    def __str__(self):
        return f"Conversation on {self.report_id}"


class QuestionTemplate(models.Model):
    """A question officers often ask, in both languages (Snippets → Question templates)."""

    title = models.CharField(_("name"), max_length=100, unique=True, help_text=_("What officers see in the list."))
    text_en = models.TextField(_("question in English"), max_length=5000)
    text_es = models.TextField(_("question in Spanish"), max_length=5000)

    class Meta:
        ordering = ["title"]
        verbose_name = _("question template")
        verbose_name_plural = _("question templates")

    def __str__(self):
        return self.title

    def text_for(self, language):
        return self.text_es if language == Language.SPANISH and self.text_es else self.text_en


class Subscription(models.Model):
    """A reporter asked to be emailed when the public status changes. `last_status` is the public status they
    were last told about (or saw); a difference is an update waiting to be sent."""

    report = models.OneToOneField("reports.Report", on_delete=models.CASCADE, related_name="status_subscription")
    active = models.BooleanField(_("active"), default=True)
    last_status = models.CharField(_("last status sent"), max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("status update subscription")
        indexes = [models.Index(fields=["active"], condition=models.Q(active=True), name="conv_subscription_active")]

    def __str__(self):
        return f"Updates for {self.report_id}"


class NoticeKind(models.TextChoices):
    QUESTION = "question", _("CBP asked a question")
    STATUS = "status", _("The status changed")


class Notice(models.Model):
    """An email to a reporter that waits to be sent (an outbox row): written in the same transaction as the
    question or status change, deleted only once the mail server accepted it. A mail outage loses nothing."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=NoticeKind.choices)
    public_status = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=100, blank=True)
    # Set when the mail server refused the address for good, or after NOTICE_MAX_ATTEMPTS failures:
    # the row is kept (for the logs and the count the cron prints) but never tried again.
    gave_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.kind} notice for {self.report_id}"
