"""Saving or deleting an importer, or one of its names or addresses, reindexes it after the commit."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .indexing import queue_importer
from .models import Importer, ImporterIdentifier, TradeName


@receiver(post_save, sender=Importer)
@receiver(post_delete, sender=Importer)
def importer_changed(sender, instance, **kwargs):
    queue_importer(instance.pk)


@receiver(post_save, sender=TradeName)
@receiver(post_delete, sender=TradeName)
@receiver(post_save, sender=ImporterIdentifier)
@receiver(post_delete, sender=ImporterIdentifier)
def importer_part_changed(sender, instance, **kwargs):
    queue_importer(instance.importer_id)
