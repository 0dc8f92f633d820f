"""Who a referral reaches, in words an officer reads before and after referring."""

from django.utils.translation import gettext as _


def referral_summary(agency, recipient):
    """'Referred to FTC. Shared through the partner API with: nobody.' (or the API partner's name)."""
    return _("Referred to %(agency)s. Shared through the partner API with: %(recipient)s.") % {
        "agency": agency,
        "recipient": recipient.name if recipient is not None else _("nobody"),
    }
