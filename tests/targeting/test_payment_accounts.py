"""Payment accounts as entities: the normaliser gives one key per account however it is written, refuses card
numbers and anything that is not an app's handle, email or phone; a report's description links it to the accounts
it names (never the reporter's own, never a card number), and two reports paying the same account share it."""

import pytest

from reports.models import Report
from targeting.extraction import entities_in
from targeting.kinds import EntityKind as K
from targeting.kinds import looks_like_card_number, normalise, shown_payment
from targeting.linking import link_report
from targeting.models import Entity
from tests.reports.factories import ReporterContactFactory, ReportFactory


@pytest.mark.parametrize(
    ("spellings", "key"),
    [
        (
            ["Venmo @Volt-Deals", "venmo @volt-deals", "VENMO: volt-deals", "Venmo to @Volt-Deals."],
            "venmo:@volt-deals",
        ),
        (["Cash App $VoltDeals", "cashapp $voltdeals", "CashApp: $VOLTDEALS"], "cashapp:$voltdeals"),
        (["Zelle to Pay@Volt.example", "zelle pay@volt.example", "Zelle: PAY@VOLT.EXAMPLE"], "zelle:pay@volt.example"),
        (["Zelle (202) 555-0143", "zelle 202.555.0143", "Zelle +1 202 555 0143"], "zelle:+12025550143"),
        (["PayPal sales@volt.example", "paypal: Sales@Volt.Example"], "paypal:sales@volt.example"),
    ],
)
def test_one_key_however_an_account_is_written(spellings, key):
    assert {normalise(K.PAYMENT, spelling) for spelling in spellings} == {key}


@pytest.mark.parametrize(
    "text",
    [
        "Zelle 4111 1111 1111 1111",  # a card number (Luhn-valid): never a key
        "Venmo 4111111111111111",
        "PayPal 5500-0000-0000-0004",
        "Zelle 12345",  # not a phone
        "PayPal volt-deals",  # PayPal accounts are emails or phones
        "Venmo",
        "Visa ending 1234",  # not an app: cards are not entities
        "",
    ],
)
def test_text_that_is_no_account_has_no_key(text):
    assert normalise(K.PAYMENT, text) == ""


def test_card_numbers_are_recognised():
    assert looks_like_card_number("4111 1111 1111 1111") and looks_like_card_number("378282246310005")
    assert not looks_like_card_number("4111 1111 1111 1112") and not looks_like_card_number("2025550143")


def test_shown_names():
    assert shown_payment("cashapp:$voltdeals") == "Cash App $voltdeals"
    assert shown_payment("zelle:+12025550143") == "Zelle +1 202-555-0143"


def test_a_description_links_the_accounts_it_names_and_never_a_card(db):
    report = ReportFactory(
        payment_method="paypal_or_wallet",
        description=(
            "The seller asked me to pay with Venmo @Volt-Deals, then Cash App $VoltDeals. My card was "
            "4111 1111 1111 1111 and I also sent Zelle 4111 1111 1111 1111 by mistake."
        ),
    )
    found = {(kind, key): name for kind, key, name in entities_in(report)}
    payments = {key: name for (kind, key), name in found.items() if kind == K.PAYMENT}
    assert payments == {"venmo:@volt-deals": "Venmo @volt-deals", "cashapp:$voltdeals": "Cash App $voltdeals"}
    assert not [key for _kind, key in found if "4111" in key.replace(" ", "")]


def test_the_reporters_own_account_is_never_an_entity(db):
    report = ReportFactory(description="I paid by Zelle from ana@example.com; the seller's Zelle is pay@volt.example.")
    ReporterContactFactory(report=report, email="Ana@Example.com")
    report = Report.objects.select_related("contact").get(pk=report.pk)
    payments = {key for kind, key, _name in entities_in(report) if kind == K.PAYMENT}
    assert payments == {"zelle:pay@volt.example"}


def test_two_reports_paying_one_account_share_its_entity(db):
    for text in ("Paid via Cash App $VoltDeals.", "cashapp: $voltdeals was the seller's tag"):
        link_report(Report.objects.get(pk=ReportFactory(description=text).pk))
    account = Entity.objects.get(kind=K.PAYMENT)
    assert (account.key, account.report_count) == ("cashapp:$voltdeals", 2)
