"""The one rule for "Elasticsearch is not available" (search/fallback.py applies it for every reader).

Unavailable means the cluster cannot answer right now: it is unreachable, too slow (timeout), overloaded or
broken (HTTP 5xx, 429 Too Many Requests), or the index is missing (not built yet, or deleted). Any other error
(a 400 for a malformed query, a 401/403 for wrong credentials) is a bug or a misconfiguration and is raised.
"""

from elastic_transport import SerializationError
from elasticsearch import ApiError, NotFoundError, TransportError

# What an Elasticsearch call may raise; `is_unavailable` tells which of these mean "answer from the database".
ELASTICSEARCH_ERRORS = (ApiError, TransportError, ConnectionError)


def is_unavailable(error):
    if isinstance(error, SerializationError):
        return False
    if isinstance(error, (TransportError, ConnectionError)):
        return True  # connection refused or reset, DNS, TLS, timeouts
    if isinstance(error, NotFoundError):
        return error.error == "index_not_found_exception"
    if isinstance(error, ApiError):
        return error.status_code == 429 or error.status_code >= 500
    return False
