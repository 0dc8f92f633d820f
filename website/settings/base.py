"""Settings shared by every environment.

Everything that differs between machines comes from the environment; see
`.env.example` for the full list. A feature is switched on when its variable
is set (for example Elasticsearch when `ELASTICSEARCH_URL` is present).
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .environment import env_bool, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent
PROJECT_DIR = BASE_DIR / "website"

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Earlier secrets, comma-separated, still accepted while sessions, reset links and receipt keys made with them
# age out (see "Rotating secrets" in the README).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "website",
    "library",
    "search",
    "reports",
    "triage",
    "outcomes",
    "conversations",
    "importers",
    "partners",
    "agencies",  # FDA, CPSC, FTC and HSI in the partner portal: their answers and questions on referrals
    "portal",  # the partner portal at /portal/: organisation users, roles, sign-in, self-service API keys
    "nextsteps",
    "assisted",
    "targeting",
    "webhooks",  # notice of new referrals to partner organisations: signed webhooks and emails (issue 17)
    "brands",  # rights holders: brand registry, identification guides, "possibly genuine" (issue 17)
    "backups",
    "workers",  # the background worker's heartbeat (its db_worker command replaces django_tasks_db's)
    "csp",
    "accounts",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    # Staff accounts: second factor (TOTP, recovery codes, passkeys) and sign-in throttling.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "axes",
]

MIDDLEWARE = [
    # First: every log line of a request carries its id (X-Request-ID), also sent back on the response.
    "website.request_ids.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Security headers (policy in website/settings/security_headers.py): CSP, Permissions-Policy, and CORP.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "website.security_headers.SecurityHeadersMiddleware",
    "website.chunked_bodies.ChunkedBodyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Says which answers a shared cache may keep (public pages) and which never (anything personal). Before the
    # session and CSRF middleware, so it sees the cookies and the Vary: Cookie they add on the way out.
    "website.cache_headers.CacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "partners.middleware.PartnerCallLogMiddleware",
    "website.database_unavailable.DatabaseUnavailableMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "website.urls"
WSGI_APPLICATION = "website.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# Widgets render with the templates above, so templates/wagtailadmin/widgets/ (no inline scripts) is used.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: DATABASE_URL (PostgreSQL in production), SQLite otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        # A kept connection is checked before each request uses it: after a PostgreSQL restart the first
        # request reconnects instead of failing.
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
# A busy or unreachable database: SQLite waits this long for a lock, PostgreSQL gives up waiting for a lock after
# DATABASE_LOCK_TIMEOUT_MS; then the site answers 503 with Retry-After (website/database_unavailable.py).
DATABASE_BUSY_TIMEOUT_SECONDS = float(os.environ.get("DATABASE_BUSY_TIMEOUT_SECONDS") or 5)
DATABASE_LOCK_TIMEOUT_MS = int(os.environ.get("DATABASE_LOCK_TIMEOUT_MS") or 10_000)
DATABASE_RETRY_AFTER_SECONDS = int(os.environ.get("DATABASE_RETRY_AFTER_SECONDS") or 30)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL unreachable (host down, packets dropped): give up after this long and answer 503.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT_SECONDS") or 5)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": DATABASE_BUSY_TIMEOUT_SECONDS, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Refuses guessable passwords that pass the length rule (aaaaaaaaaaaa, qwertyuiopas, Password1234...).
    {"NAME": "django_zxcvbn_password_validator.ZxcvbnPasswordValidator"},
]
# zxcvbn score from 0 (too guessable) to 4 (very unguessable); 3 is "safely unguessable".
PASSWORD_MINIMAL_STRENGTH = 3

# Languages: English at /, Spanish at /es/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True
# Staff see every time in the site's zone (website/times.py); Wagtail's account page offers no other.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]

# Static files. The U.S. Web Design System is built from its npm package
# into website/static/uswds/ by `make assets` (not committed).
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: SMTP when EMAIL_HOST is set; EMAIL_DISABLED=true drops every message (said once in the log at
# startup); otherwise the console (dev only: production refuses to start without one of the first two).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_DISABLED = env_bool("EMAIL_DISABLED", False)
if EMAIL_DISABLED:
    EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
elif EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@ecommerce.cbp.example")
# A notice email (to a reporter, or a partner's new-referral email) that failed this many runs of the sender is
# given up (a refused address at once). REPORTER_NOTICE_MAX_ATTEMPTS is its old name, still read for one release.
NOTICE_MAX_ATTEMPTS = int(
    os.environ.get("NOTICE_MAX_ATTEMPTS") or os.environ.get("REPORTER_NOTICE_MAX_ATTEMPTS") or "50"
)

# Background work (Wagtail 8 uses django-tasks). Immediate by default;
# production sets TASKS_BACKEND to the database queue run by `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# Cache shared by every process (rate limits, cached statistics): Redis when REDIS_URL is set, else per-process memory.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # Django's default holds 300 entries, fewer than the search's per-word lookups of a busy minute (search/vocabulary.py).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("LOCAL_CACHE_MAX_ENTRIES") or 20000)},
        }
    }

# A caching proxy in front (deploy/nginx/): public pages say how long a shared cache may keep them
# (website/cache_headers.py), and Wagtail purges them from the proxy on publish, unpublish, move and delete
# (website/frontend_cache.py) when FRONTEND_CACHE_PURGE_URLS lists the proxies' purge addresses (comma-separated).
PUBLIC_PAGE_CACHE_SECONDS = int(os.environ.get("PUBLIC_PAGE_CACHE_SECONDS") or 300)
FRONTEND_CACHE_PURGE_URLS = env_list("FRONTEND_CACHE_PURGE_URLS")
if FRONTEND_CACHE_PURGE_URLS:
    WAGTAILFRONTENDCACHE = {
        f"proxy{number}": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": url}
        for number, url in enumerate(FRONTEND_CACHE_PURGE_URLS, start=1)
    }
    # Each translation is a page of its own with its own address, purged when it changes: no per-language copies.
    WAGTAILFRONTENDCACHE_LANGUAGES = []

# Wagtail
WAGTAIL_SITE_NAME = "CBP: Shop safe online"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Wagtail's own admin search stays on the database; the public library search
# uses Elasticsearch directly through the `search` app when ELASTICSEARCH_URL is set.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Elasticsearch (optional). Unset: the site answers from Wagtail's database search.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "cbp-ecommerce")
ELASTICSEARCH_TIMEOUT = float(os.environ.get("ELASTICSEARCH_TIMEOUT", "5"))
# Copies of each index kept on other nodes: 0 on one node; 1 on a cluster of two or more (deploy/, docs/deployment.md).
ELASTICSEARCH_REPLICAS = int(os.environ.get("ELASTICSEARCH_REPLICAS") or 0)
# Where `manage.py backup` writes Elasticsearch snapshots: a folder under every node's path.repo, shared by all
# nodes and the machine running the backup. Unset: backups hold no snapshot and `restore` rebuilds the indexes.
ELASTICSEARCH_SNAPSHOT_PATH = os.environ.get("ELASTICSEARCH_SNAPSHOT_PATH", "")
# Library search speed (search/lookups.py, search/analytics.py): seconds topics, synonyms and promoted queries
# stay cached (dropped at once on edit in this process; other processes see edits after at most this long unless
# CACHES is shared), and seconds search counts wait in memory before the background worker adds them.
SEARCH_LOOKUP_CACHE_SECONDS = int(os.environ.get("SEARCH_LOOKUP_CACHE_SECONDS") or 60)
SEARCH_ANALYTICS_FLUSH_SECONDS = int(os.environ.get("SEARCH_ANALYTICS_FLUSH_SECONDS") or 30)
# Seconds an answer from Elasticsearch is kept for the same search asked again (search/results_cache.py: a write to
# the index, a synonym or a topic edit starts afresh); 0 keeps nothing.
SEARCH_RESULTS_CACHE_SECONDS = int(os.environ.get("SEARCH_RESULTS_CACHE_SECONDS") or 30)
# Ranking (search/vocabulary.py): a word in at least this share of a language's articles is generic (counts
# little), learned only once a language has this many articles; what was learned is cached this long.
SEARCH_GENERIC_WORD_SHARE = float(os.environ.get("SEARCH_GENERIC_WORD_SHARE", "0.45"))
SEARCH_GENERIC_MIN_ARTICLES = int(os.environ.get("SEARCH_GENERIC_MIN_ARTICLES", "5"))
SEARCH_VOCABULARY_CACHE_SECONDS = int(os.environ.get("SEARCH_VOCABULARY_CACHE_SECONDS", "300"))
# Spelling (search/dictionary.py): a word seen at least this many times in the English or Spanish word list is a
# real word, searched as typed and never "corrected" into a word the library holds.
SEARCH_DICTIONARY_MIN_COUNT = int(os.environ.get("SEARCH_DICTIONARY_MIN_COUNT", "50"))
# Matching by meaning (search/meaning.py): articles and queries as vectors, fused with the words' ranking on
# Elasticsearch. "false" turns it off (words only, as before); it is off too when the encoder package is missing.
SEARCH_VECTORS = os.environ.get("SEARCH_VECTORS", "true").strip().lower() not in {"0", "false", "no", "off"}

# Reports of counterfeit purchases (the `reports` app). Their files hold personal data: they live
# outside MEDIA_ROOT, are never served directly, and only staff will reach them through a checked view.
REPORT_FILES_ROOT = Path(os.environ.get("REPORT_FILES_ROOT") or BASE_DIR / "var" / "report-files")
# The address used for links in confirmation emails.
REPORTS_BASE_URL = os.environ.get("REPORTS_BASE_URL") or WAGTAILADMIN_BASE_URL
# How many proxies in front of the site append to X-Forwarded-For. 0: use REMOTE_ADDR only (safe default).
REPORTS_TRUSTED_PROXY_COUNT = int(os.environ.get("REPORTS_TRUSTED_PROXY_COUNT") or "0")

# The staff triage queue (the `triage` app): days staff have to act on a report before it is flagged overdue.
TRIAGE_TARGET_DAYS_URGENT = int(os.environ.get("TRIAGE_TARGET_DAYS_URGENT", "2"))
TRIAGE_TARGET_DAYS = int(os.environ.get("TRIAGE_TARGET_DAYS", "10"))
# Reports per page of the triage queue (tests page through a few reports with a smaller one).
TRIAGE_QUEUE_PAGE_SIZE = 50
# Days after closing before `purge_reporter_data` (run from cron) removes reporter contact details.
TRIAGE_CONTACT_RETENTION_DAYS = int(os.environ.get("TRIAGE_CONTACT_RETENTION_DAYS", "365"))
# Bulk jobs (bulk actions, purges, CSV exports) run in the background worker in batches of this many reports,
# each batch in its own transaction. Finished CSV exports are kept in TRIAGE_EXPORTS_ROOT (private: never
# served directly, only to the officer who asked, through a checked view).
TRIAGE_BULK_BATCH_SIZE = int(os.environ.get("TRIAGE_BULK_BATCH_SIZE") or "1000")
TRIAGE_EXPORTS_ROOT = Path(os.environ.get("TRIAGE_EXPORTS_ROOT") or BASE_DIR / "var" / "triage-exports")
# Hours a finished export's file is kept before `purge_triage_exports` (daily) deletes it.
TRIAGE_EXPORT_KEEP_HOURS = int(os.environ.get("TRIAGE_EXPORT_KEEP_HOURS", "72"))
# A running bulk job the worker has said nothing about for this many minutes is marked failed by
# `fail_stalled_jobs` (every 5 minutes): its worker was stopped mid-job. Each batch records progress.
TRIAGE_BULK_STALL_MINUTES = int(os.environ.get("TRIAGE_BULK_STALL_MINUTES") or "30")


def env_rate(name, default):
    """A rate limit written as "COUNT/SECONDS", e.g. "10/3600"."""
    count, _separator, seconds = (os.environ.get(name) or default).partition("/")
    return int(count), int(seconds)


# Per client (a hash of its IP address). Over the limit: 429 with Retry-After.
REPORT_RATE_LIMITS = {
    "submit": env_rate("REPORT_RATE_SUBMIT", "10/3600"),
    "upload": env_rate("REPORT_RATE_UPLOAD", "30/3600"),
    "status": env_rate("REPORT_RATE_STATUS", "20/600"),
    "status_failure": env_rate("REPORT_RATE_STATUS_FAILURE", "5/600"),
    "addition": env_rate("REPORT_RATE_ADDITION", "10/3600"),
    # Per partner API key, every call counted.
    "partner_api": env_rate("PARTNER_API_RATE", "120/60"),
    # Per client address, calls to the partner API with a missing or wrong key.
    "partner_api_failure": env_rate("PARTNER_API_FAILURE_RATE", "30/600"),
    # Per client address, calls to the importer verification API (/api/v1/importers/verify/<id>).
    "importer_verify": env_rate("IMPORTER_VERIFY_RATE", "60/600"),
    # Per organisation, CSV files of reports sent in the partner portal.
    "partner_csv": env_rate("PARTNER_CSV_RATE", "20/3600"),
    # Per client address, and per email address typed, forgotten-password emails from the partner portal.
    "portal_password_reset": env_rate("PORTAL_PASSWORD_RESET_RATE", "5/3600"),
}
# Importers in the partner portal: how many days before "valid until" the portal asks them to renew.
IMPORTER_RENEWAL_NOTICE_DAYS = int(os.environ.get("IMPORTER_RENEWAL_NOTICE_DAYS") or 90)
# Seconds the public weekly statistics are cached (0: computed on every request).
STATISTICS_CACHE_SECONDS = int(os.environ.get("STATISTICS_CACHE_SECONDS") or 3600)
# Days the partner API call log is kept (`manage.py purge_api_calls`, from cron).
PARTNER_API_LOG_RETENTION_DAYS = int(os.environ.get("PARTNER_API_LOG_RETENTION_DAYS") or 400)
# Partner portal: a referral without an answer after this many days is "overdue" (the inbox, the scorecards).
PARTNER_RESPONSE_TARGET_DAYS = int(os.environ.get("PARTNER_RESPONSE_TARGET_DAYS", "15"))
# Partner portal: the largest CSV of reports a marketplace or carrier may upload (rows: partners.operations).
PARTNER_CSV_MAX_BYTES = int(os.environ.get("PARTNER_CSV_MAX_BYTES") or 2 * 1024 * 1024)
# Request size limits. A report may carry 5 files of 10 MB; anything bigger than this is refused with 413.
REPORT_MAX_REQUEST_BYTES = int(os.environ.get("REPORT_MAX_REQUEST_BYTES") or 55 * 1024 * 1024)

# Notice of new referrals (webhooks/): webhook addresses must be https and public (never loopback or private
# networks: protection against server-side request forgery); tests turn it off for a receiver on 127.0.0.1.
WEBHOOK_REQUIRE_PUBLIC_HTTPS = env_bool("WEBHOOK_REQUIRE_PUBLIC_HTTPS", True)
# Seconds a receiver has to answer one delivery try.
WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS") or 10)
# Days finished webhook deliveries (received or failed) stay in the delivery log (`manage.py purge_webhook_log`).
WEBHOOK_LOG_RETENTION_DAYS = int(os.environ.get("WEBHOOK_LOG_RETENTION_DAYS") or 90)
# Hours a rotated webhook secret keeps signing beside the new one (both signatures in webhook-signature), so a
# receiver not yet given the new secret still verifies deliveries meanwhile.
WEBHOOK_SECRET_GRACE_HOURS = int(os.environ.get("WEBHOOK_SECRET_GRACE_HOURS") or 24)

# /readyz answers 503 when the oldest index update (search outbox) has waited longer than this many seconds; a
# background task waiting longer than HEALTH_TASK_MAX_AGE_SECONDS is reported in /readyz without failing it, and
# makes /readyz/worker answer 503 (website/health.py).
HEALTH_OUTBOX_MAX_AGE_SECONDS = int(os.environ.get("HEALTH_OUTBOX_MAX_AGE_SECONDS") or 900)
HEALTH_TASK_MAX_AGE_SECONDS = int(os.environ.get("HEALTH_TASK_MAX_AGE_SECONDS") or 900)
# The background worker writes a heartbeat every WORKER_HEARTBEAT_SECONDS; /readyz reports it down (without
# failing: see website/health.py) when the newest is older than HEALTH_WORKER_MAX_AGE_SECONDS.
WORKER_HEARTBEAT_SECONDS = int(os.environ.get("WORKER_HEARTBEAT_SECONDS") or 30)
HEALTH_WORKER_MAX_AGE_SECONDS = int(os.environ.get("HEALTH_WORKER_MAX_AGE_SECONDS") or 180)

# Security headers sent with every answer (public pages, admin, API): website/settings/security_headers.py.
from .security_headers import *  # noqa: E402, F403

# Staff accounts (the `accounts` app). Everyone who signs in to /admin/ needs a second factor
# (accounts/middleware.py); sign-in is throttled by django-axes, per account and per client address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("STAFF_SIGNIN_FAILURE_LIMIT") or 5)
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("STAFF_SIGNIN_LOCKOUT_MINUTES") or 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "reports.ratelimits.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockouts.lockout_response"
# Form fields never stored in the failure records (the password and the second-factor codes).
AXES_SENSITIVE_PARAMETERS = ["password", "code", "app-code", "recovery-recovery_code"]
# Who a locked-out or locked-in person should contact (shown on the sign-in and second-factor pages).
STAFF_SUPPORT_CONTACT = os.environ.get("STAFF_SUPPORT_CONTACT") or _("a site administrator")
# Usernames that skip the second factor. Only honoured with DEBUG on; production refuses any.
STAFF_SECOND_FACTOR_EXEMPT_USERNAMES = []
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER") or WAGTAIL_SITE_NAME
# After a wrong code a device waits 1, 2, 4, 8... seconds (django-otp); wrong codes also count as sign-in failures.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# Passkeys and security keys (django-otp-webauthn), only as a second factor after the password. Browsers
# allow them on https:// or on http://localhost, so the development address 127.0.0.1 becomes localhost.
_admin_address = urlsplit(WAGTAILADMIN_BASE_URL)
_passkey_host = "localhost" if _admin_address.hostname in ("127.0.0.1", "::1") else _admin_address.hostname
OTP_WEBAUTHN_RP_ID = os.environ.get("OTP_WEBAUTHN_RP_ID") or _passkey_host
OTP_WEBAUTHN_RP_NAME = WAGTAIL_SITE_NAME
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list("OTP_WEBAUTHN_ALLOWED_ORIGINS") or [
    f"{_admin_address.scheme}://{_passkey_host}" + (f":{_admin_address.port}" if _admin_address.port else "")
]
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

# The partner portal (portal/): days an invitation link works, the latest date an administrator may let a replaced
# API key keep working (days from today), and the address used in invitation emails.
PORTAL_INVITATION_DAYS = int(os.environ.get("PORTAL_INVITATION_DAYS") or 7)
PORTAL_KEY_OVERLAP_MAX_DAYS = int(os.environ.get("PORTAL_KEY_OVERLAP_MAX_DAYS") or 90)
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL") or WAGTAILADMIN_BASE_URL

# Log lines: "plain" text (the default) or "json", one object per line with a request_id (production's default).
LOG_FORMAT = os.environ.get("LOG_FORMAT") or "plain"
if LOG_FORMAT not in ("plain", "json"):
    raise ValueError(f"LOG_FORMAT must be plain or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Every handler carries the redaction filter: no email, phone, receipt key or reset link in any line,
    # and the request id of the request being answered (website/request_ids.py).
    "filters": {
        "redact": {"()": "website.logging_filters.RedactPersonalData"},
        "request_id": {"()": "website.request_ids.RequestIdFilter"},
    },
    "formatters": {
        "plain": {
            "()": "logging.Formatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s",
            "defaults": {"request_id": "-"},
        },
        "json": {"()": "website.json_logs.JsonLogFormatter"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["redact", "request_id"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "django.server",
            "filters": ["redact", "request_id"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own loggers go to the root's redacting handler only (not Django's default, unfiltered ones).
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "elastic_transport": {"level": "WARNING"},
        "elasticsearch": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
