"""Every registered index (library, importers, reports) kept in step through the one outbox, on the real node.

For each index: an outage while objects are created, changed and removed loses nothing (the catch-up brings
the index in step with the database), and a rebuild during which objects change loses nothing either.
"""

import io

import pytest
from django.core.management import CommandError, call_command

from search import registry
from search.availability import ELASTICSEARCH_ERRORS
from search.models import IndexState, PendingIndexUpdate
from tests.factories import ArticlePageFactory, ProductCategoryFactory, publish
from tests.importers.conftest import ImporterFactory
from tests.index_support import fresh_index, fresh_indexes
from tests.triage.conftest import make_report

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.elasticsearch]

CLOSED_PORT = "http://127.0.0.1:9"  # nothing listens there


class Library:
    name = "library"
    field = "title"

    def __init__(self, site_tree):
        self.parent = site_tree["en"][1]

    def create(self, text):
        return publish(ArticlePageFactory(parent=self.parent, live=False, title=text))

    def change(self, article, text):
        article.title = text
        return publish(article)

    def remove(self, article):
        article.unpublish()


class Importers:
    name = "importers"
    field = "legal_name"

    def __init__(self, site_tree):
        pass

    def create(self, text):
        return ImporterFactory(legal_name=text)

    def change(self, importer, text):
        importer.legal_name = text
        importer.save()
        return importer

    def remove(self, importer):
        importer.delete()


class Reports:
    name = "reports"
    field = "brand"

    def __init__(self, site_tree):
        self.category = ProductCategoryFactory()

    def create(self, text):
        return make_report(self.category, brand=text)

    def change(self, report, text):
        report.brand = text
        report.save()
        return report

    def remove(self, report):
        report.delete()


KINDS = [Library, Importers, Reports]


@pytest.fixture(params=KINDS, ids=[kind.name for kind in KINDS])
def kind(request, site_tree):
    return request.param(site_tree)


@pytest.fixture
def index(kind, settings, elasticsearch_url):
    yield from fresh_index(settings, elasticsearch_url, kind.name)


def assert_in_step(index):
    assert index.ids() == index.database_ids()
    call_command("search_index", "--index", index.definition.name, "--check", stdout=io.StringIO())


def test_an_outage_loses_no_update(kind, index, settings):
    kept, changed, removed = (kind.create(f"Before outage {n}") for n in range(3))
    removed_pk = removed.pk
    assert_in_step(index)

    working_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    added = kind.create("Added during outage")
    kind.change(changed, "Changed during outage")
    kind.remove(removed)
    waiting = PendingIndexUpdate.objects.filter(index=kind.name)
    assert waiting.exists()
    assert all(row.attempts >= 1 and row.last_error for row in waiting)  # the drain tried and kept them

    settings.ELASTICSEARCH_URL = working_url
    assert added.pk not in index.ids() and removed_pk in index.ids()  # the index missed the changes

    out = io.StringIO()
    call_command("search_index", "--index", kind.name, "--catch-up", stdout=out)
    assert "0 update(s) still waiting" in out.getvalue()
    assert not PendingIndexUpdate.objects.filter(index=kind.name).exists()
    assert_in_step(index)
    assert index.ids() == {kept.pk, changed.pk, added.pk}
    assert index.source(changed.pk)[kind.field] == "Changed during outage"


def test_a_rebuild_loses_no_update_made_while_it_runs(kind, index):
    objects = [kind.create(f"Before rebuild {n}") for n in range(5)]
    changed, removed = objects[0], objects[1]
    removed_pk = removed.pk
    made = {}

    def change_things_once():
        """Between the first and second batch: add one, change one already loaded, remove one already loaded."""
        if made:
            return
        made["added"] = kind.create("Added during rebuild")
        kind.change(changed, "Changed during rebuild")
        kind.remove(removed)
        # Searches keep seeing changes while the rebuild runs: the live index got them at once.
        index.refresh()
        assert made["added"].pk in index.ids() and removed_pk not in index.ids()
        assert PendingIndexUpdate.objects.filter(index=kind.name, kept_for_rebuild=True).exists()

    before = set(index.client.indices.get_alias(name=index.alias))
    name, _count = index.rebuild(batch_size=2, after_batch=change_things_once)

    assert set(index.client.indices.get_alias(name=index.alias)) == {name} and name not in before
    assert not index.client.indices.exists(index=",".join(before), ignore_unavailable=True, allow_no_indices=False)
    assert_in_step(index)
    assert made["added"].pk in index.ids() and removed_pk not in index.ids()
    assert index.source(changed.pk)[kind.field] == "Changed during rebuild"
    assert not PendingIndexUpdate.objects.filter(index=kind.name).exists()
    assert IndexState.objects.get(name=kind.name).rebuild_started_at is None


