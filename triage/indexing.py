"""Keeping the reports index in step, and the two reads from it: similar narratives and trend aggregations.

Writes go through the alias `<ELASTICSEARCH_INDEX_PREFIX>-reports`. A report is (re)indexed by a background
task after the transaction that changed it commits. When the cluster does not answer the change is logged
and skipped; `manage.py triage_index --rebuild` brings the index back in step (run it from cron, or after an
outage). Staff pages never fail because of Elasticsearch: callers catch UNAVAILABLE_ERRORS.
"""

import logging
from datetime import UTC, datetime

from django.conf import settings
from elasticsearch import NotFoundError
from elasticsearch.dsl import Index
from elasticsearch.helpers import bulk

from search.connection import get_client, is_enabled
from search.indexing import UNAVAILABLE_ERRORS

from .documents import ReportDocument

logger = logging.getLogger(__name__)

__all__ = ["UNAVAILABLE_ERRORS", "is_enabled"]


def reports_alias():
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-reports"


def new_index_name():
    return f"{reports_alias()}-{datetime.now(UTC):%Y%m%d%H%M%S%f}"


def create_index(name):
    index = Index(name, using=get_client())
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(ReportDocument)
    index.create()
    return name


def ensure_index():
    client = get_client()
    if not client.indices.exists_alias(name=reports_alias()):
        name = create_index(new_index_name())
        client.indices.put_alias(index=name, name=reports_alias())


def indexable_reports():
    from reports.models import Report

    return Report.objects.select_related("product_category", "triage").order_by("pk")


def _action(report, index):
    document = ReportDocument.from_report(report)
    return {**document.to_dict(include_meta=True, skip_empty=False), "_index": index}


def index_reports(reports, index=None, refresh=False):
    actions = (_action(report, index or reports_alias()) for report in reports)
    count, _errors = bulk(get_client(), actions, refresh=refresh, raise_on_error=True)
    return count


def index_report_now(report_id, refresh=False):
    """Index one report (or remove it when it is gone). Returns False when the cluster did not answer."""
    if not is_enabled():
        return False
    try:
        ensure_index()
        report = indexable_reports().filter(pk=report_id).first()
        if report is None:
            try:
                get_client().delete(index=reports_alias(), id=report_id, refresh=refresh)
            except NotFoundError:
                pass
        else:
            index_reports([report], refresh=refresh)
    except UNAVAILABLE_ERRORS as error:
        logger.warning(
            "Elasticsearch unavailable; report %s not indexed (run triage_index --rebuild): %s", report_id, error
        )
        return False
    return True


def queue_report(report_id):
    """Called after commit: index the report in the background."""
    if not is_enabled():
        return
    from .tasks import index_report

    try:
        index_report.enqueue(report_id)
    except Exception:  # a queue problem must never break saving a report
        logger.exception("Could not queue indexing of report %s", report_id)


def rebuild(progress=None, batch_size=500):
    client = get_client()
    alias = reports_alias()
    name = create_index(new_index_name())
    reports = indexable_reports()
    total = reports.count()
    done = 0
    batch = []
    for report in reports.iterator(chunk_size=batch_size):
        batch.append(report)
        if len(batch) >= batch_size:
            done += index_reports(batch, index=name)
            batch = []
            if progress:
                progress(done, total)
    if batch:
        done += index_reports(batch, index=name)
    if progress:
        progress(done, total)
    client.indices.refresh(index=name)
    old = list(client.indices.get_alias(name=alias).keys()) if client.indices.exists_alias(name=alias) else []
    actions = [{"remove": {"index": index, "alias": alias}} for index in old]
    if not old and client.indices.exists(index=alias):
        client.indices.delete(index=alias)
    actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(actions=actions)
    for index in old:
        client.indices.delete(index=index)
    return name, done


def refresh():
    get_client().indices.refresh(index=reports_alias(), ignore_unavailable=True)


def delete_all_indexes():
    get_client().indices.delete(index=f"{reports_alias()}*", ignore_unavailable=True, allow_no_indices=True)


def more_like_this_query(report_id, size=10):
    """A plain query body: reports whose narrative resembles this one's (pure function, see tests)."""
    return {
        "size": size,
        "_source": False,
        "query": {
            "more_like_this": {
                "fields": ["narrative"],
                "like": [{"_index": reports_alias(), "_id": str(report_id)}],
                "min_term_freq": 1,
                "min_doc_freq": 1,
                "max_query_terms": 25,
                "minimum_should_match": "30%",
            }
        },
    }


def similar_report_ids(report, size=10):
    response = get_client().search(index=reports_alias(), body=more_like_this_query(report.pk, size))
    return [int(hit["_id"]) for hit in response["hits"]["hits"]]
