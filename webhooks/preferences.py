"""Who gets the email about a new referral: the organisation's active members who want it.

Each portal user chooses (`NoticePreference`); without a choice, admins and responders get it and viewers
do not.
"""

from portal.models import Membership, Role

from .models import NoticePreference

ON_BY_DEFAULT = (Role.ADMIN, Role.RESPONDER)


def wants_email(user, role):
    preference = NoticePreference.objects.filter(user=user).first()
    if preference is None:
        return role in ON_BY_DEFAULT
    return preference.email_new_referrals


def set_wants_email(user, wanted):
    NoticePreference.objects.update_or_create(user=user, defaults={"email_new_referrals": wanted})


def members_to_email(organisation):
    memberships = (
        Membership.objects.active()
        .filter(organisation=organisation, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
    )
    chosen = dict(
        NoticePreference.objects.filter(user__in=[m.user_id for m in memberships]).values_list(
            "user_id", "email_new_referrals"
        )
    )
    return [m.user for m in memberships if chosen.get(m.user_id, m.role in ON_BY_DEFAULT)]
