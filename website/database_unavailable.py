"""A database that is busy, locked or away gives 503 Service Unavailable with Retry-After, never a 500.

- SQLite waits DATABASE_BUSY_TIMEOUT_SECONDS for a lock (the "timeout" option) and takes the write lock when a
  transaction starts (transaction_mode IMMEDIATE), so two writers queue instead of failing at once.
- PostgreSQL gives up waiting for a lock after DATABASE_LOCK_TIMEOUT_MS (set on every new connection below).
- When that is not enough (still locked, lock timeout, connection refused, too many connections, the server
  shutting down), `DatabaseUnavailableMiddleware` answers 503: JSON on /api/, a plain page elsewhere, and logs
  one warning line. `server_error` (the site's handler500) does the same for errors raised outside a view, for
  example while the session is saved.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django.views.defaults import server_error as django_server_error

from .plain_errors import plain_error

logger = logging.getLogger(__name__)

# PostgreSQL error classes that mean "not now" rather than "wrong": 08 connection, 40 serialization/deadlock,
# 53 insufficient resources (too many connections), 55P03 lock not available, 57 cancelled (statement timeout)
# or the server shutting down.
RETRY_SQLSTATE_CLASSES = ("08", "40", "53", "57")
RETRY_SQLSTATES = ("55P03",)
# SQLite says so in words.
SQLITE_BUSY_WORDS = ("database is locked", "database table is locked", "unable to open database", "disk i/o")


def is_unavailable(error):
    """True when this database error means the database is busy or away (worth retrying), not a bug."""
    if not isinstance(error, OperationalError | InterfaceError):
        return False
    cause = error.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or getattr(getattr(cause, "diag", None), "sqlstate", None)
    if sqlstate:
        return sqlstate.startswith(RETRY_SQLSTATE_CLASSES) or sqlstate in RETRY_SQLSTATES
    if type(cause).__module__.startswith("psycopg"):
        return True  # no SQLSTATE: the client could not reach the server (refused, closed, timed out)
    message = str(error).lower()
    return isinstance(error, InterfaceError) or any(words in message for words in SQLITE_BUSY_WORDS)


def unavailable_response(request, error):
    retry_after = str(settings.DATABASE_RETRY_AFTER_SECONDS)
    logger.warning("Database unavailable, answered 503 to %s %s: %s", request.method, request.path, error)
    return plain_error(
        request,
        503,
        heading=_("The site is busy"),
        intro=_("We could not answer this time because the site is busy. Try again in %(seconds)s seconds.")
        % {"seconds": retry_after},
        advice=_("Nothing you sent was lost or half-saved: if you were sending a form, send it again."),
        Retry_After=retry_after,
    )


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_unavailable(exception):
            return unavailable_response(request, exception)
        return None


def server_error(request, *args, **kwargs):
    """handler500: a 503 when the uncaught error is the database being unavailable, else Django's 500 page."""
    error = sys.exc_info()[1]
    if is_unavailable(error):
        return unavailable_response(request, error)
    return django_server_error(request, *args, **kwargs)


@receiver(connection_created)
def set_lock_timeout(sender, connection, **kwargs):
    """PostgreSQL: stop waiting for a lock after DATABASE_LOCK_TIMEOUT_MS (0 waits for ever)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, false)", [f"{settings.DATABASE_LOCK_TIMEOUT_MS}ms"])
