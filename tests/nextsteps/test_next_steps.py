"""Next steps that fit the report: editors' rules, the defaults CBP starts with, the confirmation page and email."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command

from nextsteps.matching import matching_steps
from nextsteps.models import NextStep
from reports import submission
from reports.choices import Source
from reports.validation import validate_report
from tests.factories import ProductCategoryFactory, UserFactory
from tests.reports.factories import payload

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories(db):
    made = {
        slug: ProductCategoryFactory(name=name, slug=slug, health_and_safety=True)
        for slug, name in [("chargers-batteries", "Chargers"), ("medicines", "Medicines"), ("toys", "Toys")]
    }
    call_command("seed_next_steps", stdout=open("/dev/null", "w"))  # the category rules find their categories
    return made


def keys_for(category, harm=False, payment_method="", reasons=()):
    steps = matching_steps(category_id=category.pk, harm=harm, payment_method=payment_method, reasons=list(reasons))
    return [step.default_key for step in steps]


def test_the_defaults_exist_and_wait_for_their_categories(db):
    # Made by migration on an empty database: rules tied to categories that do not exist yet stay off, so they
    # can never show for every report.
    steps = {step.default_key: step for step in NextStep.objects.all()}
    assert set(steps) == {
        "card_chargeback",
        "wallet_dispute",
        "hard_to_reverse_payment",
        "injury_cpsc",
        "medicine_medwatch",
        "hot_charger",
        "scam_ftc",
    }
    assert not steps["medicine_medwatch"].live and not steps["hot_charger"].live
    assert steps["card_chargeback"].live and steps["scam_ftc"].live
    assert all(step.heading_es and step.text_es and step.links.exists() for step in steps.values())


def test_card_payment_gets_the_chargeback_step(categories):
    assert keys_for(categories["toys"], payment_method="card") == ["card_chargeback", "scam_ftc"]


def test_paypal_gets_the_wallet_step_not_the_card_one(categories):
    assert keys_for(categories["toys"], payment_method="paypal_or_wallet") == ["wallet_dispute", "scam_ftc"]


@pytest.mark.parametrize("method", ["gift_card", "crypto", "bank_transfer"])
def test_hard_to_reverse_payments_get_their_step(categories, method):
    assert keys_for(categories["toys"], payment_method=method) == ["hard_to_reverse_payment", "scam_ftc"]


def test_no_payment_said_gets_no_payment_step(categories):
    assert keys_for(categories["toys"]) == ["scam_ftc"]


def test_a_hot_charger_that_hurt_someone(categories):
    assert keys_for(categories["chargers-batteries"], harm=True) == ["hot_charger", "injury_cpsc", "scam_ftc"]


def test_an_injury_from_a_medicine_goes_to_the_fda_not_the_cpsc(categories):
    assert keys_for(categories["medicines"], harm=True) == ["medicine_medwatch", "scam_ftc"]
    assert keys_for(categories["toys"], harm=True) == ["injury_cpsc", "scam_ftc"]


def test_a_switched_off_rule_never_shows(categories):
    NextStep.objects.filter(default_key="scam_ftc").update(live=False)
    assert keys_for(categories["toys"]) == []


def test_an_editors_rule_on_reasons_and_no_harm(categories):
    rule = NextStep.objects.create(
        name="Seller vanished", heading="Keep your messages", text="Screenshots help.", reasons=["seller_unreachable"]
    )
    rule.harm = "not_harmed"
    rule.save()
    toys = categories["toys"]
    assert "" in keys_for(toys, reasons=["seller_unreachable", "packaging"])
    assert "" not in keys_for(toys, reasons=["packaging"])
    assert "" not in keys_for(toys, harm=True, reasons=["seller_unreachable"])


# --- What the reporter sees ----------------------------------------------------------------------------

STEPS = {
    "what-you-bought": {
        "product_category": "chargers-batteries",
        "description": "The charger got very hot and the plug melted.",
        "price_paid": "12.99",
        "currency": "USD",
        "payment_method": "card",
    },
    "where-you-bought-it": {"marketplace": "BargainMart"},
    "why-fake-or-unsafe": {"reasons": ["packaging"]},
    "harm": {"harm": "yes", "harm_description": "It burned my hand."},
    "photos": {},
    "about-you": {"contact_email": "ana@example.com", "preferred_language": "en", "consent": "on"},
}


def send_form(client, prefix=""):
    for slug, data in STEPS.items():
        assert client.post(f"{prefix}/report/{slug}/", data).status_code == 302
    review = client.get(f"{prefix}/report/review/")
    token = BeautifulSoup(review.content, "html.parser").find("input", {"name": "token"})["value"]
    response = client.post(f"{prefix}/report/review/", {"token": token})
    return client.get(response["Location"])


def headings(response):
    section = BeautifulSoup(response.content, "html.parser").find(attrs={"data-testid": "next-steps"})
    return [h3.get_text(strip=True) for h3 in section.find_all("h3")] if section else []


def test_the_confirmation_shows_the_steps_for_this_report(client, categories):
    done = send_form(client)
    assert headings(done) == [
        "Stop using the charger or battery if it gets hot",
        "Ask your card issuer for a chargeback",
        "Report the injury or damage to the CPSC",
        "Tell the FTC if the seller tricked you",
    ]
    html = BeautifulSoup(done.content, "html.parser")
    assert html.find("a", href="https://www.saferproducts.gov/") is not None


def test_the_confirmation_in_spanish(client, categories):
    done = send_form(client, prefix="/es")
    assert "Pida a su banco un contracargo" in headings(done)
    assert BeautifulSoup(done.content, "html.parser").find("a", href="https://reportefraude.ftc.gov/") is not None


def test_an_editors_change_shows_on_the_next_confirmation(client, categories):
    NextStep.objects.filter(default_key="card_chargeback").update(heading="Call your bank about a chargeback")
    assert "Call your bank about a chargeback" in headings(send_form(client))


def test_the_confirmation_email_lists_the_steps_with_links(categories, django_capture_on_commit_callbacks):
    cleaned, errors = validate_report(
        payload("chargers-batteries", payment_method="paypal_or_wallet", description="It overheated on the desk.")
    )
    assert not errors
    with django_capture_on_commit_callbacks(execute=True):
        submission.submit_report(cleaned, [], source=Source.API, client="c")
    body = mail.outbox[0].body
    assert "Ask PayPal or your wallet app for your money back" in body
    assert "https://www.paypal.com/disputes/" in body
    assert "chargeback" not in body
    # Only the advice: not the reporter's own words.
    assert "It overheated on the desk." not in body


# --- The admin ---------------------------------------------------------------------------------------

ADD = "/admin/snippets/nextsteps/nextstep/add/"


def rule_form(**changes):
    data = {
        "name": "Toy recalls",
        "live": "on",
        "sort_order": "15",
        "product_categories": [],
        "harm": "any",
        "payment_methods": ["gift_card"],
        "heading": "Check for recalls",
        "heading_es": "Busque retiradas",
        "text": "See whether the toy was recalled.",
        "text_es": "Vea si el juguete fue retirado.",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "4",
        "links-0-label": "Recalls",
        "links-0-url": "https://www.cpsc.gov/Recalls",
        "links-0-label_es": "",
        "links-0-url_es": "",
        "links-0-ORDER": "1",
        "links-0-DELETE": "",
        "links-0-id": "",
    }
    data.update(changes)
    return data


def test_an_editor_adds_a_rule_in_both_languages(client, categories):
    client.force_login(UserFactory(groups=["Editors"]))
    response = client.post(ADD, rule_form(product_categories=[categories["toys"].pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    rule = NextStep.objects.get(name="Toy recalls")
    assert rule.payment_methods == ["gift_card"]
    assert list(rule.product_categories.all()) == [categories["toys"]]
    assert rule.links.get().url == "https://www.cpsc.gov/Recalls"
    assert "" in keys_for(categories["toys"], payment_method="gift_card")


def test_a_link_must_be_https(client, categories):
    client.force_login(UserFactory(groups=["Editors"]))
    response = client.post(ADD, rule_form(**{"links-0-url": "javascript:alert(1)"}))
    assert response.status_code == 200
    assert not NextStep.objects.filter(name="Toy recalls").exists()
    response = client.post(ADD, rule_form(**{"links-0-url": "http://example.com/"}))
    assert "starting with https://" in response.content.decode()
    assert not NextStep.objects.filter(name="Toy recalls").exists()


def test_only_editors_and_moderators_keep_the_rules(client, db):
    client.force_login(UserFactory(groups=["Triage officers"]))
    assert client.get("/admin/snippets/nextsteps/nextstep/").status_code in (302, 403)
    client.force_login(UserFactory(groups=["Moderators"]))
    assert client.get("/admin/snippets/nextsteps/nextstep/").status_code == 200
