"""A report's timeline: Wagtail's audit log for the report, plus what the reporter sent and the conversation."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from .models import officer_name
from .operations import as_logged


@dataclass
class Event:
    when: datetime
    who: str
    text: str
    kind: str


def timeline(report):
    events = [Event(report.submitted_at, _("reporter"), _("Report submitted"), "submitted")]
    for addition in report.additions.all():
        files = addition.attachments.count()
        text = _("The reporter added information")
        if files:
            text += " " + _("(%(count)d file(s))") % {"count": files}
        events.append(Event(addition.created_at, _("reporter"), text, "addition"))
    for message in report.messages.select_related("author").prefetch_related("attachments"):
        if message.sender == "reporter":
            text = _("The reporter answered")
            if message.attachments.all():
                text += " " + _("(%(count)d file(s))") % {"count": len(message.attachments.all())}
            events.append(Event(message.sent_at, _("reporter"), text, "reporter_message"))
        else:
            who = officer_name(message.author) if message.author else _("former staff")
            events.append(Event(message.sent_at, who, _("Asked the reporter a question"), "cbp_message"))
    for entry in ModelLogEntry.objects.for_instance(as_logged(report)).select_related("user"):
        formatter = entry.formatter
        message = formatter.format_message(entry) if formatter else entry.action
        events.append(Event(entry.timestamp, str(entry.user_display_name), message, entry.action))
    events.sort(key=lambda event: event.when)
    return events
