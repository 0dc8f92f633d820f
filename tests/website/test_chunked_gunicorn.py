"""A chunked body through a real gunicorn: it passes no CONTENT_LENGTH, so Django would read an empty body.

The site answers 411 Length Required before reading anything (website/chunked_bodies.py), so no database is
needed: gunicorn runs the test settings against whatever database the environment names.
"""

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn():
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "website.settings.test"}
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [Path(sys.executable).parent / "gunicorn", "website.wsgi:application", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not start: {process.stderr.read().decode()[-2000:]}")
                time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


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
