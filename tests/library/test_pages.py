import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from library.models import ArticlePage, Kind, LibraryIndexPage
from tests.factories import ArticlePageFactory, TopicFactory, publish
from tests.verified_client import VerifiedClient
from website.models import HomePage
from website.site_tree import ensure_site_tree


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_holds_only_the_library(self):
        self.assertAllowedSubpageTypes(HomePage, {LibraryIndexPage})
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_library_holds_only_articles(self):
        self.assertAllowedSubpageTypes(LibraryIndexPage, {ArticlePage})
        self.assertAllowedParentPageTypes(LibraryIndexPage, {HomePage})

    def test_articles_live_in_the_library_and_have_no_children(self):
        self.assertAllowedParentPageTypes(ArticlePage, {LibraryIndexPage})
        self.assertAllowedSubpageTypes(ArticlePage, set())

    def test_an_article_cannot_be_created_under_the_home_page(self):
        self.assertCanNotCreateAt(HomePage, ArticlePage)
        self.assertCanCreateAt(LibraryIndexPage, ArticlePage)


class EditorCreatesArticleTests(WagtailPageTestCase):
    client_class = VerifiedClient  # signed in past the second factor, which tests/accounts/ test

    def setUp(self):
        self.login()
        self.tree = ensure_site_tree()

    def test_an_article_is_created_through_the_admin_with_streamfield_blocks(self):
        library = self.tree["en"][1]
        topic = TopicFactory(name="Electronics & batteries")
        self.assertCanCreate(
            library,
            ArticlePage,
            nested_form_data(
                {
                    "title": "Power banks that swell",
                    "slug": "power-banks-that-swell",
                    "summary": "A swollen power bank can catch fire.",
                    "kind": Kind.ALERT,
                    "topics": topic.pk,
                    "body": streamfield(
                        [
                            ("heading", {"text": "What to do", "level": "h2"}),
                            ("paragraph", rich_text("<p>Stop using it.</p>")),
                        ]
                    ),
                    "related_links": inline_formset([]),
                }
            ),
        )
        article = ArticlePage.objects.get(slug="power-banks-that-swell")
        assert [block.block_type for block in article.body] == ["heading", "paragraph"]


@pytest.mark.django_db
def test_public_pages_render(client, site_tree):
    library = site_tree["en"][1]
    topic = TopicFactory(name="Toys & children's products", slug="toys")
    article = ArticlePageFactory(
        parent=library,
        title="Magnets in toys",
        summary="Small strong magnets can hurt children.",
        body=[
            ("heading", {"text": "Why magnets are dangerous", "level": "h2"}),
            ("paragraph", "<p>Two magnets swallowed can pinch the gut.</p>"),
            ("callout", {"style": "emergency", "heading": "Call for help", "text": "<p>Call 911.</p>"}),
            ("checklist", {"heading": "Check the toy", "items": ["No loose parts"]}),
            (
                "comparison",
                {
                    "heading": "Real vs fake",
                    "genuine": {"image": None, "alt_text": "", "points": ["Age label"]},
                    "fake": {"image": None, "alt_text": "", "points": ["No label"]},
                },
            ),
        ],
        topics=[topic],
    )

    home = client.get("/")
    assert home.status_code == 200
    assert "Magnets in toys" in home.text

    listing = client.get(library.url)
    assert listing.status_code == 200
    assert "Magnets in toys" in listing.text

    page = client.get(article.url)
    assert page.status_code == 200
    for text in ["Why magnets are dangerous", "Two magnets swallowed", "Call 911.", "No loose parts", "Age label"]:
        assert text in page.text

    topic_page = client.get(library.url + "topics/toys/")
    assert topic_page.status_code == 200
    assert "Magnets in toys" in topic_page.text

    assert client.get(library.url + "topics/").status_code == 200
    assert client.get(library.url + "topics/no-such-topic/").status_code == 404


@pytest.mark.django_db
def test_library_filters_by_topic_and_kind(client, site_tree):
    library = site_tree["en"][1]
    toys = TopicFactory(name="Toys", slug="toys")
    cosmetics = TopicFactory(name="Cosmetics", slug="cosmetics")
    ArticlePageFactory(parent=library, title="Toy alert", kind=Kind.ALERT, topics=[toys])
    ArticlePageFactory(parent=library, title="Toy guide", kind=Kind.GUIDE, topics=[toys])
    ArticlePageFactory(parent=library, title="Lipstick guide", kind=Kind.GUIDE, topics=[cosmetics])

    toys_only = client.get(library.url, {"topic": "toys"}).text
    assert "Toy alert" in toys_only and "Toy guide" in toys_only and "Lipstick guide" not in toys_only

    toy_guides = client.get(library.url, {"topic": "toys", "kind": "guide"}).text
    assert "Toy guide" in toy_guides and "Toy alert" not in toy_guides


