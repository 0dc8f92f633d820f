"""Publishing, unpublishing, moving and deleting an article queue an index update."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from library.models import ArticlePage, Topic

from .indexing import queue_update
from .models import PendingIndexUpdate


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
@receiver(page_slug_changed, sender=ArticlePage)
def article_changed(sender, instance, **kwargs):
    queue_update(instance.pk)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    # Moving a page changes the URLs of everything below it.
    for article in ArticlePage.objects.descendant_of(instance, inclusive=True).only("pk"):
        queue_update(article.pk)


@receiver(post_delete, sender=ArticlePage)
def article_deleted(sender, instance, **kwargs):
    queue_update(instance.pk, PendingIndexUpdate.DELETE)


@receiver(post_save, sender=Topic)
def topic_changed(sender, instance, created, **kwargs):
    # A renamed topic changes how its articles are labelled in results.
    if not created:
        for article_id in ArticlePage.objects.filter(topics=instance).values_list("pk", flat=True):
            queue_update(article_id)