def test_a_failed_rebuild_leaves_the_live_index_and_the_outbox_as_they_were(kind, index, settings):
    kept = kind.create("Kept")
    working_url = settings.ELASTICSEARCH_URL

    def cluster_goes_away():
        kind.create("Added while the cluster went away")
        settings.ELASTICSEARCH_URL = CLOSED_PORT

    before = set(index.client.indices.get_alias(name=index.alias))
    with pytest.raises(ELASTICSEARCH_ERRORS):
        index.rebuild(batch_size=1, after_batch=cluster_goes_away)
    settings.ELASTICSEARCH_URL = working_url

    assert set(index.client.indices.get_alias(name=index.alias)) == before
    assert IndexState.objects.get(name=kind.name).rebuild_started_at is None
    assert not PendingIndexUpdate.objects.filter(kept_for_rebuild=True).exists()
    assert index.catch_up() >= 0
    assert kept.pk in index.ids()
    assert_in_step(index)


@pytest.fixture
def every_index(settings, elasticsearch_url):
    yield from fresh_indexes(settings, elasticsearch_url, registry.names())


def test_the_command_checks_rebuilds_and_catches_up_every_index(site_tree, settings, elasticsearch_url, every_index):
    article = Library(site_tree).create("Fake chargers")
    importer = Importers(site_tree).create("Acme Example")
    report = Reports(site_tree).create("Acme brand")
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL is not set"):
        call_command("search_index", "--check")
    settings.ELASTICSEARCH_URL = elasticsearch_url
    with pytest.raises(CommandError, match="Unknown index 'everything'"):
        call_command("search_index", "--index", "everything", "--check")

    for index in every_index:
        index.client.indices.delete(index=f"{index.alias}*")  # as if the cluster lost them
    out = io.StringIO()
    with pytest.raises(CommandError, match="differs"):
        call_command("search_index", "--check", stdout=out)
    assert f"library: 1 article(s) missing from the index: ids {article.pk}" in out.getvalue()
    assert f"importers: 1 importer(s) missing from the index: ids {importer.pk}" in out.getvalue()
    assert f"reports: 1 report(s) missing from the index: ids {report.pk}" in out.getvalue()

    out = io.StringIO()
    call_command("search_index", "--rebuild", stdout=out)
    for noun in ("article", "importer", "report"):
        assert f"Indexed 1 {noun}(s)" in out.getvalue()
    for name in ("library", "importers", "reports"):
        assert f"{name}: [{'#' * 30}] 1/1" in out.getvalue()  # the progress bar
    out = io.StringIO()
    call_command("search_index", "--index", "all", "--check", stdout=out)
    assert out.getvalue().count("the index matches the database") == 3

    out = io.StringIO()
    call_command("triage_index", "--check", stdout=out)
    assert "triage_index is an alias" in out.getvalue() and "reports: the index matches" in out.getvalue()
    out = io.StringIO()
    call_command("importers_index", "--rebuild", stdout=out)
    assert "importers_index is an alias" in out.getvalue() and "Indexed 1 importer(s)" in out.getvalue()

    settings.ELASTICSEARCH_URL = CLOSED_PORT
    Importers(site_tree).change(importer, "Acme Renamed")
    with pytest.raises(CommandError, match="did not take every update"):
        call_command("search_index", "--index", "importers", "--catch-up", stdout=io.StringIO())
    with pytest.raises(CommandError, match="not answering"):
        call_command("search_index", "--index", "importers", "--rebuild", stdout=io.StringIO())
    settings.ELASTICSEARCH_URL = elasticsearch_url
    out = io.StringIO()
    call_command("search_index", "--catch-up", stdout=out)
    assert "importers: brought 1 importer(s) up to date; 0 update(s) still waiting." in out.getvalue()
