"""Where report files live: a private folder outside MEDIA_ROOT (settings.REPORT_FILES_ROOT).

The folder is read from settings each time, so tests can point it at a temporary directory with the
`settings` fixture. Files are never given a public URL; staff download them through a view that checks
permissions (triage.views.download_file). When the folder cannot be written, `write` raises StorageUnavailable:
the API answers 503 and the forms say so, and nothing is saved.
"""

import logging
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# When the folder cannot be written: the message people see and how long to wait (seconds, for Retry-After).
UNAVAILABLE_MESSAGE = _(
    "We cannot save files right now because of a problem on our side. Nothing was saved. Try again in a few"
    " minutes, or send the report without files and add them later from the status page."
)
UNAVAILABLE_RETRY_AFTER = 300


class StorageUnavailable(Exception):
    """The report-files folder cannot be written (missing, read-only, full). Callers answer 503, save nothing."""


def write(storage, name, content):
    """storage.save(name, content), turning any OS error into StorageUnavailable (logged for the operators)."""
    try:
        return storage.save(name, content)
    except OSError as error:
        logger.error("Cannot write to the report-files folder %s: %s", storage.location, error)
        raise StorageUnavailable(str(error)) from error


@deconstructible
class ReportFileStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @property
    def base_location(self):
        return settings.REPORT_FILES_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Report files have no public address; serve them through a view that checks permissions.")


report_file_storage = ReportFileStorage()


def get_report_file_storage():
    return report_file_storage
