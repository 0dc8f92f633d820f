"""Production. Refuses to start without a secret key, with DEBUG on, or without a way to send mail."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    DEBUG,
    EMAIL_DISABLED,
    EMAIL_HOST,
    LOGGING,
    SECRET_KEY,
    STAFF_SECOND_FACTOR_EXEMPT_USERNAMES,
    env_bool,
)

if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")
if STAFF_SECOND_FACTOR_EXEMPT_USERNAMES:
    raise ImproperlyConfigured("No staff account may skip the second factor in production.")
# Never print mail into the server log: it holds password-reset links and reporters' addresses.
if not EMAIL_HOST and not EMAIL_DISABLED:
    raise ImproperlyConfigured(
        "Production needs a mail server: set EMAIL_HOST (with EMAIL_PORT, EMAIL_HOST_USER and EMAIL_HOST_PASSWORD)."
        " To run without any email (password resets and confirmation emails are then dropped), set"
        " EMAIL_DISABLED=true."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Monitors and load balancers probe these over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^readyz/worker$"]
SECURE_HSTS_SECONDS = 63_072_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# One JSON object per log line, with the request id, unless LOG_FORMAT=plain.
if not os.environ.get("LOG_FORMAT"):
    LOG_FORMAT = "json"
    LOGGING["handlers"]["console"]["formatter"] = "json"
    LOGGING["handlers"]["django.server"]["formatter"] = "json"
