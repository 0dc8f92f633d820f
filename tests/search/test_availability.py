"""The one "is Elasticsearch available" rule, tried against real failures: a closed port, a node that never
answers, a missing index, and a malformed query (a bug, which must not be hidden behind the fallback)."""

import socket

import pytest
from elastic_transport import ApiResponseMeta, HttpHeaders, NodeConfig
from elasticsearch import ApiError, BadRequestError

from search.availability import ELASTICSEARCH_ERRORS, is_unavailable
from search.connection import get_client
from search.fallback import with_fallback

pytestmark = pytest.mark.elasticsearch


def error_from(call):
    with pytest.raises(ELASTICSEARCH_ERRORS) as raised:
        call()
    return raised.value


def test_a_closed_port_is_unavailable(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    assert is_unavailable(error_from(lambda: get_client().search(index="anything")))


def test_a_node_that_never_answers_is_unavailable(settings):
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # accepts connections, never answers
    try:
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.ELASTICSEARCH_TIMEOUT = 0.5
        error = error_from(lambda: get_client().search(index="anything"))
        assert type(error).__name__ == "ConnectionTimeout"
        assert is_unavailable(error)
        assert with_fallback(lambda: get_client().search(index="anything"), lambda: "database", "a test") == "database"
    finally:
        silent.close()


def test_a_missing_index_is_unavailable(settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    error = error_from(lambda: get_client().search(index="test-no-such-index-anywhere"))
    assert is_unavailable(error)


def test_a_malformed_query_is_a_bug_and_is_raised(settings, search_index):
    def broken_query():
        return get_client().search(index=search_index.alias, body={"query": {"no_such_query": {}}})

    error = error_from(broken_query)
    assert isinstance(error, BadRequestError)
    assert not is_unavailable(error)
    with pytest.raises(BadRequestError):
        with_fallback(broken_query, lambda: "database", "a test")


@pytest.mark.parametrize(("status", "unavailable"), [(429, True), (500, True), (503, True), (403, False)])
def test_overload_and_server_errors_are_unavailable(status, unavailable):
    # The statuses a healthy test node will not produce on demand, as the client would raise them.
    meta = ApiResponseMeta(
        status=status, http_version="1.1", headers=HttpHeaders(), duration=0.0, node=NodeConfig("http", "x", 9200)
    )
    assert is_unavailable(ApiError("error", meta=meta, body={})) is unavailable


def test_elasticsearch_switched_off_answers_from_the_database(settings):
    settings.ELASTICSEARCH_URL = ""
    assert with_fallback(lambda: 1 / 0, lambda: "database", "a test") == "database"
