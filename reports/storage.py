"""Where report files live: a private folder outside MEDIA_ROOT (settings.REPORT_FILES_ROOT).

The folder is read from settings each time, so tests can point it at a temporary directory with the
`settings` fixture. Files are never given a public URL; staff will download them through a view that
checks permissions.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


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
