"""The database part of a backup, and what the manifest says about it.

PostgreSQL: `pg_dump --format=custom` runs on a snapshot exported from a REPEATABLE READ transaction that this
process keeps open, and the counts and file lists for the manifest are read in that same transaction, so they
describe exactly what the dump holds (reports sent meanwhile are in neither). SQLite: the sqlite3 backup API
copies the database page by page into database.sqlite3, and the counts are read from the copy.

Restoring needs an empty database (no tables: create it, do not run `migrate`): `pg_restore` in one
transaction, stopping at the first error; on SQLite the copy is written into the configured database.
"""

import os
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, transaction

POSTGRESQL_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"


def counted_tables():
    """{what: table} for the counts in the manifest."""
    from django_tasks_db.models import DBTaskResult
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Page

    from library.models import ArticlePage
    from reports.models import Attachment, Report
    from search.models import PendingIndexUpdate

    models = {
        "reports": Report,
        "report_files": Attachment,
        "articles": ArticlePage,
        "pages": Page,
        "images": Image,
        "documents": Document,
        "waiting_index_updates": PendingIndexUpdate,
        "background_tasks": DBTaskResult,
    }
    return {what: model._meta.db_table for what, model in models.items()}


def read_contents(cursor):
    """Counts, and the report files the database refers to ({name: sha256}), through a DB-API cursor."""
    from reports.models import Attachment

    counts = {}
    for what, table in counted_tables().items():
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - table names from our own models
        counts[what] = cursor.fetchone()[0]
    cursor.execute(f'SELECT "file", "sha256" FROM "{Attachment._meta.db_table}"')  # noqa: S608
    return counts, dict(cursor.fetchall())


def postgresql_environment(settings_dict):
    """libpq's environment for pg_dump / pg_restore: the password never appears on a command line."""
    values = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": settings_dict.get("OPTIONS", {}).get("sslmode"),
        "PGCONNECT_TIMEOUT": settings_dict.get("OPTIONS", {}).get("connect_timeout"),
    }
    return {**os.environ, **{key: str(value) for key, value in values.items() if value}}


def run(command, settings_dict):
    result = subprocess.run(  # noqa: S603 - fixed programs, arguments from settings and our own paths
        command, env=postgresql_environment(settings_dict), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


@contextmanager
def _consistent_snapshot():
    """A REPEATABLE READ transaction and the id of its exported snapshot (PostgreSQL)."""
    connection.ensure_connection()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        yield cursor, cursor.fetchone()[0]


def dump(directory):
    """Write the database into `directory`; returns (file name, counts, {report file name: sha256})."""
    directory = Path(directory)
    if connection.vendor == "postgresql":
        with _consistent_snapshot() as (cursor, snapshot):
            run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={directory / POSTGRESQL_DUMP}",
                ],
                connection.settings_dict,
            )
            counts, report_files = read_contents(cursor)
        return POSTGRESQL_DUMP, counts, report_files
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(directory / SQLITE_COPY)
        try:
            connection.connection.backup(copy)
            counts, report_files = read_contents(copy.cursor())
        finally:
            copy.close()
        return SQLITE_COPY, counts, report_files
    raise RuntimeError(f"Backups support PostgreSQL and SQLite, not {connection.vendor}.")


def is_empty():
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(directory, file_name):
    path = Path(directory) / file_name
    if connection.vendor == "postgresql" and file_name == POSTGRESQL_DUMP:
        connection.close()
        run(
            ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
             f"--dbname={connection.settings_dict['NAME']}", str(path)],
            connection.settings_dict,
        )  # fmt: skip
    elif connection.vendor == "sqlite" and file_name == SQLITE_COPY:
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        raise RuntimeError(f"This backup holds {file_name}, which cannot be restored into {connection.vendor}.")
    connection.close()


def read_restored_contents():
    with connection.cursor() as cursor:
        return read_contents(cursor)
