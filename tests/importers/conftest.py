from datetime import timedelta

import factory
import pytest
from django.utils import timezone

from importers.models import IdentifierKind, Importer, ImporterIdentifier, Program, TradeName, VettingStatus
from tests.factories import UserFactory


class ImporterFactory(factory.django.DjangoModelFactory):
    """A trusted, valid importer that consents to be listed (so listed); pass listing_consent=False for one that
    has not consented (what the migration leaves every existing importer in)."""

    legal_name = factory.Sequence(lambda n: f"Example Importer {n} LLC")
    country = "US"
    program = Program.CTPAT_TRADE_COMPLIANCE
    status = VettingStatus.TRUSTED
    vetted_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=300))
    listing_consent = True

    class Meta:
        model = Importer
        skip_postgeneration_save = True

    @factory.post_generation
    def trade_names(self, create, extracted, **kwargs):
        for position, name in enumerate(extracted or []):
            TradeName.objects.create(importer=self, name=name, sort_order=position)

    @factory.post_generation
    def domains(self, create, extracted, **kwargs):
        for position, value in enumerate(extracted or []):
            ImporterIdentifier.objects.create(
                importer=self, kind=IdentifierKind.DOMAIN, value=value, sort_order=position
            )

    @factory.post_generation
    def stores(self, create, extracted, **kwargs):
        for position, value in enumerate(extracted or []):
            ImporterIdentifier.objects.create(
                importer=self, kind=IdentifierKind.STORE_URL, value=value, sort_order=100 + position
            )


def set_status(importer, status, reason="Audit result", user=None):
    importer.change_status(status, reason, user)
    importer.save()
    return importer


@pytest.fixture
def vetting_officer(db):
    return UserFactory(groups=["Vetting officers"])


@pytest.fixture
def editor(db):
    return UserFactory(groups=["Editors"])


@pytest.fixture
def triage_officer(db):
    return UserFactory(groups=["Triage officers"])


@pytest.fixture
def importer_index(settings, elasticsearch_url):
    """A fresh importers index on the real Elasticsearch for this test, deleted afterwards (tests.index_support)."""
    from tests.index_support import fresh_index

    yield from fresh_index(settings, elasticsearch_url, "importers")
