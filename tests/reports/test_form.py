"""The report form at /report/: seven steps kept in the session, the same rules as the API."""

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile

from reports.models import Report

from .conftest import stored_files
from .factories import image_bytes, jpeg_with_gps

pytestmark = pytest.mark.django_db

STEP_DATA = {
    "what-you-bought": {
        "product_category": "chargers",
        "description": "The charger got very hot and the plug melted.",
        "brand": "Volta",
        "price_paid": "12.99",
        "currency": "USD",
        "purchase_date": "2026-01-15",
        "still_have_item": "yes",
    },
    "where-you-bought-it": {
        "marketplace": "BargainMart",
        "shipped_from_country": "CN",
        "parcel_tracking_number": "LX123",
    },
    "why-fake-or-unsafe": {"reasons": ["price_too_low", "packaging"]},
    "harm": {"harm": "no"},
    "photos": {},
    "about-you": {
        "contact_name": "Ana",
        "contact_email": "ana@example.com",
        "preferred_language": "en",
        "consent": "on",
    },
}


def url(slug):
    return f"/report/{slug}/"


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def fill_all(client, **changes):
    for slug, data in STEP_DATA.items():
        response = client.post(url(slug), {**data, **changes.get(slug, {})})
        assert response.status_code == 302, (slug, page(response).select(".usa-error-message"))
    return client.get(url("review"))


def send(client):
    review = client.get(url("review"))
    token = page(review).find("input", {"name": "token"})["value"]
    return client.post(url("review"), {"token": token}), token


def test_the_start_page_links_to_step_one(client, category):
    response = client.get("/report/")
    assert response.status_code == 200
    assert 'href="/report/what-you-bought/"' in response.content.decode()


def test_each_step_shows_the_step_indicator(client, category):
    response = client.get(url("where-you-bought-it"))
    soup = page(response)
    assert soup.select_one(".usa-step-indicator__current-step").text == "2"
    assert soup.select_one(".usa-step-indicator__heading-text").text == "Where you bought it"
    assert len(soup.select(".usa-step-indicator__segment")) == 7


def test_step_one_errors_are_summarised_and_linked_to_the_fields(client, category):
    response = client.post(url("what-you-bought"), {"description": "short", "price_paid": "abc"})
    assert response.status_code == 200
    soup = page(response)
    summary = soup.select_one("#error-summary")
    links = {a["href"]: a.text for a in summary.select("a")}
    assert links == {
        "#id_product_category": "Choose the product category.",
        "#id_description": "Describe what you bought and what is wrong with it (at least 10 characters).",
        "#id_price_paid": "Enter the price as a number like 19.99.",
    }
    price = soup.select_one("#id_price_paid")
    assert "id_price_paid-error" in price["aria-describedby"]
    assert soup.select_one("#id_price_paid-error").text.strip() == "Enter the price as a number like 19.99."
    assert soup.title.text.startswith("Error:")


def test_step_two_needs_one_way_to_find_the_seller(client, category):
    response = client.post(url("where-you-bought-it"), {"order_number": "123"})
    assert (
        "Give at least one of: the marketplace, the seller&#x27;s name, or the listing address."
        in response.content.decode()
    )


def test_harm_step_shows_the_emergency_notice_and_needs_a_description(client, category):
    response = client.get(url("harm"))
    text = page(response).get_text()
    assert "call 911" in text and "1-800-222-1222" in text
    response = client.post(url("harm"), {"harm": "yes"})
    assert "Tell us what happened" in response.content.decode()


def test_consent_is_required(client, category):
    response = client.post(url("about-you"), {"contact_email": "nope"})
    content = response.content.decode()
    assert "Tick the box to agree" in content
    assert "Enter an email address like name@example.com." in content
    assert page(response).select_one('a[href="#id_contact_email"]')


def test_going_back_shows_what_was_saved(client, category):
    client.post(url("what-you-bought"), STEP_DATA["what-you-bought"])
    client.post(url("where-you-bought-it"), STEP_DATA["where-you-bought-it"])
    soup = page(client.get(url("what-you-bought")))
    assert soup.select_one("#id_description").text.strip() == "The charger got very hot and the plug melted."
    assert soup.select_one("#id_price_paid")["value"] == "12.99"
    assert soup.select_one("#id_product_category option[selected]")["value"] == "chargers"
    assert soup.select_one("#id_still_have_item_0").has_attr("checked")
    assert page(client.get(url("where-you-bought-it"))).select_one("#id_marketplace")["value"] == "BargainMart"


