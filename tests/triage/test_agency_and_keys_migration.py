"""The migrations for the Agency name and the shared normalisers keep every existing referral and report matched."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("triage", "0005_referral_partner_note")]
AFTER = [("triage", "0007_rekey_sellers_and_hosts")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_referrals_keep_their_agency_and_old_reports_are_rekeyed():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    category = apps.get_model("library", "ProductCategory").objects.create(name="Bags", slug="bags-rekey")
    Report = apps.get_model("reports", "Report")
    TriageState = apps.get_model("triage", "TriageState")

    def report(number, seller, url):
        made = Report.objects.create(
            tracking_number=f"CF-REKY-000{number}",
            product_category=category,
            description="x",
            consent_at=timezone.now(),
            seller_name=seller,
            listing_url=url,
        )
        # The keys as the old normalisers wrote them.
        TriageState.objects.create(
            report_id=made.pk, seller_key=seller.strip().lower(), listing_host="", listing_key="old"
        )
        return made

    old = report(1, "Best-Deals LLC", "https://WWW.Bücher.example/Shop/")
    plain = report(2, "best deals", "")
    apps.get_model("triage", "Referral").objects.create(report=old, partner="ftc")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    assert apps.get_model("triage", "Referral").objects.get(report_id=old.pk).agency == "ftc"
    states = {state.report_id: state for state in apps.get_model("triage", "TriageState").objects.all()}
    # The two sellers are now one seller; the international host is in its ASCII form.
    assert states[old.pk].seller_key == states[plain.pk].seller_key == "best deals"
    assert (states[old.pk].listing_host, states[old.pk].listing_key) == (
        "xn--bcher-kva.example",
        "xn--bcher-kva.example/shop",
    )
    assert (states[plain.pk].listing_host, states[plain.pk].listing_key) == ("", "")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
