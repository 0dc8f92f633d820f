"""The article form asks for kind, topics and audience on the Content tab, beside the summary."""

import re

import pytest

from tests.factories import ArticlePageFactory, UserFactory

pytestmark = pytest.mark.django_db


def tab(html, name):
    match = re.search(rf'<section[^>]*id="tab-{name}".*?(?=<section[^>]*id="tab-|\Z)', html, re.S)
    return match.group(0)


def test_classification_is_on_the_content_tab_as_checkboxes(client, site_tree):
    article = ArticlePageFactory(parent=site_tree["en"][1])
    client.force_login(UserFactory(groups=["Editors"]))
    html = client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    content, promote = tab(html, "content"), tab(html, "promote")
    summary_at = content.index('name="summary"')
    for field in ("kind", "topics", "audience"):
        assert f'name="{field}"' in content, field
        assert f'name="{field}"' not in promote, field
        assert content.index(f'name="{field}"') > summary_at
    assert re.search(r'<input type="checkbox" name="topics"', content)
    assert re.search(r'<input type="checkbox" name="audience"', content)
    assert not re.search(r'<select[^>]*name="topics"', html)
