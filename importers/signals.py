"""Saving or deleting an importer, or one of its names or addresses, queues an index update (search/outbox.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from search.outbox import queue_update

from .models import Importer, ImporterIdentifier, TradeName


@receiver(post_save, sender=Importer)
@receiver(post_delete, sender=Importer)
def importer_changed(sender, instance, **kwargs):
    queue_update("importers", instance.pk)


@receiver(post_save, sender=TradeName)
@receiver(post_delete, sender=TradeName)
@receiver(post_save, sender=ImporterIdentifier)
@receiver(post_delete, sender=ImporterIdentifier)
def importer_part_changed(sender, instance, **kwargs):
    queue_update("importers", instance.importer_id)
