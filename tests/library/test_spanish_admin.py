"""Library screens for an editor whose admin language (Account > Preferences) is Spanish, and the fixed
audiences in Spanish on the Spanish site."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from library.models import Audience
from tests.factories import ArticlePageFactory, ProductCategoryFactory, UserFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_editor(client):
    editor = UserFactory(groups=["Editors"])
    UserProfile.objects.update_or_create(user=editor, defaults={"preferred_language": "es"})
    client.force_login(editor)
    return editor


def test_a_product_category_reads_si_or_no_not_true(client, spanish_editor):
    category = ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)
    response = client.get(reverse("wagtailsnippets_library_productcategory:inspect", args=[category.pk]))
    assert response.status_code == 200
    assert "Salud y seguridad" in response.text and "<dd>Sí</dd>" in response.text.replace("\n", "").replace(" ", "")
    assert "True" not in response.text and "Health and safety" not in response.text


def test_the_article_form_labels_and_audiences_are_in_spanish(client, spanish_editor, site_tree):
    article = ArticlePageFactory(parent=site_tree["en"][1])
    html = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).text
    for spanish in ("Clasificación", "Tipo", "Temas", "Público", "Consumidores", "Pequeñas empresas", "Resumen"):
        assert spanish in html, spanish
    for english in ("Classification", "Consumers", "Small businesses", ">Audience<", ">Topics<", ">Kind<"):
        assert english not in html, english


def test_the_spanish_site_names_the_audience_in_spanish(client, site_tree):
    publish(
        ArticlePageFactory(
            parent=site_tree["es"][1], title="Cargadores falsos", live=False, audience=Audience.objects.all()
        )
    )
    html = client.get("/es/biblioteca/cargadores-falsos/").text
    assert "Consumidores, Pequeñas empresas" in html and "Consumers" not in html