def test_the_whole_journey_with_a_photo(client, category, report_files):
    for slug in ("what-you-bought", "where-you-bought-it", "why-fake-or-unsafe", "harm"):
        assert client.post(url(slug), STEP_DATA[slug]).status_code == 302
    photo = SimpleUploadedFile("IMG_0042.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(url("photos"), {"files": [photo], "action": "upload"})
    assert response.status_code == 302 and response["Location"] == url("photos")
    assert "IMG_0042.jpg" in client.get(url("photos")).content.decode()
    assert client.post(url("photos"), {"action": "continue"})["Location"] == url("about-you")
    assert client.post(url("about-you"), STEP_DATA["about-you"])["Location"] == url("review")

    review = client.get(url("review"))
    text = page(review).get_text(" ")
    for expected in (
        "Chargers",
        "The charger got very hot",
        "12.99 USD",
        "BargainMart",
        "China",
        "IMG_0042.jpg",
        "ana@example.com",
    ):
        assert expected in text
    change_links = [a["href"] for a in page(review).select("section a") if a.get_text().startswith("Change")]
    assert change_links[0] == "/report/what-you-bought/?from=review"
    assert len(change_links) == 6

    response, _token = send(client)
    assert response.status_code == 302 and response["Location"] == "/report/done/"
    done = page(client.get("/report/done/"))
    number = done.select_one('[data-testid="tracking-number"]').text
    key = done.select_one('[data-testid="receipt-key"]').text
    assert "only time we show your receipt key" in done.get_text()
    report = Report.objects.get(tracking_number=number)
    assert report.source == "web" and report.contact.email == "ana@example.com"
    assert report.reasons == ["price_too_low", "packaging"]
    assert report.still_have_item is True and report.parcel_tracking_number == "LX123"
    assert report.attachments.get().original_name == "IMG_0042.jpg"
    # The held photo moved into the report; nothing is left in the temporary area.
    assert [p.relative_to(report_files).parts[0] for p in stored_files(report_files)] == ["reports"]
    assert key not in report.receipt_key_hash


def test_change_from_review_returns_to_review(client, category):
    fill_all(client)
    response = client.get(url("what-you-bought") + "?from=review")
    assert page(response).find("input", {"name": "from"})["value"] == "review"
    response = client.post(
        url("what-you-bought") + "?from=review", {**STEP_DATA["what-you-bought"], "brand": "Volta2", "from": "review"}
    )
    assert response["Location"] == url("review")
    assert "Volta2" in client.get(url("review")).content.decode()


def test_review_links_problems_to_their_step(client, category):
    client.post(url("what-you-bought"), STEP_DATA["what-you-bought"])
    response = client.get(url("review"))
    links = [a["href"] for a in page(response).select("#error-summary a")]
    assert "/report/where-you-bought-it/?from=review#id_marketplace" in links
    assert "/report/about-you/?from=review#id_consent" in links
    response, _token = send(client)
    assert response.status_code == 200 and Report.objects.count() == 0


def test_removing_a_held_photo(client, category, report_files):
    photo = SimpleUploadedFile("a.png", image_bytes("PNG"), content_type="image/png")
    client.post(url("photos"), {"files": [photo], "action": "upload"})
    file_id = page(client.get(url("photos"))).find("button", {"name": "remove"})["value"]
    client.post(url("photos"), {"remove": file_id})
    assert "a.png" not in client.get(url("photos")).content.decode()
    assert stored_files(report_files) == []


def test_a_bad_upload_is_explained(client, category):
    fake = SimpleUploadedFile("photo.jpg", b"%!PS-Adobe not a photo", content_type="image/jpeg")
    response = client.post(url("photos"), {"files": [fake], "action": "upload"})
    assert response.status_code == 200
    assert page(response).select_one('#error-summary a[href="#id_files"]').text == (
        "photo.jpg: This file is not a photo (JPEG, PNG, WebP, HEIC) or a PDF."
    )


def test_a_double_click_on_send_makes_one_report(client, category):
    fill_all(client)
    review = client.get(url("review"))
    token = page(review).find("input", {"name": "token"})["value"]
    first = client.post(url("review"), {"token": token})
    second = client.post(url("review"), {"token": token})
    assert first["Location"] == second["Location"] == "/report/done/"
    assert Report.objects.count() == 1
    done = page(client.get("/report/done/"))
    assert done.select_one('[data-testid="tracking-number"]').text == Report.objects.get().tracking_number


def test_a_filled_honeypot_pretends_success_and_saves_nothing(client, category):
    fill_all(client, **{"about-you": {"website": "http://spam.example"}})
    response, _token = send(client)
    assert response["Location"] == "/report/done/"
    assert "Thank you" in client.get("/report/done/").content.decode()
    assert Report.objects.count() == 0


def test_the_form_works_in_spanish(client, category):
    response = client.get("/es/report/what-you-bought/")
    assert response.status_code == 200
    assert page(response).html["lang"] == "es"
    response = client.post("/es/report/what-you-bought/", STEP_DATA["what-you-bought"])
    assert response["Location"] == "/es/report/where-you-bought-it/"


def test_spanish_reporters_get_spanish_as_their_language(client, category):
    for slug, data in STEP_DATA.items():
        data = {k: v for k, v in data.items() if k != "preferred_language"}
        client.post(f"/es/report/{slug}/", data)
    review = client.get("/es/report/review/")
    token = page(review).find("input", {"name": "token"})["value"]
    client.post("/es/report/review/", {"token": token})
    assert Report.objects.get().preferred_language == "es"


def test_submissions_are_rate_limited(client, category, settings):
    settings.REPORT_RATE_LIMITS = {**settings.REPORT_RATE_LIMITS, "submit": (1, 3600)}
    fill_all(client)
    assert send(client)[0].status_code == 302
    fill_all(client, **{"what-you-bought": {"brand": "Another"}})
    response, _token = send(client)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "tried too many times" in response.content.decode()
    assert Report.objects.count() == 1


def test_the_form_has_csrf_protection(category):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url("what-you-bought"), STEP_DATA["what-you-bought"]).status_code == 403
