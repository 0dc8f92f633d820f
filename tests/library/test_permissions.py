"""What editors and moderators may do with the library."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from library.models import ArticlePage
from tests.factories import ArticlePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(groups=["Editors"])


@pytest.fixture
def moderator():
    return UserFactory(groups=["Moderators"])


def test_the_editor_and_moderator_groups_exist():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Editors", "Moderators"}


def test_editors_write_but_cannot_publish(site_tree, editor):
    library = site_tree["en"][1]
    article = ArticlePageFactory(parent=library)
    perms = article.permissions_for_user(editor)
    assert perms.can_edit()
    assert not perms.can_publish()
    assert library.permissions_for_user(editor).can_add_subpage()
    assert editor.has_perm("wagtailadmin.access_admin")
    assert editor.has_perm("library.change_topic")
    assert not editor.has_perm("library.delete_topic")
    assert not editor.has_perm("website.change_sitebanner")


def test_moderators_publish_and_manage_taxonomy(site_tree, moderator):
    article = ArticlePageFactory(parent=site_tree["en"][1])
    perms = article.permissions_for_user(moderator)
    assert perms.can_publish()
    assert perms.can_lock()
    assert moderator.has_perm("library.delete_topic")
    assert moderator.has_perm("website.change_sitebanner")


def test_articles_go_through_the_moderation_workflow(site_tree):
    article = ArticlePageFactory(parent=site_tree["en"][1])
    workflow = article.get_workflow()
    assert isinstance(workflow, Workflow) and workflow.active
    tasks = [task.specific for task in workflow.tasks.all()]
    assert any(group.name == "Moderators" for task in tasks for group in task.groups.all())


def test_an_editor_submits_for_review_and_a_moderator_publishes(client, site_tree, editor, moderator):
    library = site_tree["en"][1]
    article = ArticlePageFactory(parent=library, title="Draft needing review", live=False)

    client.force_login(editor)
    response = client.post(
        f"/admin/pages/{article.pk}/edit/",
        nested_form_data(
            {
                "title": "Draft needing review",
                "slug": article.slug,
                "summary": "Needs a second pair of eyes.",
                "kind": "guide",
                "topics": article.topics.first().pk,
                "body": streamfield([("paragraph", rich_text("<p>Check this.</p>"))]),
                "related_links": inline_formset([]),
                "action-submit": "Submit for moderation",
            }
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    article.refresh_from_db()
    assert not article.live
    state = article.current_workflow_state
    assert state is not None and state.status == "in_progress"

    client.force_login(moderator)
    task_state = state.current_task_state
    response = client.post(f"/admin/pages/workflow/action/{article.pk}/approve/{task_state.pk}/", {"comment": ""})
    assert response.status_code in (200, 302)
    article = ArticlePage.objects.get(pk=article.pk)
    assert article.live
    assert article.title == "Draft needing review"


def test_the_public_cannot_reach_the_admin(client, site_tree):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_scheduled_publishing_goes_live_at_the_chosen_time(site_tree):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    article = ArticlePageFactory(parent=site_tree["en"][1], live=False)
    article.go_live_at = timezone.now() - timedelta(minutes=1)
    article.save_revision(approved_go_live_at=article.go_live_at)
    article.refresh_from_db()
    assert not article.live
    call_command("publish_scheduled", verbosity=0)
    article.refresh_from_db()
    assert article.live


def test_moderators_can_copy_a_page_into_the_other_language(moderator, editor):
    assert moderator.has_perm("simple_translation.submit_translation")
    assert not editor.has_perm("simple_translation.submit_translation")
