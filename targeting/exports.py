"""Every export of the lead feed is recorded: a LeadExport row and an entry in Wagtail's audit log."""

from wagtail.log_actions import log

from .models import LeadExport


def record_export(*, format, status="", user=None, api_key=None, leads=None):
    export = LeadExport.objects.create(format=format, status=status, user=user, api_key=api_key)
    data = {"format": format, "status": status}
    if api_key is not None:
        data.update(partner=api_key.partner.name, key=api_key.prefix)
    if leads is not None:
        data["leads"] = leads
    log(export, "targeting.leads_export", user=user, data=data)
    return export
