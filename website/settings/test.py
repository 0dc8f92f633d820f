"""Settings for `make test`. PostgreSQL when DATABASE_URL is set, SQLite otherwise."""

import os
import uuid

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Tests always talk to a real Elasticsearch (started by `make test`), each run
# under its own index prefix so runs never see each other's documents.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "http://127.0.0.1:9200")
ELASTICSEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:8]}"

# Each test sees the statistics of its own data (test_api checks the cache on its own).
STATISTICS_CACHE_SECONDS = 0

# Each test sees its own topics and synonyms, and its search counts once its request has finished.
SEARCH_LOOKUP_CACHE_SECONDS = 0
SEARCH_ANALYTICS_FLUSH_SECONDS = 0
# Every search asks the index (tests of the results cache, tests/search/test_results_cache.py, turn it on).
SEARCH_RESULTS_CACHE_SECONDS = 0
# The words' ranking is tested on its own; tests of matching by meaning (tests/search/test_meaning.py) turn it on.
SEARCH_VECTORS = False

# Webhook tests send to a real receiver on 127.0.0.1 (tests/webhooks/receiver.py); the address checks have their own tests.
WEBHOOK_REQUIRE_PUBLIC_HTTPS = False

# A worker started by a test beats once when it starts; its thread's later beats (own connection) would wait on rows
# the test's transaction holds. Tests of the thread pass their own interval.
WORKER_HEARTBEAT_SECONDS = 3600
