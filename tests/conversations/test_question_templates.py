"""Officers and editors keep the question templates in the admin (Snippets → Question templates), in both languages;
nobody else sees them. Three come with the site."""

import pytest
from django.urls import reverse

from conversations.models import QuestionTemplate
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_site_starts_with_three_templates_in_both_languages():
    templates = {t.title: t for t in QuestionTemplate.objects.all()}
    assert set(templates) == {"Photo of the label", "Which marketplace listing", "Order confirmation"}
    assert templates["Photo of the label"].text_for("es").startswith("Envíenos una foto")
    assert templates["Photo of the label"].text_for("en").startswith("Please send a clear photo")


@pytest.mark.parametrize("groups", [["Triage officers"], ["Editors"]])
def test_officers_and_editors_add_a_template(client, groups):
    client.force_login(UserFactory(groups=groups))
    listing = reverse("wagtailsnippets_conversations_questiontemplate:list")
    assert client.get(listing).status_code == 200
    response = client.post(
        reverse("wagtailsnippets_conversations_questiontemplate:add"),
        {"title": "Parcel label", "text_en": "Please send a photo of the parcel label.", "text_es": "Envíe una foto."},
    )
    assert response.status_code == 302
    assert QuestionTemplate.objects.get(title="Parcel label").text_for("es") == "Envíe una foto."


def test_others_cannot_see_the_templates(client):
    client.force_login(UserFactory(groups=["Moderators"]))
    response = client.get(reverse("wagtailsnippets_conversations_questiontemplate:list"))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/admin/"
