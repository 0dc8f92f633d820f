"""An endpoint's audit log as its own organisation sees it in the portal: when, who, what happened.

Read from the Wagtail audit log entries `endpoints.log_endpoint` writes (they hold no secret). Who: the name of a
member of the endpoint's organisation; anyone else is named only as CBP staff or someone no longer in the
organisation, so a page never shows another organisation's (or CBP's) people; only an entry with no user at all
was done automatically. What: said in the portal's own words, from the entry's action and data: never the
organisation name the staff message repeats, never a secret.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ObjectDoesNotExist
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from portal.models import Membership


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str


def entries(endpoint):
    """The endpoint's audit log entries, newest first (a queryset, to be paged)."""
    return ModelLogEntry.objects.for_instance(endpoint).select_related("user").order_by("-timestamp", "-pk")


def shown(endpoint, log_entries):
    """`log_entries` (of `endpoint`) as the portal shows them."""
    log_entries = list(log_entries)
    members = set(
        Membership.objects.filter(
            organisation=endpoint.organisation, user__in=[entry.user_id for entry in log_entries if entry.user_id]
        ).values_list("user_id", flat=True)
    )
    return [HistoryEntry(entry.timestamp, who(entry, entry.user_id in members), what(entry)) for entry in log_entries]


def who(entry, is_member):
    """Who did what `entry` records, as the endpoint's organisation may see it.

    Wagtail's log keeps the user's id after the account is deleted (`user_id`, with no database constraint), while
    `user` is then gone: only an entry with no user id at all was done automatically. A deleted account reads as
    CBP staff: portal accounts are closed, never deleted (only staff delete accounts, in the admin)."""
    if entry.user_id is None:
        return _("CBP (done automatically)")
    try:
        user = entry.user  # None when the account was deleted (read with select_related)
    except ObjectDoesNotExist:  # the same, read on its own
        user = None
    if user is None:
        return _("CBP staff")
    if is_member:
        return user.get_full_name() or user.email or user.get_username()
    if user.is_staff:
        return _("CBP staff")
    return _("Someone no longer in your organisation")


def what(entry):
    data = entry.data or {}
    action = entry.action
    if action == "webhooks.create":
        return _("Added the endpoint, with the address %(url)s") % {"url": data.get("url", "")}
    if action == "webhooks.edit":
        changes = data.get("changes") or {}
        if not changes:  # saved as it was: said so, rather than an empty line or a gap in the history
            return _("Saved the endpoint with no changes")
        return "; ".join(changed(field, change) for field, change in changes.items())
    if action == "webhooks.enable":
        return _("Enabled the endpoint")
    if action == "webhooks.disable":
        return _("Disabled the endpoint: it got nothing until enabled again")
    if action == "webhooks.rotate_secret":
        return rotated(data.get("previous_signs_until"))
    if action == "webhooks.replay":
        return _("Sent event %(event)s again (a replay)") % {"event": data.get("event_id", "")}
    if action == "webhooks.delete":
        return _("Deleted the endpoint and its delivery log")
    return _("Another change to the endpoint")


def changed(field, change):
    old, new = change.get("from", ""), change.get("to", "")
    if field == "url":
        return _("Changed the address from “%(old)s” to “%(new)s”") % {"old": old, "new": new}
    if field == "description":
        if not old:
            return _("Added the description “%(new)s”") % {"new": new}
        if not new:
            return _("Removed the description “%(old)s”") % {"old": old}
        return _("Changed the description from “%(old)s” to “%(new)s”") % {"old": old, "new": new}
    return _("Changed the endpoint")


def rotated(previous_signs_until):
    if not previous_signs_until:
        return _("Made a new secret; the previous one stopped signing at once")
    try:
        until = datetime.fromisoformat(previous_signs_until)
    except ValueError:
        return _("Made a new secret; the previous one kept signing for a while")
    return _("Made a new secret; the previous one signed beside it until %(when)s") % {
        "when": date_format(localtime(until), "DATETIME_FORMAT")
    }
