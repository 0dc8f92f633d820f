"""The API partner an outcome counts for: the partner a report was last shared with, by a referral of the report
itself or of its case. Found the same way for one report (its page's status form) and for a bulk close (one query for
the batch), through the real URLs, whichever of the two kinds of referral shared it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from outcomes import recording
from outcomes.models import ReportOutcome
from partners.models import Partner
from tests.triage.conftest import make_report
from triage import operations
from triage.models import Referral

pytestmark = pytest.mark.django_db


def referred(officer, *, report=None, case=None, recipient=None, days_ago):
    referral = operations.refer(
        agency="marketplace", note="", user=officer, report=report, case=case, recipient=recipient
    )
    Referral.objects.filter(pk=referral.pk).update(referred_at=timezone.now() - timedelta(days=days_ago))
    return referral


@pytest.fixture
def shared(officer, toys_free):
    """Reports shared each way, and what each one's partner is: {report: partner or None}."""
    first, second = Partner.objects.create(name="First Market"), Partner.objects.create(name="Second Market")
    own, in_case, own_then_case, case_then_own, agency_only, never = [make_report(toys_free) for _n in range(6)]
    referred(officer, report=own, recipient=first, days_ago=5)
    case = operations.link_to_case([in_case, own_then_case, case_then_own], user=officer, title="Same seller")
    referred(officer, report=own_then_case, recipient=first, days_ago=4)
    referred(officer, case=case, recipient=second, days_ago=3)  # later than own_then_case's own referral
    referred(officer, report=case_then_own, recipient=first, days_ago=2)  # later than the case's
    referred(officer, case=case, days_ago=1)  # to an agency only: shares with no partner
    referred(officer, report=agency_only, days_ago=1)
    return {
        own: first,
        in_case: second,
        own_then_case: second,
        case_then_own: first,
        agency_only: None,
        never: None,
    }


def partner_ids(expected):
    return {report.pk: partner.pk for report, partner in expected.items() if partner is not None}


def test_one_query_for_the_batch_finds_what_each_report_alone_finds(shared):
    ids = [report.pk for report in shared]
    assert recording.shared_with_partners(ids) == partner_ids(shared)
    for report, partner in shared.items():
        assert recording.shared_with_partner(report) == (partner.pk if partner else None)
    assert recording.shared_with_partners([]) == {}


def test_a_bulk_close_and_single_closes_count_each_outcome_for_the_same_partner(client, officer, shared):
    reports = list(shared)
    client.force_login(officer)
    response = client.post(
        reverse("triage:bulk"),
        {
            "action": "status",
            "status": "closed",
            "scope": "selected",
            "reports": [report.pk for report in reports],
            "outcome": "listing_removed",
        },
        follow=True,
    )
    assert response.status_code == 200
    bulk = dict(ReportOutcome.objects.values_list("report_id", "partner_id"))
    assert bulk == {report.pk: partner.pk if partner else None for report, partner in shared.items()}

    ReportOutcome.objects.all().delete()
    for report in reports:
        response = client.post(
            reverse("triage:status", args=[report.pk]), {"status": "closed", "outcome": "listing_removed"}
        )
        assert response.status_code == 302
    assert dict(ReportOutcome.objects.values_list("report_id", "partner_id")) == bulk
