from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import LogFormatter

from . import urls


@hooks.register("register_admin_urls")
def register_staff_account_urls():
    return [path("", include((urls.urlpatterns, "accounts"))), *urls.webauthn_urlpatterns]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_staff_second_factors_menu_item():
    return SuperuserMenuItem(_("Staff second factors"), reverse("accounts:staff"), icon_name="key", order=610)


@hooks.register("register_settings_menu_item")
def register_locked_sign_ins_menu_item():
    return SuperuserMenuItem(_("Locked sign-ins"), reverse("accounts:lockouts"), icon_name="lock", order=620)


@hooks.register("register_account_menu_item")
def register_own_second_factor_menu_item(request):
    return {
        "url": reverse("accounts:manage"),
        "label": _("Second factor"),
        "help_text": _("Your authenticator app, passkeys and recovery codes."),
    }


@hooks.register("register_user_listing_buttons")
def register_reset_second_factor_button(user, request_user):
    if request_user.is_superuser:
        yield ListingButton(
            _("Reset second factor"), reverse("accounts:reset", args=[user.pk]), icon_name="key", priority=60
        )


@hooks.register("register_log_actions")
def register_staff_account_log_actions(actions):
    @actions.register_action("accounts.reset_second_factor")
    class ResetSecondFactor(LogFormatter):
        label = _("Reset second factor")

        def format_message(self, entry):
            return _("Second factor reset for %(user)s (%(count)s devices removed)") % {
                "user": entry.data.get("username", ""),
                "count": entry.data.get("devices", 0),
            }
