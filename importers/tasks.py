from django_tasks import task

from . import indexing


@task()
def index_importer(importer_id):
    return indexing.index_importer_now(importer_id)
