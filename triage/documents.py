"""What the reports index holds (the narrative for "similar reports", the words and numbers the queue search
looks for, what the queue filters and sorts a search by, the fields the trends aggregate) and its definition
for the search app's registry.

Only core Elasticsearch analysis (the local node has no analysis-common module, see docs/elasticsearch.md):
the standard tokenizer, lowercase and English stop words. No contact details are ever indexed.
"""

import re
from types import SimpleNamespace

from django.db.models import Exists, OuterRef
from django.utils import timezone
from elasticsearch.dsl import Boolean, Date, Document, Keyword, Long, Short, Text, analyzer, token_filter

from reports.choices import PRIORITY_ORDER
from search.registry import IndexDefinition

report_stop = token_filter("report_stop", "stop", stopwords="_english_")
report_text = analyzer("report_text", tokenizer="standard", filter=["lowercase", report_stop])


class ReportDocument(Document):
    tracking_number = Keyword()
    narrative = Text(analyzer=report_text)
    brand = Text(analyzer=report_text, fields={"raw": Keyword()})
    seller = Keyword()  # normalised, for the trends
    seller_name = Text(analyzer=report_text)
    listing_words = Text(analyzer=report_text)  # the listing address split into words
    order_key = Keyword()  # order and parcel numbers without spaces, dashes or case (triage/purchase_numbers.py)
    parcel_key = Keyword()
    domain = Keyword()
    category = Keyword()
    category_name = Keyword()
    marketplace = Keyword()  # the big marketplace from the fixed list (Report.marketplace_name), else ""
    shipped_from_country = Keyword()
    status = Keyword()
    closed_reason = Keyword()  # the public statistics leave out reports closed as spam or as a duplicate
    priority = Keyword()
    harm = Boolean()
    submitted_at = Date()
    first_action_at = Date()
    # Whole seconds from submission to the first staff action: whole numbers, so the median Elasticsearch
    # gives is the same number as the database's (a Float would round differently at the tenth of an hour).
    seconds_to_first_action = Long()
    # What the queue filters and sorts a text search by (triage/queue_search.py), so Elasticsearch hands back
    # one page of ids in the queue's order instead of every match for the database to sort.
    report_id = Long()  # the last tie-breaker of every order (sorting on _id is not allowed)
    priority_rank = Short()  # Report.priority_rank: urgent 0 ... low 3
    category_id = Long()
    marketplace_entered = Keyword()  # the marketplace as the reporter typed it (the queue's column)
    assignee_id = Long()  # none when nobody is assigned
    has_files = Boolean()

    @classmethod
    def source_for_report(cls, report):
        """The document's fields as a plain dict (what a rebuild sends, without building a Document)."""
        state = getattr(report, "triage", None)
        first_action_at = state.first_action_at if state else None
        seconds = None
        if first_action_at:
            seconds = int((first_action_at - report.submitted_at).total_seconds())
        narrative = "\n".join(
            part for part in (report.product_name, report.description, report.harm_description) if part
        )
        return dict(
            tracking_number=report.tracking_number,
            narrative=narrative,
            brand=report.brand,
            seller=state.seller_key if state else "",
            seller_name=report.seller_name,
            listing_words=address_words(report.listing_url),
            order_key=state.order_key if state else "",
            parcel_key=state.parcel_key if state else "",
            domain=state.listing_host if state else "",
            category=report.product_category.slug,
            category_name=report.product_category.name,
            marketplace=report.marketplace_name,
            shipped_from_country=report.shipped_from_country,
            status=report.status,
            closed_reason=report.closed_reason,
            priority=report.priority,
            harm=report.harm,
            submitted_at=timezone.localtime(report.submitted_at),
            first_action_at=first_action_at,
            seconds_to_first_action=seconds,
            report_id=report.pk,
            priority_rank=priority_rank(report.priority),
            category_id=report.product_category_id,
            marketplace_entered=report.marketplace,
            assignee_id=state.assignee_id if state else None,
            has_files=report.has_files if hasattr(report, "has_files") else report.attachments.exists(),
        )


