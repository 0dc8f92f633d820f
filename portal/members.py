"""Changing a portal user's role or switching them off, never leaving an organisation without an administrator."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import Membership, Role


class LastAdministrator(Exception):
    """The change would leave the organisation with no active administrator."""


def change(membership, *, role, active, by):
    """Set the role and whether the user may sign in, in the audit log. Raises LastAdministrator."""
    with transaction.atomic():
        # Lock the organisation's memberships so two administrators demoting each other cannot both succeed.
        members = list(Membership.objects.select_for_update().filter(organisation_id=membership.organisation_id))
        target = next(member for member in members if member.pk == membership.pk)
        admins_after = sum(
            1
            for member in members
            if (
                role == Role.ADMIN and active
                if member.pk == target.pk
                else member.active and member.role == Role.ADMIN
            )
        )
        if admins_after == 0:
            raise LastAdministrator(
                _(
                    "Your organisation needs at least one active administrator. Make someone else an administrator"
                    " first."
                )
            )
        before = {"role": target.role, "active": target.active}
        if before == {"role": role, "active": active}:
            return target
        target.role, target.active = role, active
        target.save(update_fields=["role", "active"])
        log(
            instance=target,
            action="portal.change_member",
            user=by,
            data={"email": target.user.email, "before": before, "after": {"role": role, "active": active}},
        )
    return target
