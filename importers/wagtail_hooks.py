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
