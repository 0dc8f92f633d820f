from django_tasks import task

from . import indexing


@task()
def index_report(report_id):
    return indexing.index_report_now(report_id)
