from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter


@hooks.register("register_admin_urls")
def register_answer_url():
    from .admin_views import answer_question

    return [path("agencies/questions/<int:pk>/answer/", answer_question, name="agencies_answer")]


@hooks.register("register_log_actions")
def register_agency_log_actions(actions):
    @actions.register_action("agencies.acknowledge")
    class Acknowledge(LogFormatter):
        label = _("Agency acknowledged a referral")

        def format_message(self, entry):
            return _("%(agency)s acknowledged the referral") % {"agency": entry.data.get("organisation", "")}

    @actions.register_action("agencies.outcome")
    class Outcome(LogFormatter):
        label = _("Agency recorded an outcome")

        def format_message(self, entry):
            data = entry.data
            message = _("%(agency)s recorded an outcome: %(outcome)s") % {
                "agency": data.get("organisation", ""),
                "outcome": data.get("label", data.get("code", "")),
            }
            if data.get("action_date"):
                message += " " + _("(action on %(date)s)") % {"date": data["action_date"]}
            if data.get("reference"):
                message += " " + _("(reference %(reference)s)") % {"reference": data["reference"]}
            if data.get("note"):
                message += f" — {data['note']}"
            return message

    @actions.register_action("agencies.question")
    class Question(LogFormatter):
        label = _("Agency asked CBP a question")

        def format_message(self, entry):
            return _("%(agency)s asked: %(text)s") % {
                "agency": entry.data.get("organisation", ""),
                "text": entry.data.get("text", ""),
            }

    @actions.register_action("agencies.answer")
    class Answer(LogFormatter):
        label = _("Answer to an agency's question")

        def format_message(self, entry):
            return _("Answered %(agency)s: %(text)s") % {
                "agency": entry.data.get("organisation", ""),
                "text": entry.data.get("text", ""),
            }

    actions.register_action(
        "agencies.contact_view", _("Agency viewed reporter contact"), _("Contact details viewed by an agency")
    )
    actions.register_action(
        "agencies.file_download", _("Agency downloaded a report file"), _("File downloaded by an agency")
    )
