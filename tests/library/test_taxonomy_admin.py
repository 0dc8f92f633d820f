"""Topics and product categories in the admin (Taxonomy menu): who may do what, search, filters, counts, and
deleting only what nobody uses."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from library.models import ProductCategory, Topic
from tests.factories import ArticlePageFactory, ProductCategoryFactory, TopicFactory, UserFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db

TOPICS = "wagtailsnippets_library_topic"
CATEGORIES = "wagtailsnippets_library_productcategory"


def url(viewset, name, *args):
    return reverse(f"{viewset}:{name}", args=args)


@pytest.fixture
def editor():
    return UserFactory(groups=["Editors"])


@pytest.fixture
def moderator():
    return UserFactory(groups=["Moderators"])


def signed_in(client, user):
    client.force_login(user)
    return client


def refused(response):
    """Wagtail turns a signed-in user without the permission back to the dashboard (or answers 403)."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def test_editors_see_the_taxonomy_menu_and_others_do_not(client, editor):
    admin_home = signed_in(client, editor).get("/admin/").text
    assert url(TOPICS, "list") in admin_home and url(CATEGORIES, "list") in admin_home

    for group in ["Triage officers", "Vetting officers", "Partner managers"]:
        client.force_login(UserFactory(groups=[group]))
        home = client.get("/admin/").text
        assert url(TOPICS, "list") not in home and url(CATEGORIES, "list") not in home, group


@pytest.mark.parametrize("viewset", [TOPICS, CATEGORIES])
def test_anonymous_people_are_sent_to_sign_in(client, viewset):
    for name in ["list", "add"]:
        response = client.get(url(viewset, name))
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("group", ["Triage officers", "Vetting officers", "Partner managers", "Contact viewers"])
@pytest.mark.parametrize("viewset", [TOPICS, CATEGORIES])
def test_other_staff_are_turned_away(client, group, viewset):
    topic, category = TopicFactory(), ProductCategoryFactory()
    pk = topic.pk if viewset == TOPICS else category.pk
    user = UserFactory(groups=[group])
    # Signed in to the admin, so what turns them away is the taxonomy permission, not the sign-in.
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for address in [url(viewset, "list"), url(viewset, "add"), url(viewset, "edit", pk), url(viewset, "delete", pk)]:
        assert refused(client.get(address)), address
    assert refused(client.post(url(viewset, "add"), {"name": "Sneaky", "slug": "sneaky"}))
    assert refused(client.post(url(viewset, "delete", pk)))
    assert Topic.objects.filter(pk=topic.pk).exists() and ProductCategory.objects.filter(pk=category.pk).exists()
    assert not Topic.objects.filter(slug="sneaky").exists()
    assert not ProductCategory.objects.filter(slug="sneaky").exists()


