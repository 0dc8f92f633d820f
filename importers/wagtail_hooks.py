from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from .viewsets import ImporterViewSet


@hooks.register("register_admin_viewset")
def register_importer_viewset():
    return ImporterViewSet()


@hooks.register("register_log_actions")
def register_importer_log_actions(actions):
    from .models import VettingStatus

    @actions.register_action("importers.vetting")
    class VettingDecisionLog(LogFormatter):
        label = _("Vetting decision")

        def format_message(self, entry):
            labels = dict(VettingStatus.choices)
            new = labels.get(entry.data.get("to"), entry.data.get("to"))
            if entry.data.get("from"):
                old = labels.get(entry.data["from"], entry.data["from"])
                message = _("Status changed from %(old)s to %(new)s") % {"old": old, "new": new}
            else:
                message = _("Added with status %(new)s") % {"new": new}
            return f"{message}: {entry.data.get('reason', '')}"

    @actions.register_action("importers.consent")
    class ConsentLog(LogFormatter):
        label = _("Consent to be listed")

        def format_message(self, entry):
            from .models import ConsentSource

            how = dict(ConsentSource.choices).get(entry.data.get("source"), entry.data.get("source", ""))
            if entry.data.get("given"):
                return _("Consent to be listed given (%(how)s)") % {"how": how}
            return _("Consent to be listed withdrawn (%(how)s)") % {"how": how}

    @actions.register_action("importers.renewal_sent")
    class RenewalSentLog(LogFormatter):
        label = _("Renewal application sent")

        def format_message(self, entry):
            return _("Renewal application R-%(number)s sent with %(count)s document(s)") % {
                "number": entry.data.get("application"),
                "count": entry.data.get("documents", 0),
            }

    @actions.register_action("importers.renewal_decided")
    class RenewalDecidedLog(LogFormatter):
        label = _("Renewal decided")

        def format_message(self, entry):
            if entry.data.get("approved"):
                message = _("Renewal R-%(number)s approved, valid until %(date)s") % {
                    "number": entry.data.get("application"),
                    "date": entry.data.get("valid_until"),
                }
            else:
                message = _("Renewal R-%(number)s refused") % {"number": entry.data.get("application")}
            return f"{message}: {entry.data.get('reason', '')}"
