"""Directory search with the real Elasticsearch, the index kept in step after commits, and the database fallback."""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from importers.directory import DirectoryParams, directory_body, search_directory
from importers.documents import ImporterDocument

from .conftest import ImporterFactory, set_status

URL = "/trusted-importers/"
on_commit_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def names(results):
    return [importer.legal_name for importer in results.importers]


def test_the_query_filters_on_status_and_dates_at_query_time():
    today = timezone.localdate()
    body = directory_body(DirectoryParams(query="acme", programs=["other"]), today)
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"status": "trusted"}} in filters
    assert {"range": {"valid_until": {"gte": today.isoformat()}}} in filters
    assert {"range": {"vetted_on": {"lte": today.isoformat()}}} in filters
    assert {"terms": {"program": ["other"]}} in filters


@pytest.mark.elasticsearch
@on_commit_db
def test_saving_indexes_after_commit_and_search_uses_elasticsearch(importer_index):
    acme = ImporterFactory(
        legal_name="Acme Example Imports LLC",
        trade_names=["Acme Chargers"],
        domains=["acme.example"],
        stores=["https://marketplace.example/shops/acme"],
        program="ctpat_security",
    )
    ImporterFactory(legal_name="Globex Example Corp", domains=["globex.example"], country="MX")
    importer_index.refresh()

    results = search_directory(DirectoryParams(query="acme"))
    assert results.backend == "elasticsearch"
    assert names(results) == ["Acme Example Imports LLC"]
    assert names(search_directory(DirectoryParams(query="chargers"))) == ["Acme Example Imports LLC"]
    assert names(search_directory(DirectoryParams(query="acme chargrs"))) == ["Acme Example Imports LLC"]
    assert names(search_directory(DirectoryParams(query="https://www.acme.example/shop?x=1"))) == [
        "Acme Example Imports LLC"
    ]
    assert names(search_directory(DirectoryParams(query="marketplace.example/shops/acme/item/1"))) == [
        "Acme Example Imports LLC"
    ]
    assert names(search_directory(DirectoryParams(countries=["MX"]))) == ["Globex Example Corp"]
    assert names(search_directory(DirectoryParams())) == ["Acme Example Imports LLC", "Globex Example Corp"]

    set_status(acme, "suspended")
    importer_index.refresh()
    assert names(search_directory(DirectoryParams(query="acme"))) == []
    assert search_directory(DirectoryParams(query="acme")).count == 0

    acme.delete()
    importer_index.refresh()
    assert importer_index.client.count(index=importer_index.alias)["count"] == 1


@pytest.mark.elasticsearch
@on_commit_db
def test_expiry_needs_no_reindexing(importer_index):
    today = timezone.localdate()
    ImporterFactory(legal_name="Short Lived Example", valid_until=today + timedelta(days=5))
    importer_index.refresh()
    assert names(search_directory(DirectoryParams())) == ["Short Lived Example"]
    assert names(search_directory(DirectoryParams(), today=today + timedelta(days=6))) == []
    assert names(search_directory(DirectoryParams(), today=today + timedelta(days=5))) == ["Short Lived Example"]


@pytest.mark.elasticsearch
@on_commit_db
def test_the_page_uses_elasticsearch(client, importer_index):
    ImporterFactory(legal_name="Page Example Co", trade_names=["Page Brand"])
    importer_index.refresh()
    response = client.get(URL, {"q": "page brand"})
    assert response.status_code == 200
    assert response.context["results"].backend == "elasticsearch"
    assert [i.legal_name for i in response.context["results"].importers] == ["Page Example Co"]


@pytest.mark.elasticsearch
@on_commit_db
def test_rebuild_command_swaps_the_alias(importer_index, settings):
    import io

    from django.core.management import call_command

    url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = ""
    ImporterFactory(legal_name="Unindexed Example")  # saved while Elasticsearch was off
    settings.ELASTICSEARCH_URL = url
    assert names(search_directory(DirectoryParams(query="unindexed"))) == []
    out = io.StringIO()
    call_command("search_index", "--index", "importers", "--rebuild", stdout=out)
    assert "Indexed 1 importer(s)" in out.getvalue()
    assert names(search_directory(DirectoryParams(query="unindexed"))) == ["Unindexed Example"]


def test_the_document_holds_names_and_address_keys(db):
    importer = ImporterFactory(
        legal_name="Doc Example", trade_names=["Doc Brand"], domains=["www.doc.example"], stores=["m.example/s/doc/"]
    )
    document = ImporterDocument.source_for_importer(importer)
    assert document["domains"] == ["doc.example"]
    assert document["store_urls"] == ["m.example/s/doc"]
    assert document["trade_names"] == ["Doc Brand"]
    assert document["status"] == "trusted"


@pytest.mark.django_db
def test_database_answers_when_elasticsearch_is_unset(client, site_tree):
    ImporterFactory(legal_name="Fallback Example")
    response = client.get(URL, {"q": "fallback"})
    assert response.context["results"].backend == "database"
    assert [i.legal_name for i in response.context["results"].importers] == ["Fallback Example"]


@pytest.mark.django_db
def test_database_answers_when_elasticsearch_is_unreachable(client, site_tree, settings, caplog):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 1
    ImporterFactory(legal_name="Unreachable Example", domains=["unreachable.example"])  # indexing fails quietly
    with caplog.at_level(logging.WARNING):
        response = client.get(URL, {"q": "unreachable", "seller": "unreachable.example"})
    assert response.status_code == 200
    assert response.context["results"].backend == "database"
    assert [i.legal_name for i in response.context["results"].importers] == ["Unreachable Example"]
    assert response.context["check"].found
    assert "answering the importer directory from the database" in caplog.text


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_database_answers_when_the_index_is_missing(client, site_tree, settings, elasticsearch_url, caplog):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.ELASTICSEARCH_INDEX_PREFIX = "test-no-such-index-prefix"
    with caplog.at_level(logging.WARNING):
        response = client.get(URL)
    assert response.status_code == 200
    assert response.context["results"].backend == "database"
