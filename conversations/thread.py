"""The conversation as the reporter sees it, on the status page and in the status API: who wrote (CBP or the
reporter, never an officer's name), the text, when, and how many files."""

from django.db.models import Count

from reports.choices import Status

from .models import Message


def messages_for(report):
    return list(
        Message.objects.filter(report=report).annotate(file_count=Count("attachments")).order_by("sent_at", "pk")
    )


def needs_information(report):
    return report.status == Status.NEEDS_INFO


def status_fields(report):
    """What the status API adds (report-api.md): needs_information, and the messages oldest first."""
    return {
        "needs_information": needs_information(report),
        "messages": [
            {
                "from": message.sender,
                "text": message.text,
                "sent_at": message.sent_at.isoformat(),
                "files": message.file_count,
            }
            for message in messages_for(report)
        ],
    }


def status_page_context(report):
    """What the status page shows of the conversation and of the updates the reporter chose."""
    from .exchange import can_get_updates, is_subscribed

    return {
        "conversation": messages_for(report),
        "needs_information": needs_information(report),
        "can_get_updates": can_get_updates(report),
        "gets_updates": is_subscribed(report),
    }
