import json

import pytest
from django.core.management import CommandError, call_command

from library.markdown_blocks import markdown_to_blocks
from library.models import ArticlePage, Topic


def line(**fields):
    record = {
        "slug": "chargers-that-catch-fire",
        "title": "Chargers that catch fire",
        "summary": "Counterfeit phone chargers skip the parts that stop overheating.",
        "body": "## Why it matters\nCheap chargers **overheat**.\n\n- Check the weight\n- Look for a UL mark",
        "topics": ["Electronics & batteries"],
        "kind": "alert",
        "audience": ["consumers"],
        "language": "en",
        "published_at": "2026-03-02",
    }
    record.update(fields)
    return json.dumps({k: v for k, v in record.items() if v is not None})


def run_import(tmp_path, *lines):
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err = _Buffer(), _Buffer()
    try:
        call_command("import_library", str(path), stdout=out, stderr=err)
        failed = False
    except CommandError:
        failed = True
    return out.text, err.text, failed


class _Buffer:
    def __init__(self):
        self.text = ""

    def write(self, text):
        self.text += text

    def flush(self):
        pass


@pytest.mark.django_db
def test_a_good_file_creates_published_articles_with_blocks(tmp_path, site_tree):
    out, err, failed = run_import(tmp_path, line())
    assert not failed, err
    article = ArticlePage.objects.get(slug="chargers-that-catch-fire")
    assert article.live
    assert article.first_published_at.date().isoformat() == "2026-03-02"
    assert article.get_parent().specific == site_tree["en"][1]
    assert [t.name for t in article.topics.all()] == ["Electronics & batteries"]
    assert [a.slug for a in article.audience.all()] == ["consumers"]
    assert [b.block_type for b in article.body] == ["heading", "paragraph"]
    assert "<b>overheat</b>" in article.body[1].value.source
    assert "1 created, 0 updated, 0 unchanged, 0 failed" in out


@pytest.mark.django_db
def test_bad_lines_are_reported_with_their_numbers_and_good_lines_still_import(tmp_path, site_tree):
    out, err, failed = run_import(
        tmp_path,
        line(),
        "{not json",
        line(slug="missing-kind", kind="poem"),
        line(slug="no-topics", topics=[]),
        line(slug="long-summary", summary="x" * 301),
        line(title="Chargers again"),  # same slug as line 1
        line(slug="bad-date", published_at="02/03/2026"),
        line(slug="Bad Slug"),
        line(slug="unknown-language", language="fr"),
    )
    assert failed
    assert "line 2: not valid JSON" in err
    assert "line 3:" in err and "'kind' must be one of" in err
    assert "line 4:" in err and "'topics'" in err
    assert "line 5:" in err and "limit is 300" in err
    assert "line 6:" in err and "already used on line 1" in err
    assert "line 7:" in err and "YYYY-MM-DD" in err
    assert "line 8:" in err and "'slug'" in err
    assert "line 9:" in err and "'language'" in err
    assert list(ArticlePage.objects.values_list("slug", flat=True)) == ["chargers-that-catch-fire"]
    assert "1 created, 0 updated, 0 unchanged, 8 failed" in out


@pytest.mark.django_db
def test_importing_twice_changes_nothing(tmp_path, site_tree):
    lines = [line(), line(slug="a-draft", title="A draft", published_at=None)]
    run_import(tmp_path, *lines)
    urls = sorted(page.url for page in ArticlePage.objects.all())
    revisions = sum(page.revisions.count() for page in ArticlePage.objects.all())

    out, _, failed = run_import(tmp_path, *lines)
    assert not failed
    assert "0 created, 0 updated, 2 unchanged" in out
    assert sorted(page.url for page in ArticlePage.objects.all()) == urls
    assert sum(page.revisions.count() for page in ArticlePage.objects.all()) == revisions
    assert ArticlePage.objects.count() == 2


@pytest.mark.django_db
def test_a_changed_line_updates_the_article_with_a_new_revision(tmp_path, site_tree):
    run_import(tmp_path, line())
    out, _, _ = run_import(tmp_path, line(title="Chargers that can catch fire"))
    article = ArticlePage.objects.get(slug="chargers-that-catch-fire")
    assert "1 updated" in out
    assert article.title == "Chargers that can catch fire"
    assert article.revisions.count() == 2
    assert ArticlePage.objects.count() == 1


@pytest.mark.django_db
def test_a_line_without_a_date_is_saved_as_a_draft(tmp_path, site_tree):
    run_import(tmp_path, line(slug="not-yet", published_at=None))
    article = ArticlePage.objects.get(slug="not-yet")
    assert not article.live
    assert article.has_unpublished_changes


@pytest.mark.django_db
def test_slug_comes_from_the_title_when_absent_and_topics_are_created(tmp_path, site_tree):
    run_import(tmp_path, line(slug=None, title="Fake Cosmetics: Lead & Mercury", topics=["Brand new topic"]))
    assert ArticlePage.objects.filter(slug="fake-cosmetics-lead-mercury").exists()
    assert Topic.objects.get(name="Brand new topic").slug == "brand-new-topic"


@pytest.mark.django_db
def test_spanish_articles_live_in_the_spanish_library(tmp_path, site_tree):
    run_import(tmp_path, line(slug="cargadores-falsos", title="Cargadores falsos", language="es"))
    article = ArticlePage.objects.get(slug="cargadores-falsos")
    assert article.locale.language_code == "es"
    assert article.get_parent().specific == site_tree["es"][1]
    assert article.url.startswith("/es/")


def test_markdown_becomes_headings_and_rich_text():
    blocks = markdown_to_blocks(
        "Intro with a [link](https://www.cbp.gov) and *care*.\n\n"
        "## First\n\n1. one\n2. two\n\n### Detail\n\nText <script>alert(1)</script>"
    )
    assert [b[0] for b in blocks] == ["paragraph", "heading", "paragraph", "heading", "paragraph"]
    assert '<a href="https://www.cbp.gov">link</a>' in blocks[0][1]
    assert "<i>care</i>" in blocks[0][1]
    assert blocks[1][1] == {"text": "First", "level": "h2"}
    assert "<ol>" in blocks[2][1]
    assert blocks[3][1]["level"] == "h3"
    assert "<script>" not in blocks[4][1]


@pytest.mark.django_db
def test_a_spanish_translation_is_linked_to_its_english_original(tmp_path, site_tree):
    run_import(
        tmp_path,
        line(),
        line(
            slug="cargadores-falsos",
            title="Cargadores falsos",
            language="es",
            translation_of="chargers-that-catch-fire",
        ),
    )
    english = ArticlePage.objects.get(slug="chargers-that-catch-fire")
    spanish = ArticlePage.objects.get(slug="cargadores-falsos")
    assert [page.pk for page in english.get_translations()] == [spanish.pk]

    _, err, failed = run_import(tmp_path, line(slug="huerfano", language="es", translation_of="no-such-article"))
    assert failed and "import the original first" in err
