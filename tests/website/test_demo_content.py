import io

import pytest
from django.core.management import call_command

from library.models import ArticlePage, ProductCategory, Topic

pytestmark = pytest.mark.django_db


def test_demo_content_loads_once_and_only_once():
    call_command("load_demo_content", stdout=io.StringIO())
    articles = ArticlePage.objects.count()
    counts = (articles, Topic.objects.count(), ProductCategory.objects.count())

    assert articles >= 30
    assert Topic.objects.filter(articlepage__live=True).distinct().count() >= 10
    assert ArticlePage.objects.live().filter(locale__language_code="es").count() >= 3
    assert ArticlePage.objects.filter(live=False).exists()  # drafts stay drafts

    call_command("load_demo_content", stdout=io.StringIO())
    assert (ArticlePage.objects.count(), Topic.objects.count(), ProductCategory.objects.count()) == counts


def test_the_demo_admin_is_refused_outside_development(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("load_demo_content", "--with-demo-admin", stdout=io.StringIO())


def test_every_link_between_demo_articles_leads_somewhere(client):
    import re

    from django.conf import settings

    call_command("load_demo_content", stdout=io.StringIO())
    source = (settings.BASE_DIR / "library" / "fixtures" / "demo_articles.jsonl").read_text()
    paths = sorted(set(re.findall(r"\]\((/(?:library|es/biblioteca)/[^)]*)\)", source)))
    assert paths
    broken = [path for path in paths if client.get(path).status_code != 200]
    assert broken == []
