"""What editors get in the admin for search: the query report, synonyms and best bets."""

import pytest

from search.analytics import flush, record_search
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_editors_see_top_and_zero_result_queries(client, site_tree):
    for _ in range(3):
        record_search("fake airpods", 4)
    record_search("ozempic dupes", 0)
    flush()  # what happens after a search's response is sent
    client.force_login(UserFactory(groups=["Editors"]))

    report = client.get("/admin/reports/search-queries/")
    assert report.status_code == 200
    text = report.text
    assert text.index("fake airpods") < text.index("ozempic dupes")  # most searched first

    zero_only = client.get("/admin/reports/search-queries/", {"zero_results": "true"}).text
    assert "ozempic dupes" in zero_only and "fake airpods" not in zero_only

    export = client.get("/admin/reports/search-queries/", {"export": "csv"})
    assert export.status_code == 200
    assert b"fake airpods,3,0,4" in b"".join(export.streaming_content)


def test_people_without_the_permission_cannot_see_the_report(client, site_tree):
    client.force_login(UserFactory())  # no group
    response = client.get("/admin/reports/search-queries/")
    assert response.status_code in (302, 403)


def test_editors_maintain_synonyms_and_moderators_pin_best_bets(site_tree):
    editor = UserFactory(groups=["Editors"])
    moderator = UserFactory(groups=["Moderators"])
    assert editor.has_perm("search.change_synonymgroup")
    assert moderator.has_perm("wagtailsearchpromotions.add_searchpromotion")
    assert not editor.has_perm("wagtailsearchpromotions.add_searchpromotion")


def test_a_synonym_group_needs_two_terms(client, site_tree):
    client.force_login(UserFactory(groups=["Editors"]))
    response = client.post("/admin/snippets/search/synonymgroup/add/", {"terms": "lonely", "note": ""})
    assert response.status_code == 200
    assert "List at least two words" in response.text
