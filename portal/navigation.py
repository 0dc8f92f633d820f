"""The portal's menu. Each feature adds its own lines to ITEMS (one NavItem per line).

`kinds`: the organisation kinds (partners.models.PartnerKind values) that see the item; None: every kind.
An item is shown to a member whose organisation's kind is in `kinds` and whose role is at least `minimum_role`.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    kinds: tuple | None = None
    minimum_role: str = Role.VIEWER

    def shown_to(self, membership):
        kind_ok = self.kinds is None or membership.organisation.kind in self.kinds
        return kind_ok and membership.has_role(self.minimum_role)

    @property
    def url(self):
        return reverse(self.url_name)


ITEMS = [
    NavItem(_("Home"), "portal:home"),
    NavItem(_("Users"), "portal:users", None, Role.ADMIN),
    NavItem(_("API keys"), "portal:keys", None, Role.ADMIN),
    NavItem(_("Your account"), "portal:account"),
    NavItem(_("Referrals"), "portal:referrals:inbox", ("marketplace", "carrier", "rights_holder")),
    NavItem(
        _("Send reports (CSV)"), "portal:referrals:upload", ("marketplace", "carrier", "rights_holder"), Role.RESPONDER
    ),
    NavItem(_("Notices of new referrals"), "portal:webhooks_portal:preferences"),
    NavItem(_("Referrals to your agency"), "portal:agencies_portal:inbox", ("agency",)),  # scorecards
    NavItem(_("Your response record"), "portal:scorecard:own"),  # scorecards
    NavItem(_("Brands and guides"), "portal:brands_portal:brands", ("rights_holder",)),
    NavItem(_("Importer status"), "portal:importers_portal:status", ("importer",)),
]


def items_for(membership):
    """The items this member sees, in order."""
    return [item for item in ITEMS if item.shown_to(membership)]
