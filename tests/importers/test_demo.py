import pytest

from importers.demo import DEMO_IMPORTERS, load_demo_importers
from importers.models import Importer, ListingConsentRecord

pytestmark = pytest.mark.django_db


def test_demo_importers_load_once_and_only_some_are_public():
    assert load_demo_importers() == len(DEMO_IMPORTERS)
    assert load_demo_importers() == 0
    assert Importer.objects.count() == len(DEMO_IMPORTERS)
    listed = set(Importer.objects.publicly_listed().values_list("external_id", flat=True))
    assert listed == {"DEMO-0001", "DEMO-0002", "DEMO-0003"}
    for importer in Importer.objects.prefetch_related("identifiers"):
        assert all(
            i.match_key.split("/")[0].endswith((".example", ".example.net")) for i in importer.identifiers.all()
        )


def test_every_demo_importer_consents_to_be_listed_even_on_a_demo_site_made_before_consent():
    load_demo_importers()
    assert set(Importer.objects.values_list("listing_consent", flat=True)) == {True}
    # A demo site made before consent existed: the migration left its importers without consent.
    Importer.objects.update(listing_consent=False)
    ListingConsentRecord.objects.all().delete()
    assert not Importer.objects.publicly_listed().exists()
    load_demo_importers()
    assert set(Importer.objects.publicly_listed().values_list("external_id", flat=True)) == {
        "DEMO-0001",
        "DEMO-0002",
        "DEMO-0003",
    }
    assert ListingConsentRecord.objects.filter(source="demo", given=True).count() == len(DEMO_IMPORTERS)
