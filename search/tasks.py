from django_tasks import task

from . import indexing


@task()
def drain_pending_updates():
    return indexing.drain_pending_updates()
