"""`manage.py backup` and `manage.py restore`: a round trip through an empty stack on PostgreSQL and the real
Elasticsearch.

Reports are sent through the API with photos and PDFs, articles are published, the indexes fill through the
outbox; then a backup is taken, and restored into a second, empty database created for the test, empty file
folders and no indexes (the originals are deleted). Every report, every file's bytes and every article must come
back, and the indexes must find them. With a snapshot when the node has path.repo (scripts/elasticsearch.sh sets
it), and without one (the indexes are rebuilt from the database).
"""

import io
import json
import os
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from elasticsearch import Elasticsearch

from library.models import ArticlePage
from reports.models import Attachment, Report
from search import registry
from search.writing import delete_all_indexes
from tests.factories import ArticlePageFactory, ProductCategoryFactory
from tests.index_support import TestIndex as SiteIndex
from tests.index_support import fresh_indexes
from tests.reports.factories import image_bytes, multipart_fields, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="the round trip runs on PostgreSQL")


@pytest.fixture
def site_indexes(settings, elasticsearch_url):
    yield from fresh_indexes(settings, elasticsearch_url, registry.names())


def snapshot_folder(url):
    """The node's first path.repo folder, or None when it has none."""
    nodes = Elasticsearch(url, request_timeout=10).nodes.info(metric="settings")["nodes"]
    folders = [node["settings"].get("path", {}).get("repo") for node in nodes.values()]
    folder = folders[0] if folders and all(folders) else None
    return (folder[0] if isinstance(folder, list) else folder) if folder else None


@pytest.fixture
def content(client, site_tree, site_indexes):
    """Two reports with files, three articles, all indexed."""
    ProductCategoryFactory(name="Chargers", slug="chargers")
    sent = []
    for number, description in enumerate(
        ["The charger melted the socket cover.", "The power bank swelled after a week of charging."]
    ):
        files = [
            SimpleUploadedFile(f"photo-{number}.jpg", image_bytes(size=(40 + number, 30)), content_type="image/jpeg"),
            SimpleUploadedFile(f"receipt-{number}.pdf", pdf_bytes(), content_type="application/pdf"),
        ]
        response = client.post("/api/reports", {**multipart_fields(description=description), "files": files})
        assert response.status_code == 201, response.content
        sent.append(response.json()["tracking_number"])
    library = site_tree["en"][1]
    for title in ("Counterfeit chargers start fires", "Spotting fake sunglasses", "Unsafe toys from unknown sellers"):
        ArticlePageFactory(parent=library, title=title, summary=f"{title}: what to look for.")
    for index in site_indexes:
        index.catch_up()  # the reports, sent through the outbox
    SiteIndex("library").rebuild()  # factory-made pages are not published through the admin
    assert SiteIndex("reports").ids() == set(Report.objects.values_list("pk", flat=True))
    assert len(SiteIndex("library").ids()) >= 3
    return {
        "reports": {r.tracking_number: r.description for r in Report.objects.all()},
        "files": {a.file.name: a.file.open("rb").read() for a in Attachment.objects.all()},
        "articles": sorted(ArticlePage.objects.values_list("title", flat=True)),
        "indexed": {index.definition.name: index.ids() for index in site_indexes},
    }