def priority_rank(priority):
    """The same number as the database's generated Report.priority_rank."""
    return PRIORITY_ORDER.index(priority) if priority in PRIORITY_ORDER else len(PRIORITY_ORDER)


def address_words(text):
    """ "https://www.shop.example.com/lux/bag-1" -> "https www shop example com lux bag 1": each part is a word."""
    return " ".join(re.split(r"[\W_]+", text or "")).strip()


# What source_for_report reads of a report and of its triage row; report_documents() reads only these.
REPORT_COLUMNS = (
    "tracking_number",
    "product_name",
    "description",
    "harm_description",
    "brand",
    "seller_name",
    "listing_url",
    "marketplace_name",
    "shipped_from_country",
    "status",
    "closed_reason",
    "priority",
    "harm",
    "submitted_at",
    "marketplace",
)
STATE_COLUMNS = ("first_action_at", "seller_key", "order_key", "parcel_key", "listing_host", "assignee_id")


def report_documents(after_pk, limit):
    """The next `limit` reports' (pk, document) pairs after `after_pk`, for rebuilds and checks.

    One query per batch (the reports joined with their triage rows, only the columns the document uses, and
    whether each has files) and no model instances: source_for_report reads the same attributes from plain
    namespaces, so the documents are the ones the outbox builds. Building Report and TriageState objects was half of a rebuild's time.
    """
    from library.models import ProductCategory
    from reports.models import Attachment, Report

    reports = Report.objects.annotate(has_files=Exists(Attachment.objects.filter(report=OuterRef("pk")))).order_by(
        "pk"
    )
    if after_pk is not None:
        reports = reports.filter(pk__gt=after_pk)
    state_columns = [f"triage__{name}" for name in STATE_COLUMNS]
    rows = list(
        reports.values_list("pk", "product_category_id", "has_files", *REPORT_COLUMNS, "triage__pk", *state_columns)[
            :limit
        ]
    )
    if not rows:
        return []
    categories = {
        pk: SimpleNamespace(slug=slug, name=name)
        for pk, slug, name in ProductCategory.objects.filter(pk__in={row[1] for row in rows}).values_list(
            "pk", "slug", "name"
        )
    }
    documents = []
    split = 3 + len(REPORT_COLUMNS)
    for row in rows:
        report = SimpleNamespace(**dict(zip(REPORT_COLUMNS, row[3:split], strict=True)))
        report.pk, report.product_category_id, report.has_files = row[:3]
        report.product_category = categories[row[1]]
        has_state, *state = row[split:]
        report.triage = SimpleNamespace(**dict(zip(STATE_COLUMNS, state, strict=True))) if has_state else None
        documents.append((row[0], ReportDocument.source_for_report(report)))
    return documents


def indexable_reports():
    from reports.models import Attachment, Report

    # The few categories are prefetched (one small query per batch), not joined: building a category for
    # every row took half of a rebuild's time.
    return (
        Report.objects.select_related("triage")
        .prefetch_related("product_category")
        .annotate(has_files=Exists(Attachment.objects.filter(report=OuterRef("pk"))))
        .order_by("pk")
    )


REPORTS = IndexDefinition(
    name="reports",
    document=ReportDocument,
    queryset=indexable_reports,
    source=ReportDocument.source_for_report,
    documents=report_documents,
    noun="report",
    compare_fields=(
        "tracking_number",
        "status",
        "closed_reason",
        "priority",
        "narrative",
        "seller",
        "order_key",
        "parcel_key",
        "priority_rank",
        "assignee_id",
        "has_files",
    ),
    batch_size=1000,
    # Stored in the queue's own order, so a search in that order (the default) stops after the page's 50
    # matches and the 10,000 it counts, instead of sorting every match (triage/queue_search.py).
    index_settings=(
        ("sort.field", ["priority_rank", "submitted_at", "report_id"]),
        ("sort.order", ["asc", "asc", "asc"]),
    ),
)
