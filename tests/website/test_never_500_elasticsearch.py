"""Query syntax with Elasticsearch on: the library search and autocomplete answer 200, never a 500."""

import pytest

from tests.factories import ArticlePageFactory, publish
from tests.website.test_never_500 import PUBLIC_SEARCHES, QUERY_SYNTAX

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.elasticsearch]


def test_query_syntax_with_elasticsearch(client, site_tree, search_index):
    publish(ArticlePageFactory(parent=site_tree["en"][1], live=False, title="Fake chargers", summary="They burn."))
    search_index.refresh()
    found = client.get("/api/search", {"q": '"fake chargers'}).json()
    assert found["backend"] == "elasticsearch"
    assert [hit["title"] for hit in found["results"]] == ["Fake chargers"]
    for query in [*QUERY_SYNTAX, "a~" * 90, "(" * 150, "* " * 99, "chargers^999999"]:
        for url in PUBLIC_SEARCHES:
            response = client.get(url, {"q": query})
            assert response.status_code == 200, (url, query, response.content[:300])