def round_trip(client, settings, tmp_path, content, snapshot_path):
    settings.ELASTICSEARCH_SNAPSHOT_PATH = snapshot_path or ""
    backup = tmp_path / "backup"
    output = io.StringIO()
    call_command("backup", str(backup), stdout=output)
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["counts"]["reports"] == 2 and manifest["counts"]["report_files"] == 4
    assert manifest["counts"]["articles"] == 3
    assert len(manifest["files"]["report-files"]) == 4
    assert manifest["report_file_problems"] == []
    assert (manifest["elasticsearch"] is not None) == bool(snapshot_path)

    # Everything away: the indexes deleted, a new empty database, empty folders, as on a new machine.
    for definition in registry.definitions():
        delete_all_indexes(definition)
    original_name, original_prefix = connection.settings_dict["NAME"], settings.ELASTICSEARCH_INDEX_PREFIX
    restored_name = f"{original_name}_restore_{uuid.uuid4().hex[:6]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{restored_name}"')
    connection.close()
    connection.settings_dict["NAME"] = restored_name
    settings.REPORT_FILES_ROOT = tmp_path / "restored-report-files"
    settings.MEDIA_ROOT = tmp_path / "restored-media"
    settings.ELASTICSEARCH_INDEX_PREFIX = f"{original_prefix}-restored"
    try:
        output = io.StringIO()
        call_command("restore", str(backup), stdout=output)
        log = output.getvalue()

        assert {r.tracking_number: r.description for r in Report.objects.all()} == content["reports"]
        restored_files = {a.file.name: a.file.open("rb").read() for a in Attachment.objects.all()}
        assert restored_files == content["files"]
        assert all((Path(settings.REPORT_FILES_ROOT) / name).stat().st_mode & 0o077 == 0 for name in restored_files)
        assert sorted(ArticlePage.objects.values_list("title", flat=True)) == content["articles"]
        for name, ids in content["indexed"].items():
            assert SiteIndex(name).ids() == ids, name
        response = client.get("/api/search", {"q": "sunglases"})  # a typo, as people type
        assert response.status_code == 200
        assert "Spotting fake sunglasses" in response.content.decode()
        return log
    finally:
        for definition in registry.definitions():
            delete_all_indexes(definition)
        connection.close()
        connection.settings_dict["NAME"] = original_name
        settings.ELASTICSEARCH_INDEX_PREFIX = original_prefix
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')


@on_postgresql
def test_a_round_trip_with_an_elasticsearch_snapshot(client, settings, tmp_path, content, elasticsearch_url):
    folder = snapshot_folder(elasticsearch_url)
    if folder is None:
        reason = f"The Elasticsearch node at {elasticsearch_url} has no path.repo (scripts/elasticsearch.sh sets it)."
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)  # CI starts the node with scripts/elasticsearch.sh: the snapshot must be tested
        pytest.skip(reason)
    log = round_trip(client, settings, tmp_path, content, folder)
    assert "document(s) restored from the snapshot" in log
    assert "the restored index matches the database" in log
    assert "indexed from the database" not in log


@on_postgresql
@on_postgresql
def test_a_round_trip_without_a_snapshot_rebuilds_the_indexes(client, settings, tmp_path, content):
    log = round_trip(client, settings, tmp_path, content, snapshot_path=None)
    assert "holds no snapshot: rebuilding the indexes from the database" in log
    assert "indexed from the database" in log


def test_restore_refuses_a_stack_that_is_not_empty_and_a_damaged_backup(client, settings, tmp_path, site_tree):
    """On SQLite too (the backup goes through the sqlite3 backup API)."""
    backup = tmp_path / "backup"
    report_files = Path(settings.REPORT_FILES_ROOT)
    (report_files / "reports").mkdir(parents=True)
    (report_files / "reports" / "receipt.pdf").write_bytes(b"%PDF-1.7 a receipt")
    call_command("backup", str(backup), stdout=io.StringIO())

    with pytest.raises(CommandError, match="Nothing was restored: the database has tables already"):
        call_command("restore", str(backup), stdout=io.StringIO())

    (backup / "files" / "report-files" / "reports" / "receipt.pdf").write_bytes(b"%PDF-1.7 another receipt")
    with pytest.raises(CommandError, match=r"damaged: files/report-files/reports/receipt.pdf has changed"):
        call_command("restore", str(backup), stdout=io.StringIO())

    with pytest.raises(CommandError, match="is not empty: give a new directory"):
        call_command("backup", str(backup), stdout=io.StringIO())
    with pytest.raises(CommandError, match="holds no manifest.json"):
        call_command("restore", str(tmp_path), stdout=io.StringIO())
