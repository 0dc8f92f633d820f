from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .viewsets import TriageGroup


@hooks.register("register_admin_viewset")
def register_triage_viewsets():
    return TriageGroup()


def _label(choices, value):
    return str(dict(choices).get(value, value))


def _agency_label(entry):
    """The agency's name in a referral log entry (entries written before the Agency rename say partner_label)."""
    return entry.data.get("agency_label") or entry.data.get("partner_label", "")


@hooks.register("register_log_actions")
def register_triage_log_actions(actions):
    from reports.choices import ClosedReason, Priority, Status

    from .models import ReferralStatus

    @actions.register_action("triage.assign")
    class Assign(LogFormatter):
        label = _("Assign report")

        def format_message(self, entry):
            if entry.data.get("assignee"):
                return _("Assigned to %(user)s") % {"user": entry.data["assignee"]}
            return _("Unassigned")

    @actions.register_action("triage.status")
    class ChangeStatus(LogFormatter):
        label = _("Change report status")

        def format_message(self, entry):
            message = _("Status changed from %(old)s to %(new)s") % {
                "old": _label(Status.choices, entry.data.get("from")),
                "new": _label(Status.choices, entry.data.get("to")),
            }
            if entry.data.get("closed_reason"):
                message += f" ({_label(ClosedReason.choices, entry.data['closed_reason'])})"
            return message

    @actions.register_action("triage.note")
    class AddNote(LogFormatter):
        label = _("Add internal note")
        message = _("Internal note added")

    @actions.register_action("triage.priority_override")
    class OverridePriority(LogFormatter):
        label = _("Override report priority")

        def format_message(self, entry):
            if entry.data.get("cleared"):
                return _("Priority override removed; computed priority %(new)s") % {
                    "new": _label(Priority.choices, entry.data.get("to"))
                }
            return _("Priority set to %(new)s: %(reason)s") % {
                "new": _label(Priority.choices, entry.data.get("to")),
                "reason": entry.data.get("reason", ""),
            }

    @actions.register_action("triage.duplicate")
    class MarkDuplicate(LogFormatter):
        label = _("Mark report as duplicate")

        def format_message(self, entry):
            return _("Marked as a duplicate of %(original)s") % {"original": entry.data.get("original", "")}

    @actions.register_action("triage.case_link")
    class LinkCase(LogFormatter):
        label = _("Link report to case")

        def format_message(self, entry):
            return _("Added to case “%(case)s”") % {"case": entry.data.get("case", "")}

    @actions.register_action("triage.case_unlink")
    class UnlinkCase(LogFormatter):
        label = _("Remove report from case")

        def format_message(self, entry):
            return _("Removed from case “%(case)s”") % {"case": entry.data.get("case", "")}

    @actions.register_action("triage.refer")
    class Refer(LogFormatter):
        label = _("Refer to an agency")

        def format_message(self, entry):
            message = _("Referred to %(agency)s") % {"agency": _agency_label(entry)}
            if entry.data.get("recipient"):
                message += " " + _("(read through the API by %(name)s)") % {"name": entry.data["recipient"]}
            if entry.data.get("case"):
                message += " " + _("(with case “%(case)s”)") % {"case": entry.data["case"]}
            return message

    @actions.register_action("triage.referral_update")
    class UpdateReferral(LogFormatter):
        label = _("Update a referral")

        def format_message(self, entry):
            message = _("Referral to %(agency)s: %(status)s") % {
                "agency": _agency_label(entry),
                "status": _label(ReferralStatus.choices, entry.data.get("to")),
            }
            if entry.data.get("outcome"):
                message += f" — {entry.data['outcome']}"
            return message

    actions.register_action("triage.contact_view", _("View reporter contact details"), _("Viewed contact details"))
    actions.register_action("triage.file_download", _("Download a report file"), _("Downloaded a file"))
    actions.register_action(
        "triage.contact_purged",
        _("Remove reporter contact details"),
        _("Reporter contact details removed (retention)"),
    )


@hooks.register("construct_homepage_panels")
def add_triage_panel(request, panels):
    from .dashboard import TriagePanel
    from .permissions import is_triage_staff

    if is_triage_staff(request.user):
        panels.append(TriagePanel(request.user))
