"""The enforcement outcomes an officer records when a report or a case closes, and what each means to the reporter.

"Led to action" means something happened to the listing, the seller or the goods: a listing removed, a seller
suspended, a shipment detained or seized, goods abandoned, a penalty. Passing a report to another agency is an
outcome of its own, not counted as action (CBP does not know yet what that agency did).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from reports.choices import ClosedReason


class OutcomeCode(models.TextChoices):
    LISTING_REMOVED = "listing_removed", _("Listing removed")
    SELLER_SUSPENDED = "seller_suspended", _("Seller suspended")
    SHIPMENT_DETAINED = "shipment_detained", _("Shipment detained")
    SHIPMENT_SEIZED = "shipment_seized", _("Shipment seized")
    GOODS_ABANDONED = "goods_abandoned", _("Goods abandoned")
    PENALTY = "penalty", _("Penalty")
    REFERRED = "referred_to_agency", _("Referred to an agency")
    NOT_ENOUGH_INFORMATION = "not_enough_information", _("Not enough information")
    NO_ACTION = "no_action", _("No action")


ACTION_CODES = frozenset(
    {
        OutcomeCode.LISTING_REMOVED,
        OutcomeCode.SELLER_SUSPENDED,
        OutcomeCode.SHIPMENT_DETAINED,
        OutcomeCode.SHIPMENT_SEIZED,
        OutcomeCode.GOODS_ABANDONED,
        OutcomeCode.PENALTY,
    }
)


def led_to_action(code):
    return code in ACTION_CODES


def closed_reason_for(code):
    """The reason a report is closed with when this outcome closes it: action taken, or no action possible."""
    if code in ACTION_CODES or code == OutcomeCode.REFERRED:
        return ClosedReason.ACTIONED
    return ClosedReason.NO_ACTION


# What the reporter reads on the status page and in the API's outcome label: plain words, no staff detail.
REPORTER_SENTENCES = {
    OutcomeCode.LISTING_REMOVED: _("The listing you told us about was taken down."),
    OutcomeCode.SELLER_SUSPENDED: _("The seller you told us about can no longer sell on that marketplace."),
    OutcomeCode.SHIPMENT_DETAINED: _("A shipment linked to your report was stopped at the border for inspection."),
    OutcomeCode.SHIPMENT_SEIZED: _("A shipment linked to your report was seized at the border."),
    OutcomeCode.GOODS_ABANDONED: _("Goods linked to your report were given up by the importer and will not be sold."),
    OutcomeCode.PENALTY: _("A penalty was issued to those responsible."),
    OutcomeCode.REFERRED: _("We passed your report to another government agency that can act on it."),
    OutcomeCode.NOT_ENOUGH_INFORMATION: _(
        "We could not act on your report because we did not have enough information. Thank you for telling us."
    ),
    OutcomeCode.NO_ACTION: _(
        "We looked into your report and could not take action this time. Your report still helps us find patterns."
    ),
}


def reporter_sentence(code):
    return REPORTER_SENTENCES[OutcomeCode(code)]
