"""Demo reports for development and `make screenshots`: a small queue with related reports, an urgent one, notes
and a case. Sent through the same validation and saving as the report form. Safe to run again."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from reports.choices import Source
from reports.models import Report
from reports.submission import submit_report
from reports.validation import validate_report

from . import operations
from .permissions import TRIAGE_GROUP

DEMO_ORDER_PREFIX = "DEMO-"

# (category slug, brand, product, what happened, marketplace, seller, listing, someone was hurt)
DEMO_REPORTS = [
    (
        "chargers-batteries",
        "Volta",
        "65 W fast charger",
        "The charger got very hot within ten minutes and the plug melted into the socket. It has no UL mark and the"
        " box spells the brand 'Voltta'. My daughter burned her fingers pulling it out.",
        "BargainMart",
        "Volt Deals",
        "https://bargainmart.example.com/item/4471",
        True,
    ),
    (
        "chargers-batteries",
        "Volta",
        "20 000 mAh power bank",
        "The power bank swelled up after two charges and smells of burning plastic. Same seller as my charger.",
        "BargainMart",
        "Volt Deals",
        "https://bargainmart.example.com/item/4480",
        False,
    ),
    (
        "cosmetics",
        "Lumière",
        "Night cream",
        "The jar looks like the real brand but the cream is grey and gave me a rash. The seal was already broken.",
        "ShopRight",
        "beauty-outlet-99",
        "https://shopright.example/item/cream-55",
        False,
    ),
    (
        "luxury-goods",
        "Castellane",
        "Leather handbag",
        "The stitching came apart in a week and the logo is printed, not embossed. The serial card is blank.",
        "",
        "Lux Bags Direct",
        "https://lux-bags-direct.example/bag-1",
        False,
    ),
    (
        "toys",
        "BrickWorld",
        "Building set",
        "Small pieces break off easily and the box has no age warning. My son put one in his mouth.",
        "BargainMart",
        "ToyZone Outlet",
        "https://bargainmart.example.com/item/9001",
        False,
    ),
]


def _payload(number, category, brand, product, description, marketplace, seller, listing, harm):
    return {
        "product_category": category,
        "brand": brand,
        "product_name": product,
        "description": description,
        "price_paid": "14.99",
        "currency": "USD",
        "purchase_date": "2026-10-02",
        "still_have_item": True,
        "marketplace": marketplace,
        "seller_name": seller,
        "listing_url": listing,
        "order_number": f"{DEMO_ORDER_PREFIX}{1000 + number}",
        "shipped_from_country": "CN",
        "carrier": "USPS",
        "tracking_number": f"9400 1000 0000 0000 {4400 + number}",
        "reasons": ["price_too_low", "no_safety_marks"],
        "harm": harm,
        "harm_description": "Burned fingers, no doctor needed." if harm else "",
        "anonymous": True,
        "preferred_language": "en",
        "consent": True,
    }


@transaction.atomic
def load_demo_reports(officer_username="admin"):
    """Add the demo reports (once) and let the demo admin work the queue. Returns how many reports were added."""
    officer = get_user_model().objects.filter(username=officer_username).first()
    if officer is not None:
        officer.groups.add(Group.objects.get(name=TRIAGE_GROUP))
    if Report.objects.filter(order_number__startswith=DEMO_ORDER_PREFIX).exists():
        return 0
    reports = []
    for number, row in enumerate(DEMO_REPORTS, start=1):
        cleaned, errors = validate_report(_payload(number, *row))
        if errors:
            raise ValueError(f"Demo report {number} does not pass validation: {errors}")
        reports.append(submit_report(cleaned, [], source=Source.WEB, client="demo").report)
    if officer is not None:
        first, second = reports[0], reports[1]
        operations.add_note(first, "Asked BargainMart for the seller's other listings.", user=officer)
        operations.link_to_case([first, second], user=officer, title="Volt Deals chargers and power banks")
        operations.assign(second, officer, user=officer)
    return len(reports)