def test_an_editor_adds_and_changes_a_topic_but_cannot_delete_one(client, editor):
    signed_in(client, editor)
    response = client.post(
        url(TOPICS, "add"),
        {
            "name": "Sunglasses & eyewear",
            "name_es": "Gafas de sol",
            "slug": "eyewear",
            "description": "Fake sunglasses may not block UV light.",
            "description_es": "Las gafas de sol falsas pueden no bloquear la luz UV.",
        },
    )
    assert response.status_code == 302
    topic = Topic.objects.get(slug="eyewear")
    assert topic.name_es == "Gafas de sol"

    response = client.post(
        url(TOPICS, "edit", topic.pk),
        {"name": "Sunglasses", "name_es": "Gafas de sol", "slug": "eyewear", "description": "", "description_es": ""},
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.name == "Sunglasses"
    inspect = client.get(url(TOPICS, "inspect", topic.pk))
    assert inspect.status_code == 200 and "Gafas de sol" in inspect.text

    assert refused(client.get(url(TOPICS, "delete", topic.pk)))
    assert refused(client.post(url(TOPICS, "delete", topic.pk)))
    assert Topic.objects.filter(pk=topic.pk).exists()


def test_an_editor_adds_a_product_category(client, editor):
    signed_in(client, editor)
    response = client.post(
        url(CATEGORIES, "add"),
        {"name": "Helmets", "name_es": "Cascos", "slug": "helmets", "health_and_safety": "on"},
    )
    assert response.status_code == 302
    category = ProductCategory.objects.get(slug="helmets")
    assert category.health_and_safety and category.name_es == "Cascos"
    assert refused(client.post(url(CATEGORIES, "delete", category.pk)))
    assert ProductCategory.objects.filter(pk=category.pk).exists()


def test_a_duplicate_name_is_refused_with_a_message(client, editor):
    TopicFactory(name="Import rules", slug="import-rules")
    response = signed_in(client, editor).post(url(TOPICS, "add"), {"name": "Import rules", "slug": "rules"})
    assert response.status_code == 200
    assert "Topic with this Name already exists." in response.text
    assert Topic.objects.count() == 1


def test_the_listing_searches_both_languages_and_counts_articles(client, editor, site_tree):
    used = TopicFactory(name="Electronics & batteries", name_es="Aparatos electrónicos", slug="electronics")
    TopicFactory(name="Import rules", slug="import-rules")
    ArticlePageFactory(parent=site_tree["en"][1], topics=[used])
    ArticlePageFactory(parent=site_tree["en"][1], topics=[used])
    signed_in(client, editor)

    found = client.get(url(TOPICS, "list"), {"q": "aparatos"}).text
    assert "Electronics &amp; batteries" in found and "Import rules" not in found

    listing = client.get(url(TOPICS, "list")).text
    assert "Articles" in listing and "Spanish name" in listing
    assert client.get(url(TOPICS, "list"), {"ordering": "-article_count"}).status_code == 200

    missing = client.get(url(TOPICS, "list"), {"spanish_name": "missing"}).text
    assert "Import rules" in missing and "Electronics &amp; batteries" not in missing
    unused = client.get(url(TOPICS, "list"), {"in_use": "no"}).text
    assert "Import rules" in unused and "Electronics &amp; batteries" not in unused


def test_the_category_listing_filters_health_and_safety(client, editor):
    ProductCategoryFactory(name="Medicines", health_and_safety=True)
    ProductCategoryFactory(name="Clothing", health_and_safety=False)
    listing = signed_in(client, editor).get(url(CATEGORIES, "list"), {"health_and_safety": "true"}).text
    assert "Medicines" in listing and "Clothing" not in listing


def test_a_moderator_deletes_an_unused_topic(client, moderator):
    topic = TopicFactory(name="Old topic")
    signed_in(client, moderator)
    assert client.get(url(TOPICS, "delete", topic.pk)).status_code == 200
    response = client.post(url(TOPICS, "delete", topic.pk))
    assert response.status_code == 302
    assert not Topic.objects.filter(pk=topic.pk).exists()


def test_a_topic_in_use_is_not_deleted(client, moderator, site_tree):
    topic = TopicFactory(name="Vapes")
    article = ArticlePageFactory(parent=site_tree["en"][1], topics=[topic])
    signed_in(client, moderator)

    for response in [client.get(url(TOPICS, "delete", topic.pk)), client.post(url(TOPICS, "delete", topic.pk))]:
        assert response.status_code == 302 and response["Location"] == url(TOPICS, "list")
    bulk = reverse("wagtail_bulk_action", args=("library", "topic", "delete")) + f"?id={topic.pk}"
    assert client.post(bulk).status_code == 302

    assert Topic.objects.filter(pk=topic.pk).exists()
    assert list(article.topics.all()) == [topic]
    message = client.get(url(TOPICS, "list")).text
    assert "The topic &#x27;Vapes&#x27; is used by 1 article. Move that article to another topic first." in message


def test_a_category_used_by_reports_is_not_deleted(client, moderator):
    category = ProductCategoryFactory(name="Chargers")
    ReportFactory(product_category=category)
    signed_in(client, moderator)

    response = client.post(url(CATEGORIES, "delete", category.pk))

    assert response.status_code == 302
    assert ProductCategory.objects.filter(pk=category.pk).exists()
    assert "is used by 1 report, so it cannot be deleted." in client.get(url(CATEGORIES, "list")).text


def test_the_permissions_match_the_groups(editor, moderator):
    for user in (editor, moderator):
        for codename in ["view_topic", "add_topic", "change_topic", "view_productcategory"]:
            assert user.has_perm(f"library.{codename}")
    assert not editor.has_perm("library.delete_topic") and not editor.has_perm("library.delete_productcategory")
    assert moderator.has_perm("library.delete_topic") and moderator.has_perm("library.delete_productcategory")
