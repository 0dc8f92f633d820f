"""The conversation on a report's page in the triage admin: the messages (with the asking officer's name and the
files the reporter sent), the question form with its template picker, and the "reporter answered" marker.

Officers see only what the reporter wrote: never an address (contact details stay behind the contact permission
on the same page)."""

from django.db.models import Exists, OuterRef

from .forms import AskForm
from .models import Conversation, Message


def staff_messages(report):
    return list(
        Message.objects.filter(report=report)
        .select_related("author")
        .prefetch_related("attachments")
        .order_by("sent_at", "pk")
    )


def reporter_answered(report):
    return Conversation.objects.filter(report=report, reporter_answered_at__isnull=False).exists()


def ask_form(report, data=None):
    # Ids of its own: the notes form on the same page has a `text` field too.
    return AskForm(data, language=report.preferred_language, auto_id="id_ask_%s")


def answered_q():
    """Reports whose reporter answered and no officer has read it yet (the queue's filter and marker)."""
    return Exists(Conversation.objects.filter(report=OuterRef("pk"), reporter_answered_at__isnull=False))


def answered_ids(report_ids):
    return set(
        Conversation.objects.filter(report_id__in=report_ids, reporter_answered_at__isnull=False).values_list(
            "report_id", flat=True
        )
    )


def answered_report_ids():
    """Every report waiting with an unread answer (few: they leave the list once read), for the index search."""
    return list(Conversation.objects.filter(reporter_answered_at__isnull=False).values_list("report_id", flat=True))
