"""Test data builders."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from library.models import ArticlePage, Audience, Kind, LibraryIndexPage, ProductCategory, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = Topic


class ProductCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")

    class Meta:
        model = ProductCategory


class LibraryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Library"

    class Meta:
        model = LibraryIndexPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    summary = "A short plain summary."
    kind = Kind.GUIDE
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Some guidance.</p>")])

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create:
            self.topics.set(extracted or [TopicFactory()])
            self.save(update_fields=["topics"])

    @factory.post_generation
    def audience(self, create, extracted, **kwargs):
        if create:
            self.audience.set(extracted or Audience.objects.filter(slug="consumers"))
            self.save(update_fields=["audience"])


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov")
    password = factory.django.Password("a-long-test-password")

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
