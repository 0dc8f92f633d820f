"""What the reports index holds: the narrative for "similar reports" and the fields the trends aggregate.

Only core Elasticsearch analysis (the local node has no analysis-common module, see docs/elasticsearch.md):
the standard tokenizer, lowercase and English stop words. No contact details are ever indexed.
"""

from django.utils import timezone
from elasticsearch.dsl import Boolean, Date, Document, Keyword, Long, Text, analyzer, token_filter

report_stop = token_filter("report_stop", "stop", stopwords="_english_")
report_text = analyzer("report_text", tokenizer="standard", filter=["lowercase", report_stop])


class ReportDocument(Document):
    tracking_number = Keyword()
    narrative = Text(analyzer=report_text)
    brand = Text(analyzer=report_text, fields={"raw": Keyword()})
    seller = Keyword()
    domain = Keyword()
    category = Keyword()
    category_name = Keyword()
    marketplace = Keyword()  # the big marketplace from the fixed list (Report.marketplace_name), else ""
    shipped_from_country = Keyword()
    status = Keyword()
    priority = Keyword()
    harm = Boolean()
    submitted_at = Date()
    first_action_at = Date()
    # Whole seconds from submission to the first staff action: whole numbers, so the median Elasticsearch
    # gives is the same number as the database's (a Float would round differently at the tenth of an hour).
    seconds_to_first_action = Long()

    @classmethod
    def from_report(cls, report):
        state = getattr(report, "triage", None)
        first_action_at = state.first_action_at if state else None
        seconds = None
        if first_action_at:
            seconds = int((first_action_at - report.submitted_at).total_seconds())
        narrative = "\n".join(
            part for part in (report.product_name, report.description, report.harm_description) if part
        )
        return cls(
            meta={"id": report.pk},
            tracking_number=report.tracking_number,
            narrative=narrative,
            brand=report.brand,
            seller=state.seller_key if state else "",
            domain=state.listing_host if state else "",
            category=report.product_category.slug,
            category_name=report.product_category.name,
            marketplace=report.marketplace_name,
            shipped_from_country=report.shipped_from_country,
            status=report.status,
            priority=report.priority,
            harm=report.harm,
            submitted_at=timezone.localtime(report.submitted_at),
            first_action_at=first_action_at,
            seconds_to_first_action=seconds,
        )
