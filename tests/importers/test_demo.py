import pytest

from importers.demo import DEMO_IMPORTERS, load_demo_importers
from importers.models import Importer

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
