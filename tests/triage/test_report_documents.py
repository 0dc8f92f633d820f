"""The reports index's documents: a rebuild reads them in batches (one query per batch, no model instances), and
what it builds must be exactly what the outbox builds for one report."""

from datetime import timedelta

import pytest
from django.utils import timezone

from triage.documents import REPORTS
from triage.models import TriageState

from .conftest import make_report


@pytest.fixture
def reports(chargers, toys_free):
    made = [
        make_report(
            chargers,
            product_name="USB charger",
            description="It melted.",
            harm_description="A burn on my hand",
            seller_name="Lux-Bags",
            listing_url="https://www.shop.example.com/lux/bag-1",
            shipped_from_country="CN",
        ),
        make_report(toys_free, seller_name="", listing_url="", description="A toy"),
        make_report(chargers, description="Another charger"),
        make_report(toys_free, description="No triage row"),
        make_report(chargers, description="Acted on"),
    ]
    TriageState.objects.filter(report=made[3]).delete()
    acted = made[4].triage
    acted.first_action_at = made[4].submitted_at + timedelta(hours=5, seconds=7)
    acted.save()
    return made


def test_the_documents_read_in_batches_are_the_ones_built_one_by_one(reports, chargers):
    batches = list(REPORTS.batches(2))
    assert [len(batch) for batch in batches] == [2, 2, 1]
    documents = [pair for batch in batches for pair in batch]
    assert documents == [(report.pk, REPORTS.source(report)) for report in REPORTS.queryset()]

    first, _toy, _charger, no_state, acted = (dict(documents)[report.pk] for report in reports)
    assert first["narrative"] == "USB charger\nIt melted.\nA burn on my hand"
    assert first["seller_name"] == "Lux-Bags"
    assert first["listing_words"] == "https www shop example com lux bag 1"
    assert first["domain"] == "shop.example.com"
    assert (first["category"], first["category_name"]) == (chargers.slug, chargers.name)
    assert first["submitted_at"] == timezone.localtime(reports[0].submitted_at)
    assert (no_state["seller"], no_state["domain"], no_state["first_action_at"]) == ("", "", None)
    assert acted["seconds_to_first_action"] == 5 * 3600 + 7


def test_a_batch_is_two_queries_whatever_the_reports(reports, django_assert_num_queries):
    # The reports with their triage rows, then their categories.
    with django_assert_num_queries(2):
        assert len(REPORTS.documents(None, 10)) == 5
