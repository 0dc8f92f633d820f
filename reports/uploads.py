"""Photos held for a report that is not sent yet.

The report form checks and cleans each file as soon as it is uploaded, then keeps the clean bytes in
REPORT_FILES_ROOT/tmp/<draft id>/ until the report is sent (they then become Attachments) or the draft is
abandoned (`manage.py purge_report_uploads` deletes what is older than a day). Held files are named by a
random id and their sniffed type, never by the reporter's file name. When the folder cannot be written, `hold`
raises storage.StorageUnavailable and nothing is held.
"""

import secrets

from django.core.files.base import ContentFile

from .attachments import CleanFile
from .storage import get_report_file_storage, write

TMP_FOLDER = "tmp"


def hold(draft, clean_file):
    """Keep one clean file for this draft; returns its record (kept in the session)."""
    file_id = secrets.token_hex(8)
    name = f"{TMP_FOLDER}/{draft['id']}/{file_id}.{clean_file.extension}"
    stored = write(get_report_file_storage(), name, ContentFile(clean_file.content))
    record = {
        "id": file_id,
        "path": stored,
        "name": clean_file.original_name,
        "content_type": clean_file.content_type,
        "extension": clean_file.extension,
        "size": clean_file.size,
        "removed": list(clean_file.removed),
    }
    draft["files"].append(record)
    return record


def release(draft, file_id):
    """Forget one held file and delete it."""
    for record in list(draft["files"]):
        if record["id"] == file_id:
            draft["files"].remove(record)
            get_report_file_storage().delete(record["path"])


def release_all(draft):
    storage = get_report_file_storage()
    for record in draft.get("files", []):
        storage.delete(record["path"])
    draft["files"] = []


def load(draft):
    """The held files as CleanFiles, and the names of any that are gone."""
    storage = get_report_file_storage()
    files, missing = [], []
    for record in draft.get("files", []):
        if not storage.exists(record["path"]):
            missing.append(record["name"])
            continue
        with storage.open(record["path"], "rb") as handle:
            content = handle.read()
        removed = tuple(record.get("removed", ()))
        files.append(CleanFile(content, record["extension"], record["content_type"], record["name"], removed))
    return files, missing
