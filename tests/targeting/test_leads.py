"""Entities become leads at the thresholds staff set; staff review them, and every review is in the audit log."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from targeting import leads
from targeting.kinds import EntityKind as K
from targeting.models import Entity, Lead, LeadStatus, LeadThresholds

from .conftest import linked
from .test_entity_page import assert_refused


def lead_kinds():
    return set(Lead.objects.values_list("entity__kind", "entity__key"))


def test_five_reports_make_a_lead_four_do_not(chargers):
    for _ in range(4):
        linked(chargers, seller_name="Volt Deals")
    assert lead_kinds() == set()
    linked(chargers, seller_name="VOLT-DEALS")
    assert lead_kinds() == {(K.SELLER, "volt deals")}
    lead = Lead.objects.get()
    assert lead.status == LeadStatus.NEW and lead.reason == "5 reports, 0 with harm"


def save(thresholds, capture):
    """Saving the thresholds queues a look at every entity, once the change is committed."""
    with capture(execute=True):
        thresholds.save()


def test_one_report_of_harm_is_enough_but_brands_stay_out_unless_chosen(chargers, django_capture_on_commit_callbacks):
    linked(chargers, seller_name="Burn Shop", brand="Ankerr", harm=True)
    assert lead_kinds() == {(K.SELLER, "burn shop")}

    thresholds = LeadThresholds.load()
    thresholds.include_brands = True
    save(thresholds, django_capture_on_commit_callbacks)  # the worker (immediate in tests) looks at every entity
    assert lead_kinds() == {(K.SELLER, "burn shop"), (K.BRAND, "ankerr")}


def test_raising_the_thresholds_or_turning_them_off(chargers, django_capture_on_commit_callbacks):
    thresholds = LeadThresholds.load()
    thresholds.min_reports, thresholds.min_harm_reports = 2, 0
    thresholds.save()
    linked(chargers, seller_name="Burn Shop", harm=True)
    assert lead_kinds() == set()  # harm alone no longer counts
    linked(chargers, seller_name="Burn Shop")
    assert lead_kinds() == {(K.SELLER, "burn shop")}

    thresholds.min_reports = 0
    thresholds.save()
    linked(chargers, seller_name="Other Shop", harm=True)
    linked(chargers, seller_name="Other Shop", harm=True)
    assert lead_kinds() == {(K.SELLER, "burn shop")}  # both rules off: no new leads


def test_lowering_a_threshold_promotes_entities_already_over_it(chargers, django_capture_on_commit_callbacks):
    for _ in range(3):
        linked(chargers, seller_name="Volt Deals")
    assert lead_kinds() == set()
    thresholds = LeadThresholds.load()
    thresholds.min_reports = 3
    save(thresholds, django_capture_on_commit_callbacks)
    assert lead_kinds() == {(K.SELLER, "volt deals")}


@pytest.fixture
def new_lead(chargers):
    linked(chargers, seller_name="Burn Shop", harm=True)
    return Lead.objects.get()


def test_a_reviewer_approves_and_rejects_with_a_reason_in_the_audit_log(client, reviewer, new_lead):
    client.force_login(reviewer)
    url = reverse("targeting-leads:review", args=[new_lead.pk])
    page = client.get(reverse("targeting-leads:index")).content.decode()
    assert "Burn Shop" in page and 'value="approved"' in page

    response = client.post(url, {"status": "rejected", "note": " "}, follow=True)
    assert "Say why the lead is rejected" in response.content.decode()
    new_lead.refresh_from_db()
    assert new_lead.status == LeadStatus.NEW

    client.post(url, {"status": "approved", "note": "Seen at JFK"})
    new_lead.refresh_from_db()
    assert (new_lead.status, new_lead.reviewed_by, new_lead.review_note) == ("approved", reviewer, "Seen at JFK")
    entry = ModelLogEntry.objects.get(action="targeting.lead_review")
    assert (entry.user, entry.data["to"], entry.object_id) == (reviewer, "approved", str(new_lead.pk))
    history = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Lead marked Approved" in history


def test_officers_see_leads_but_only_reviewers_review(client, officer, editor, new_lead):
    client.force_login(officer)
    page = client.get(reverse("targeting-leads:index")).content.decode()
    assert "Burn Shop" in page and 'value="approved"' not in page and "Download CSV" not in page
    response = client.post(reverse("targeting-leads:review", args=[new_lead.pk]), {"status": "approved"})
    assert response.status_code in (302, 403)
    new_lead.refresh_from_db()
    assert new_lead.status == LeadStatus.NEW
    client.force_login(editor)
    assert_refused(client.get(reverse("targeting-leads:index")), "Burn Shop")


def test_review_refuses_an_unknown_status(db):
    with pytest.raises(leads.ReviewError):
        leads.review(Lead(entity=Entity(kind="seller", key="x", name="x")), "maybe", user=None)
