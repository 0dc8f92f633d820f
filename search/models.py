"""The indexing outbox: changes waiting to reach Elasticsearch."""

from django.db import models


class PendingIndexUpdate(models.Model):
    """A page whose index entry must be refreshed or removed.

    Written in the same transaction as the content change, so nothing is lost
    when Elasticsearch is down; deleted once the index has the change.
    """

    INDEX = "index"
    DELETE = "delete"

    page_id = models.PositiveBigIntegerField(db_index=True)
    action = models.CharField(max_length=10, choices=[(INDEX, "Index"), (DELETE, "Delete")])
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.action} page {self.page_id}"
