"""A chunked body through a real gunicorn: it passes no CONTENT_LENGTH, so Django would read an empty body.

The site answers 411 Length Required before reading anything (website/chunked_bodies.py), so no database is
needed: gunicorn runs the test settings against whatever database the environment names.
"""

import http.client
import json

import pytest

from tests.gunicorn_support import running_gunicorn


@pytest.fixture(scope="module")
def gunicorn():
    with running_gunicorn() as port:
        yield port


def send_chunked(port, path, body, content_type):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        # encode_chunked with no Content-Length: http.client sends "Transfer-Encoding: chunked".
        connection.request(
            "POST",
            path,
            body=iter([body[:10], body[10:]]),
            headers={"Content-Type": content_type},
            encode_chunked=True,
        )
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


@pytest.mark.parametrize("path", ["/api/reports", "/api/v1/reports"])
def test_a_chunked_json_body_through_gunicorn_is_a_411_with_a_json_error(gunicorn, path):
    body = json.dumps({"description": "A charger that melted in the socket."}).encode()
    status, headers, text = send_chunked(gunicorn, path, body, "application/json")
    assert status == 411
    assert headers["Content-Type"] == "application/json"
    assert "Content-Length" in json.loads(text)["error"]
    assert "not valid JSON" not in text


def test_a_chunked_form_through_gunicorn_is_a_411_page(gunicorn):
    status, headers, text = send_chunked(
        gunicorn, "/report/what-you-bought/", b"description=a+charger+that+melted", "application/x-www-form-urlencoded"
    )
    assert status == 411
    assert headers["Content-Type"].startswith("text/html")
    assert "Send the request with its length" in text
