"""Assisted reports in the admin: a menu item for staff who may key in reports, their URLs, the audit-log action."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from . import urls
from .views import PERMISSION


class AssistedReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_assisted_urls():
    return [path("assisted-reports/", include(urls, namespace="assisted"))]


@hooks.register("register_admin_menu_item")
def register_assisted_menu_item():
    return AssistedReportMenuItem(_("Key in a report"), reverse("assisted:key_in"), icon_name="mail", order=260)


@hooks.register("register_log_actions")
def register_assisted_log_actions(actions):
    @actions.register_action("assisted.key_in")
    class KeyedIn(LogFormatter):
        label = _("Key in a report taken by phone, mail or TTY")

        def format_message(self, entry):
            from reports.choices import Source

            source = entry.data.get("source", "")
            label = dict(Source.choices).get(source, source)
            return _("Keyed in the report (%(source)s)") % {"source": label}