@pytest.mark.django_db
def test_library_paginates(client, site_tree):
    library = site_tree["en"][1]
    topic = TopicFactory()
    for n in range(14):
        ArticlePageFactory(parent=library, title=f"Numbered article {n:02d}", topics=[topic])
    first = client.get(library.url).text
    second = client.get(library.url, {"page": 2}).text
    on_first = {n for n in range(14) if f"Numbered article {n:02d}" in first}
    on_second = {n for n in range(14) if f"Numbered article {n:02d}" in second}
    assert len(on_first) == 12 and len(on_second) == 2
    assert not on_first & on_second


@pytest.mark.django_db
def test_drafts_are_not_listed_or_served(client, site_tree):
    library = site_tree["en"][1]
    draft = ArticlePageFactory(parent=library, title="Unfinished draft", live=False)
    assert "Unfinished draft" not in client.get(library.url).text
    assert client.get(draft.url or f"{library.url}{draft.slug}/").status_code == 404


@pytest.mark.django_db
def test_topic_pages_speak_the_pages_language(client, site_tree):
    topic = TopicFactory(
        name="Sunglasses",
        name_es="Gafas de sol",
        slug="eyewear",
        description="Fake sunglasses may not block UV light.",
        description_es="Las gafas de sol falsas pueden no bloquear la luz UV.",
    )
    untranslated = TopicFactory(name="Import rules", slug="import-rules", description="What you may bring in.")
    for library in (site_tree["en"][1], site_tree["es"][1]):
        publish(ArticlePageFactory(parent=library, topics=[topic, untranslated], live=False))

    english = client.get("/library/topics/eyewear/").text
    assert "<h1>Sunglasses</h1>" in english and "Fake sunglasses may not block UV light." in english
    spanish = client.get("/es/biblioteca/topics/eyewear/").text
    assert "<h1>Gafas de sol</h1>" in spanish and "Las gafas de sol falsas pueden no bloquear la luz UV." in spanish
    assert "Fake sunglasses" not in spanish
    # No Spanish name yet: the name is shown, but never the English description on a Spanish page.
    spanish = client.get("/es/biblioteca/topics/import-rules/").text
    assert "<h1>Import rules</h1>" in spanish and "What you may bring in." not in spanish
    topics = client.get("/es/biblioteca/topics/").text
    assert "Gafas de sol" in topics and "Las gafas de sol falsas" in topics and "What you may bring in." not in topics


@pytest.mark.django_db
def test_topics_are_alphabetical_in_each_language(client, site_tree):
    first = TopicFactory(name="Import rules", name_es="Reglas de importación", slug="import-rules")
    second = TopicFactory(name="Small business sellers", name_es="Pequeñas empresas", slug="small-business")
    for library in (site_tree["en"][1], site_tree["es"][1]):
        publish(ArticlePageFactory(parent=library, topics=[second, first], live=False))

    def order(path, *names, within=""):
        text = client.get(path).text
        text = text[text.index(within) :]  # the topic list, not the article cards
        return sorted(names, key=lambda name: text.index(name))

    assert order("/library/topics/", "Import rules", "Small business sellers") == [
        "Import rules",
        "Small business sellers",
    ]
    assert order("/es/biblioteca/topics/", "Reglas de", "Pequeñas") == ["Pequeñas", "Reglas de"]
    spanish = ["Pequeñas", "Reglas de"]
    assert order("/es/biblioteca/", "Reglas de", "Pequeñas", within='id="filter-topic"') == spanish
    assert order("/es/", "Reglas de", "Pequeñas", within='id="topics-heading"') == spanish


@pytest.mark.django_db
def test_a_question_and_answer_article_tells_search_engines_the_answer_as_written(client, site_tree):
    article = ArticlePageFactory(
        parent=site_tree["en"][1],
        live=False,
        kind=Kind.FAQ,
        body=[
            ("heading", {"text": "Is a “genuine” label enough?"}),
            ("paragraph", "<p>No. Sellers write &quot;genuine&quot; on fakes.</p><p>Check the seller.</p>"),
        ],
    )
    publish(article)
    text = client.get(article.url).text
    # The answer's quotation marks as characters (not "&quot;" shown to searchers), its paragraphs as sentences.
    assert '"text": "No. Sellers write \\"genuine\\" on fakes. Check the seller."' in text
