"""One JSON object per log line (LOG_FORMAT=json, the production default), for log collectors.

Built on python-json-logger. Each line holds time, level, logger, message and request_id, plus the exception
and any extra fields a library adds. Personal data stays out: the message and arguments are blanked by the
redaction filter before they get here (website/logging_filters.py); this formatter also blanks the exception
text and the extra fields, which it formats itself, and drops Django's `request` extra (the full request, with
its query string) entirely.
"""

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from .logging_filters import redact

FIELDS = ["asctime", "levelname", "name", "message", "request_id"]
RENAMED = {"asctime": "time", "levelname": "level", "name": "logger"}
# Extras never written: Django's request object and the dev server's own formatting fields.
DROPPED = ["request", "server_time", "color_message"]


class JsonLogFormatter(JsonFormatter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", RENAMED)
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, *DROPPED])
        kwargs.setdefault("datefmt", "%Y-%m-%dT%H:%M:%S%z")
        super().__init__(FIELDS, *args, **kwargs)

    def formatException(self, ei):  # noqa: N802 - logging's name
        return redact(super().formatException(ei))

    def formatStack(self, stack_info):  # noqa: N802 - logging's name
        return redact(super().formatStack(stack_info))

    def process_log_record(self, log_data):
        log_data["request_id"] = log_data.get("request_id") or "-"
        return {key: redact(value) if isinstance(value, str) else value for key, value in log_data.items()}
