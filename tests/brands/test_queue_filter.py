"""The queue's "Names an authorised seller (possibly genuine)" filter, in the database."""

import pytest
from django.urls import reverse

from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db


def test_the_queue_filter_lists_reports_naming_an_authorised_seller_domain_or_store(client, officer, brand, category):
    def report(**fields):
        return ReportFactory(product_category=category, brand="Volta", **fields)

    flagged = [
        report(seller_name="VOLTA OFFICIAL STORE, L.L.C.", listing_url="https://bargains.example.net/1"),
        report(listing_url="https://volta.example/charger"),
        report(listing_url="https://shop.volta.example/charger"),
        report(listing_url="https://www.amazon.com/shops/VoltaDirect/item/9"),
    ]
    look_alikes = [
        report(listing_url="https://myvolta.example/charger"),
        report(listing_url="https://volta.example.evil.test/charger"),
        report(listing_url="https://www.amazon.com/shops/voltadirect2/item"),
        report(seller_name="Volta Official Store Outlet"),
    ]
    client.force_login(officer)
    response = client.get(reverse("triage:index"), {"possibly_genuine": "true"})
    assert response.status_code == 200
    for shown in flagged:
        assert shown.tracking_number in response.text
    for hidden in look_alikes:
        assert hidden.tracking_number not in response.text
    others = client.get(reverse("triage:index"), {"possibly_genuine": "false"}).text
    assert all(r.tracking_number in others for r in look_alikes)
    assert not any(r.tracking_number in others for r in flagged)
