"""Related reports: each matching signal, similar narratives from Elasticsearch, and the fallback."""

import pytest
from django.urls import reverse

from tests.triage.conftest import make_report
from triage.purchase_numbers import reference_key, tracking_pattern
from triage.related import related_by_signal, related_reports


def test_order_and_parcel_numbers_are_compared_by_letters_and_digits():
    assert reference_key("BM-9988 7766") == "bm99887766"
    assert tracking_pattern("9400 1000 0000 0000 0000 00") == "94001000/22"
    assert tracking_pattern("123") == ""


def keys(groups):
    return {group.key: {report.pk for report in group.reports} for group in groups}


@pytest.mark.django_db
def test_each_signal_finds_its_reports(report, toys_free):
    same_seller = make_report(toys_free, seller_name="LUX-BAGS")
    same_listing = make_report(toys_free, listing_url="http://shop.example.com/lux/bag-1/")
    same_domain = make_report(toys_free, listing_url="https://shop.example.com/other")
    same_order = make_report(toys_free, order_number="a100")
    same_parcel = make_report(toys_free, parcel_tracking_number="9400111122223333444455")
    same_pattern = make_report(toys_free, parcel_tracking_number="9400 1111 9999 9999 9999 99")
    unrelated = make_report(toys_free, seller_name="Someone else", listing_url="https://elsewhere.example/x")
    found = keys(related_by_signal(report))
    assert found == {
        "seller": {same_seller.pk},
        "listing": {same_listing.pk},
        "domain": {same_domain.pk},
        "order": {same_order.pk},
        "parcel": {same_parcel.pk},
        "parcel_pattern": {same_pattern.pk},
    }
    assert unrelated.pk not in set().union(*found.values())


@pytest.mark.django_db
def test_without_elasticsearch_the_similar_part_is_omitted_with_a_note(client, officer, report, settings):
    result = related_reports(report)
    assert result.similar is None and "not configured" in str(result.similar_note)
    # A configured but unreachable cluster: a note, never a 500.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    result = related_reports(report)
    assert result.similar is None and "did not answer" in str(result.similar_note)
    client.force_login(officer)
    response = client.get(reverse("triage:inspect", args=[report.pk]))
    assert response.status_code == 200 and "did not answer" in response.text


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_similar_narratives_come_from_more_like_this(reports_index, toys_free, client, officer):
    base = make_report(toys_free, description="The phone charger overheated and melted the plug, smelled of burning")
    similar = make_report(
        toys_free, description="My charger overheated, the plug melted and it smelled of burning plastic"
    )
    make_report(toys_free, description="The handbag logo was misspelled and the leather is plastic")
    reports_index.refresh()
    result = related_reports(base)
    assert result.similar is not None
    assert [report.pk for report in result.similar][:1] == [similar.pk]
    client.force_login(officer)
    text = client.get(reverse("triage:inspect", args=[base.pk])).text
    assert similar.tracking_number in text


@pytest.mark.elasticsearch
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_reports_are_indexed_after_commit_and_rebuilt_by_the_command(reports_index, toys_free, capsys):
    from django.core.management import call_command

    report = make_report(toys_free, description="Counterfeit perfume with a misspelled label")
    reports_index.refresh()
    source = reports_index.source(report.pk)
    assert source["tracking_number"] == report.tracking_number
    assert "Counterfeit perfume" in source["narrative"]
    assert not {"name", "email", "phone", "contact"} & set(source)
    call_command("search_index", "--index", "reports", "--rebuild")
    assert "Indexed 1 report(s)" in capsys.readouterr().out
