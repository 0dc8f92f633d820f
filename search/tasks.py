from django_tasks import task

from . import draining


@task()
def drain_pending_updates(index=None):
    """Send the index updates waiting in the outbox (for one index, or all when `index` is None)."""
    return draining.drain(index)
