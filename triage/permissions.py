"""Who may do what in the triage queue.

Reports come only from the public and are removed only by the retention command, so nobody adds or
deletes them in the admin (not even superusers). Everything else maps to a permission a data migration
gives the `Triage officers` group; reporter contact details need `triage.view_reporter_contact`
(the `Contact viewers` group).
"""

from wagtail.permission_policies import ModelPermissionPolicy

from .models import TriageReport

# Actions beyond view/change, and the Django permission each needs.
EXTRA_ACTIONS = {
    "view_contact": "triage.view_reporter_contact",
    "note": "triage.add_note",
    "refer": "triage.add_referral",
    "link": "triage.change_case",
    "ask": "conversations.ask_reporter",
}

TRIAGE_GROUP = "Triage officers"
CONTACT_GROUP = "Contact viewers"


class TriagePermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "delete"):
            return False
        if not (user.is_active and user.has_perm("wagtailadmin.access_admin")):
            return False
        if action in EXTRA_ACTIONS:
            return user.has_perm("triage.view_triagereport") and user.has_perm(EXTRA_ACTIONS[action])
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action not in ("add", "delete") and action not in EXTRA_ACTIONS]
        return super().users_with_any_permission(actions)


policy = TriagePermissionPolicy(TriageReport)


def is_triage_staff(user):
    return policy.user_has_permission(user, "view")


def can(user, action):
    return policy.user_has_permission(user, action)


def triage_officers():
    """Active people who may work the queue (for the assignee choices and the digest)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    User = get_user_model()
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(groups__permissions__codename="view_triagereport", groups__permissions__content_type__app_label="triage")
            | Q(user_permissions__codename="view_triagereport", user_permissions__content_type__app_label="triage")
        )
        .distinct()
        .order_by("username")
    )
