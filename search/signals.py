"""Publishing, unpublishing, moving and deleting an article queue an index update; editing a topic, a synonym
group or a promotion drops the cached copy searches read (search/lookups.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_tasks.signals import task_finished
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from library.models import ArticlePage, Topic

from . import database_vocabulary, lookups
from .models import SynonymGroup
from .outbox import queue_update, queue_updates


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
@receiver(page_slug_changed, sender=ArticlePage)
@receiver(post_delete, sender=ArticlePage)
def article_changed(sender, instance, **kwargs):
    queue_update("library", instance.pk)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    # Moving a page changes the URLs of everything below it.
    articles = ArticlePage.objects.descendant_of(instance, inclusive=True)
    queue_updates("library", articles.values_list("pk", flat=True))


@receiver(post_save, sender=Topic)
def topic_changed(sender, instance, created, **kwargs):
    # A renamed topic changes how its articles are labelled in results.
    if not created:
        queue_updates("library", ArticlePage.objects.filter(topics=instance).values_list("pk", flat=True))


# --- What searches keep in the cache (search/lookups.py) ------------------------------------------------


@receiver(post_save, sender=ArticlePage)
@receiver(post_delete, sender=ArticlePage)
@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
def forget_database_word_counts(sender, **kwargs):
    # Wagtail's database search index is written on every save of an article (publishing, unpublishing, an
    # import; an unpublish through a plain Page saves no ArticlePage, but says so): the fallback's cached word
    # counts and matches (search/database_vocabulary.py) start afresh.
    database_vocabulary.vocabulary_changed()


@receiver(task_finished)
def forget_database_word_counts_after_indexing(sender, task_result, **kwargs):
    # In production the database search index is written later, by the background worker: counts and matches
    # cached between the save and that write would miss the article, so the cache starts afresh once more.
    if task_result.task.module_path.endswith(".insert_or_update_object_task"):
        database_vocabulary.vocabulary_changed()


@receiver(post_save, sender=Topic)
@receiver(post_delete, sender=Topic)
def forget_topics(sender, **kwargs):
    lookups.forget(lookups.TOPICS)


@receiver(post_save, sender=SynonymGroup)
@receiver(post_delete, sender=SynonymGroup)
def forget_synonyms(sender, **kwargs):
    lookups.forget(lookups.SYNONYMS)


@receiver(post_save, sender=SearchPromotion)
@receiver(post_delete, sender=SearchPromotion)
@receiver(post_save, sender=Query)
@receiver(post_delete, sender=Query)
def forget_promotions(sender, **kwargs):
    lookups.forget(lookups.PROMOTED)
