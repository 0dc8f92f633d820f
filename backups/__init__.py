"""Backups of the whole site: `manage.py backup <dir>` and `manage.py restore <dir>`.

A backup directory holds:

    manifest.json        what is in it: counts, every file with its size and SHA-256, the snapshot's indexes
    database.dump        PostgreSQL, pg_dump's custom format (database.sqlite3 on SQLite)
    files/report-files/  the files reporters sent (REPORT_FILES_ROOT)
    files/media/         Wagtail's images and documents (MEDIA_ROOT)
    elasticsearch/       a snapshot repository holding one snapshot of the site's indexes (when configured)

- database.py: the dump and its restore; counts and file lists read in the same transaction as the dump
- files.py: copying folders with checksums
- snapshots.py: the Elasticsearch snapshot and its restore
- manifest.py: writing, reading and checking the manifest
- progress.py: what both commands print while they work
"""
