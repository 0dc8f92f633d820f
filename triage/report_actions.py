"""The actions an officer takes on a report's page (POST only): assign, status, priority, note, duplicate, case, refer.

Each is the report's page itself (a ReportInspectView) answering a POST. It checks the same triage permission as
before, runs the operation from operations.py, says what happened in a success message and goes back to the report's
page at the section the officer was working in (`#actions`, `#notes`, `#related`, ...). Input that does not pass
shows the page again (400) with the error beside the field and the officer's input kept; nothing is saved.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from conversations import exchange
from conversations.staff import ask_form
from outcomes import recording
from outcomes.codes import OutcomeCode

from . import operations
from .detail import ReportInspectView
from .forms import (
    AssignForm,
    CaseLinkForm,
    DuplicateForm,
    NoteForm,
    PriorityOverrideForm,
    ReferralForm,
    StatusForm,
    suggested_partner,
)
from .models import officer_name
from .permissions import can
from .referrals import referral_summary


class ReportActionView(ReportInspectView):
    http_method_names = ["post"]
    # The triage permission the action needs (see permissions.py), the form and its name in the page's context.
    permission = "change"
    form_class = None
    form_name = ""
    # Where the officer goes back to on the report's page; `sections` are the ones a form may ask for instead.
    section = "actions"
    sections = ()

    def get_form(self):
        return self.form_class(self.request.POST)

    def act(self, data):
        """Do the action with the form's cleaned data; return the success message."""
        raise NotImplementedError

    def back_to(self):
        asked = self.request.POST.get("section", "")
        section = asked if asked in self.sections else self.section
        return reverse("triage:inspect", args=[self.object.pk]) + "#" + section

    def post(self, request, *args, **kwargs):
        if not can(request.user, self.permission):
            raise PermissionDenied
        form = self.get_form()
        if form.is_valid():
            try:
                message = self.act(form.cleaned_data)
            except operations.OperationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, message)
                return redirect(self.back_to())
        context = self.get_context_data(**{self.form_name: form}, failed_form=self.form_name)
        return self.render_to_response(context, status=400)


class AssignView(ReportActionView):
    form_class = AssignForm
    form_name = "assign_form"

    def act(self, data):
        assignee = data["assignee"]
        operations.assign(self.object, assignee, user=self.request.user)
        if assignee is None:
            return _("%(report)s is not assigned to anyone now.") % {"report": self.object.tracking_number}
        if assignee == self.request.user:
            return _("%(report)s is assigned to you.") % {"report": self.object.tracking_number}
        return _("%(report)s is assigned to %(name)s.") % {
            "report": self.object.tracking_number,
            "name": officer_name(assignee),
        }


class StatusView(ReportActionView):
    form_class = StatusForm
    form_name = "status_form"

    def act(self, data):
        report = self.object
        if data.get("outcome"):
            recording.close_report(
                report,
                data["outcome"],
                user=self.request.user,
                action_date=data["outcome_date"],
                reference=data["outcome_reference"],
                closed_reason=data["closed_reason"],
            )
        else:
            operations.change_status(
                report, data["status"], user=self.request.user, closed_reason=data["closed_reason"]
            )
        status = report.get_status_display()
        if report.closed_reason:
            status = f"{status} ({report.get_closed_reason_display()})"
        message = _("The status of %(report)s is now %(status)s.") % {
            "report": report.tracking_number,
            "status": status,
        }
        if data.get("outcome"):
            message += " " + _("Outcome recorded: %(outcome)s.") % {"outcome": OutcomeCode(data["outcome"]).label}
        return message


class PriorityView(ReportActionView):
    form_class = PriorityOverrideForm
    form_name = "priority_form"

    def post(self, request, *args, **kwargs):
        if request.POST.get("clear") and can(request.user, self.permission):
            operations.clear_priority_override(self.object, user=request.user)
            self.object.refresh_from_db(fields=["priority"])
            messages.success(
                request,
                _("%(report)s has its computed priority again: %(priority)s.")
                % {"report": self.object.tracking_number, "priority": self.object.get_priority_display()},
            )
            return redirect(self.back_to())
        return super().post(request, *args, **kwargs)

    def act(self, data):
        operations.override_priority(self.object, data["priority"], data["reason"], user=self.request.user)
        return _("The priority of %(report)s is now %(priority)s.") % {
            "report": self.object.tracking_number,
            "priority": self.object.get_priority_display(),
        }


class NoteView(ReportActionView):
    permission = "note"
    form_class = NoteForm
    form_name = "note_form"
    section = "notes"

    def act(self, data):
        operations.add_note(self.object, data["text"], user=self.request.user)
        return _("Your note is added to %(report)s.") % {"report": self.object.tracking_number}


class DuplicateView(ReportActionView):
    """Mark this report as a duplicate of another: from the actions panel, or from a related report's row."""

    form_class = DuplicateForm
    form_name = "duplicate_form"
    section = "duplicate"
    sections = ("related",)

    def act(self, data):
        original = data["original"]
        operations.mark_duplicate(self.object, original, user=self.request.user)
        return _("%(report)s is now a duplicate of %(original)s, and closed.") % {
            "report": self.object.tracking_number,
            "original": original.tracking_number,
        }


class CaseView(ReportActionView):
    permission = "link"
    form_class = CaseLinkForm
    form_name = "case_form"
    section = "case"

    def act(self, data):
        existing = data.get("case")
        case = operations.link_to_case([self.object], user=self.request.user, case=existing, title=data.get("title"))
        if existing is None:
            return _("%(report)s is in the new case “%(case)s”.") % {
                "report": self.object.tracking_number,
                "case": case.title,
            }
        return _("%(report)s is in the case “%(case)s”.") % {"report": self.object.tracking_number, "case": case.title}


class ReferView(ReportActionView):
    permission = "refer"
    form_name = "referral_form"
    section = "refer"

    def get_form(self):
        return ReferralForm(self.request.POST, suggested=suggested_partner([self.object]))

    def act(self, data):
        referral = operations.refer(
            agency=data["agency"],
            note=data["note"],
            partner_note=data["partner_note"],
            recipient=data["shared_with"],
            user=self.request.user,
            report=self.object,
        )
        return referral_summary(referral.get_agency_display(), referral.recipient)


class AskView(ReportActionView):
    """Ask the reporter a question (conversations/): the report then needs the reporter's information."""

    permission = "ask"
    form_name = "ask_form"
    section = "conversation"

    def get_form(self):
        return ask_form(self.object, self.request.POST)

    def act(self, data):
        exchange.ask(self.object, data["text"], user=self.request.user)
        return _("Your question is on %(report)s's status page. The report now needs the reporter's information.") % {
            "report": self.object.tracking_number
        }


class AnswerReadView(ReportActionView):
    """The officer read the reporter's answer: the queue's "Reporter answered" marker goes."""

    permission = "change"
    section = "conversation"

    def post(self, request, *args, **kwargs):
        if not can(request.user, self.permission):
            raise PermissionDenied
        exchange.mark_read(self.object)
        messages.success(
            request, _("The answer on %(report)s is marked as read.") % {"report": self.object.tracking_number}
        )
        return redirect(self.back_to())


# The URL name (and path) of each action on a report's page.
URLS = {
    "assign": AssignView,
    "status": StatusView,
    "note": NoteView,
    "priority": PriorityView,
    "duplicate": DuplicateView,
    "case": CaseView,
    "refer": ReferView,
    "ask": AskView,
    "answer_read": AnswerReadView,
}
