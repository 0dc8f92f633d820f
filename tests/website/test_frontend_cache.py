"""Public pages are purged from the caching proxy when what they show changes: publish, unpublish, move, delete.

The proxy here is a small real HTTP server that records the PURGE requests Wagtail's HTTP purge backend sends
(what nginx's cache-purge location receives in deploy/nginx/). Without FRONTEND_CACHE_PURGE_URLS nothing is sent.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from wagtail.models import Page

from tests.factories import ArticlePageFactory, publish

pytestmark = pytest.mark.django_db


class PurgeRecorder(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def proxy():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def purging(settings, proxy):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy1": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{proxy.server_port}",
        }
    }
    return proxy


def paths(proxy):
    purged = {path for _host, path in proxy.purged}
    proxy.purged.clear()
    return purged


@pytest.fixture
def library(site_tree):
    return site_tree["en"][1]


def test_publishing_purges_the_page_and_the_pages_that_list_it(purging, library):
    article = publish(ArticlePageFactory(parent=library, slug="power-banks", live=False))
    assert {"/library/power-banks/", "/library/", "/"} <= paths(purging)
    hosts = {host for host, _path in purging.purged}
    assert hosts <= {library.get_site().hostname}

    article.title = "Power banks that swell"
    publish(article)
    assert "/library/power-banks/" in paths(purging)


def test_unpublishing_purges_the_page(purging, library):
    article = publish(ArticlePageFactory(parent=library, slug="power-banks"))
    paths(purging)
    article.unpublish()
    assert {"/library/power-banks/", "/library/"} <= paths(purging)


def test_a_new_slug_purges_the_old_address(purging, library, django_capture_on_commit_callbacks):
    article = publish(ArticlePageFactory(parent=library, slug="power-banks"))
    paths(purging)
    article.slug = "swelling-power-banks"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail says "slug changed" once committed
        publish(article)
    assert {"/library/power-banks/", "/library/swelling-power-banks/"} <= paths(purging)


def test_moving_purges_the_old_and_the_new_addresses(purging, site_tree, library):
    article = publish(ArticlePageFactory(parent=library, slug="power-banks"))
    spanish_library = site_tree["es"][1]
    paths(purging)
    article.move(spanish_library, pos="last-child")
    purged = paths(purging)
    assert "/library/power-banks/" in purged
    assert any(path.endswith("/power-banks/") and path != "/library/power-banks/" for path in purged), purged


def test_deleting_purges_the_page_and_its_parents(purging, library):
    article = publish(ArticlePageFactory(parent=library, slug="power-banks"))
    paths(purging)
    Page.objects.get(pk=article.pk).delete()
    assert {"/library/power-banks/", "/library/"} <= paths(purging)


def test_the_site_alert_banner_purges_every_page(purging, library):
    from website.models import SiteBanner

    publish(ArticlePageFactory(parent=library, slug="power-banks"))
    paths(purging)
    SiteBanner.objects.create(enabled=True, heading="Fake chargers recall", text="Stop using them.")
    assert {"/", "/library/", "/library/power-banks/", "/es/", "/es/biblioteca/"} <= paths(purging)


def test_nothing_is_sent_without_a_proxy_to_purge(proxy, library):
    publish(ArticlePageFactory(parent=library, slug="power-banks"))
    assert proxy.purged == []
