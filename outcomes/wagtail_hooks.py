from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter


@hooks.register("register_admin_urls")
def register_case_close_url():
    from .case_views import close_case

    return [path("triage/cases/<int:pk>/close/", close_case, name="outcomes_case_close")]


def _describe(entry):
    data = entry.data
    message = _("Outcome recorded: %(outcome)s") % {"outcome": data.get("label", data.get("code", ""))}
    if data.get("action_date"):
        message += " " + _("(action on %(date)s)") % {"date": data["action_date"]}
    if data.get("reference"):
        message += " " + _("(reference %(reference)s)") % {"reference": data["reference"]}
    return message


@hooks.register("register_log_actions")
def register_outcome_log_actions(actions):
    @actions.register_action("outcomes.record")
    class RecordOutcome(LogFormatter):
        label = _("Record an enforcement outcome")

        def format_message(self, entry):
            message = _describe(entry)
            if entry.data.get("case"):
                message += " " + _("(with case “%(case)s”)") % {"case": entry.data["case"]}
            return message

    @actions.register_action("outcomes.case_close")
    class CloseCase(LogFormatter):
        label = _("Close a case with an outcome")

        def format_message(self, entry):
            return _describe(entry)
