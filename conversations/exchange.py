"""Asking the reporter, the reporter's answer, and the updates a reporter chose: each all or nothing.

An officer's question sets the report to "Needs information" (the reporter sees "Needs your information") and,
when the reporter left an email, queues a notice that holds only a link. The reporter's answer (text and up to 5
files, stored as the report's attachments by the reports app's own rules) puts the report back in review and
marks it "reporter answered" in the queue until an officer writes again or marks the answer read.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from reports.choices import PUBLIC_STATUS, Status
from reports.models import Attachment, Report
from reports.submission import delete_stored_files, store_attachment
from triage.operations import change_status

from .models import Conversation, Message, Notice, NoticeKind, Sender, Subscription
from .notices import reporter_email
from .tasks import enqueue_sending


def _set_answered(report, when):
    Conversation.objects.update_or_create(report=report, defaults={"reporter_answered_at": when})


def _mark_seen_by_reporter(report):
    """A subscribed reporter already knows the status their own action led to: no update email for it."""
    Subscription.objects.filter(report=report, active=True).update(last_status=PUBLIC_STATUS[report.status])


def ask(report, text, *, user):
    """An officer's question. Returns the Message; the notice is sent after the commit."""
    with transaction.atomic():
        message = Message.objects.create(report=report, sender=Sender.CBP, text=text, author=user)
        if report.status != Status.NEEDS_INFO:
            change_status(report, Status.NEEDS_INFO, user=user)
        _set_answered(report, None)
        _mark_seen_by_reporter(report)  # the question notice says it; no second email for the status
        if reporter_email(report):
            Notice.objects.create(report=report, kind=NoticeKind.QUESTION)
            transaction.on_commit(enqueue_sending)
    return message


def answer(report, text, files):
    """The reporter's message with its clean files (attachments.check_files). Raises StorageUnavailable, after
    deleting what was written, when the files cannot be stored; nothing is saved then."""
    stored_names = []
    try:
        with transaction.atomic():
            # Locked like reports.submission.add_information, so files sent at once are numbered one after another.
            report = Report.objects.select_for_update().get(pk=report.pk)
            last = report.attachments.aggregate(last=Max("position"))["last"] or report.attachments.count()
            message = Message.objects.create(report=report, sender=Sender.REPORTER, text=text)
            stored = [
                store_attachment(report, clean_file, stored_names, position)
                for position, clean_file in enumerate(files, start=last + 1)
            ]
            if stored:
                Attachment.objects.filter(pk__in=[a.pk for a in stored]).update(added_later=True)
                message.attachments.set(stored)
            now = timezone.now()
            Report.objects.filter(pk=report.pk).update(last_addition_at=now)
            _set_answered(report, now)
            if report.status == Status.NEEDS_INFO:
                change_status(report, Status.IN_REVIEW, user=None)
            _mark_seen_by_reporter(report)
    except BaseException:
        delete_stored_files(stored_names)
        raise
    return message


def mark_read(report):
    """An officer read the reporter's answer: the queue's "reporter answered" marker goes."""
    return Conversation.objects.filter(report=report, reporter_answered_at__isnull=False).update(
        reporter_answered_at=None
    )


def can_get_updates(report):
    return bool(reporter_email(report))


def subscribe(report):
    """Email this reporter when the public status changes (only with an email address). True when subscribed."""
    if not can_get_updates(report):
        return False
    Subscription.objects.update_or_create(
        report=report,
        defaults={"active": True, "last_status": PUBLIC_STATUS[report.status], "stopped_at": None},
    )
    return True


def unsubscribe(subscription):
    Subscription.objects.filter(pk=subscription.pk).update(active=False, stopped_at=timezone.now())


def is_subscribed(report):
    return Subscription.objects.filter(report=report, active=True).exists()
