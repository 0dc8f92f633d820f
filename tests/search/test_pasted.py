"""Tracking numbers pasted into the library search (search/pasted.py): named on the page, never searched as words."""

import pytest
from django.urls import reverse

from search.pasted import PARCEL, REPORT, SEIZURE, find_pasted
from tests.factories import ArticlePageFactory, publish


@pytest.mark.parametrize(
    "query",
    [
        "9400 1118 9922 3345 6789 01",  # USPS, in groups as the receipt prints it
        "9400111899223197428490",
        "LB123456789CN",  # international mail
        "lb123456789cn",
        "1Z999AA10123456784",  # UPS
        "123456789012",  # FedEx
    ],
)
def test_a_parcel_tracking_number_is_recognised(query):
    pasted = find_pasted(query)
    assert pasted.kind == PARCEL and pasted.rest == "" and pasted.report_number == ""


@pytest.mark.parametrize(
    "query", ["CF-7K2M-9QXD", "cf-7k2m-9qxd", "CF 7K2M 9QXD", "CF7K2M9QXD", "status CF-7K2M-9QXD"]
)
def test_a_report_tracking_number_is_recognised_however_it_is_typed(query):
    pasted = find_pasted(query)
    assert pasted.kind == REPORT and pasted.report_number == "CF-7K2M-9QXD"


@pytest.mark.parametrize("query", ["2025-2704-000451", "case 2024-5301-000123-01", "what is 2026-0712-004418"])
def test_a_seizure_notice_case_number_is_recognised_not_taken_for_a_parcel(query):
    pasted = find_pasted(query)
    assert pasted.kind == SEIZURE and pasted.report_number == ""
    assert pasted.rest == " ".join(word for word in query.split() if not word[0].isdigit())


@pytest.mark.parametrize(
    "query",
    [
        "18650 battery",
        "ul 2849",
        "$2.99 sneakers",
        "fake rolex 2024",
        "2024 2025 2026",  # years in a row: twelve digits, not a parcel number
        "2019-2020-2021",
        "call 1 800 555 1234",  # a phone number with its country code: 11 digits
        "$1,299,999,999,999",
        "CF-7K2M-9QX0",  # 0 is never in our numbers
        "chargers",
    ],
)
def test_prices_sizes_years_and_phone_numbers_are_not_tracking_numbers(query):
    assert find_pasted(query) is None


def test_the_other_words_are_kept():
    pasted = find_pasted("tracking number LY123456789CN stuck in customs")
    assert (pasted.kind, pasted.number, pasted.rest) == (PARCEL, "LY123456789CN", "tracking number stuck in customs")
    assert pasted.search_text("en") == "tracking number stuck in customs"


@pytest.fixture
def parcel_library(site_tree, search_index):
    for root, title, summary in (
        (site_tree["en"][1], "Where is my package?", "A package tracking number is the carrier's, not CBP's."),
        (site_tree["en"][1], "Counterfeit chargers", "Fake chargers overheat."),
        (site_tree["en"][1], "What happens after you report", "Your report's tracking number shows its status."),
        (site_tree["en"][1], "A seizure notice from CBP", "What the seizure notice means and how to answer it."),
        (site_tree["es"][1], "¿Dónde está mi paquete?", "El número de seguimiento del paquete es del transportista."),
    ):
        publish(
            ArticlePageFactory(
                parent=root, live=False, title=title, summary=summary, body=[("paragraph", f"<p>{summary}</p>")]
            )
        )
    search_index.refresh()


pages = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pages
@pytest.mark.elasticsearch
def test_a_pasted_parcel_number_explains_itself_and_finds_the_articles_on_parcels(client, parcel_library):
    page = client.get("/search/", {"q": "LB123456789CN"})
    assert page.status_code == 200
    assert "looks like a parcel's tracking number. CBP cannot look up a parcel" in page.text
    assert "Showing results for <strong>package tracking number</strong>" in page.text
    assert 'href="?q=LB123456789CN&amp;as_typed=1"' in page.text
    assert "Where is my package?" in page.text
    assert "Counterfeit chargers" not in page.text

    # Searched as typed, the number finds nothing, and the page still says what it is.
    as_typed = client.get("/search/", {"q": "LB123456789CN", "as_typed": "1"})
    assert "Where is my package?" not in as_typed.text
    assert "CBP cannot look up a parcel" in as_typed.text


@pages
@pytest.mark.elasticsearch
def test_a_report_number_links_to_the_status_page(client, parcel_library):
    page = client.get("/search/", {"q": "cf-7k2m-9qxd"})
    assert "That looks like the tracking number of a report sent to CBP." in page.text
    assert f'href="{reverse("reports:status")}?number=CF-7K2M-9QXD"' in page.text
    assert "What happens after you report" in page.text


@pages
@pytest.mark.elasticsearch
def test_a_seizure_case_number_says_what_it_is_and_finds_the_articles_on_seizure_notices(client, parcel_library):
    page = client.get("/search/", {"q": "2025-2704-000451"})
    assert "That looks like the case number on a CBP seizure notice." in page.text
    assert "CBP cannot look up a parcel" not in page.text
    assert "Showing results for <strong>seizure notice from CBP</strong>" in page.text
    assert "A seizure notice from CBP" in page.text
    assert "Where is my package?" not in page.text


@pages
@pytest.mark.elasticsearch
def test_the_spanish_page_says_it_in_spanish_and_searches_a_spanish_question(client, parcel_library):
    page = client.get("/es/search/", {"q": "9400 1118 9922 3345 6789 01"})
    assert "Parece el número de seguimiento de un paquete." in page.text
    assert "Se muestran resultados de <strong>número de seguimiento del paquete</strong>" in page.text
    assert "¿Dónde está mi paquete?" in page.text


@pages
@pytest.mark.parametrize("url", ["/api/search", "/api/v1/search"])
@pytest.mark.elasticsearch
def test_the_apis_say_what_was_searched_instead_of_the_number(client, parcel_library, url):
    answer = client.get(url, {"q": "LB123456789CN stuck"}).json()
    assert answer["corrected_query"] == "stuck" and answer["original_query"] == "LB123456789CN stuck"


@pages
def test_the_database_fallback_does_the_same(client, parcel_library, settings):
    settings.ELASTICSEARCH_URL = ""
    page = client.get("/search/", {"q": "1Z999AA10123456784"})
    assert "CBP cannot look up a parcel" in page.text
    assert "Where is my package?" in page.text
    assert "Counterfeit chargers" not in page.text
