"""What the reports index holds: the narrative for "similar reports" and the fields the trends aggregate.

Only core Elasticsearch analysis (the local node has no analysis-common module, see docs/elasticsearch.md):
the standard tokenizer, lowercase and English stop words. No contact details are ever indexed.
"""

from django.utils import timezone
from elasticsearch.dsl import Boolean, Date, Document, Float, Keyword, Text, analyzer, token_filter

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
    marketplace = Keyword()
    shipped_from_country = Keyword()
    status = Keyword()
    priority = Keyword()
    harm = Boolean()
    submitted_at = Date()
    first_action_at = Date()
    hours_to_first_action = Float()

    @classmethod
    def from_report(cls, report):
        state = getattr(report, "triage", None)
        first_action_at = state.first_action_at if state else None
        hours = None
        if first_action_at:
            hours = (first_action_at - report.submitted_at).total_seconds() / 3600
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
            marketplace=report.marketplace,
            shipped_from_country=report.shipped_from_country,
            status=report.status,
            priority=report.priority,
            harm=report.harm,
            submitted_at=timezone.localtime(report.submitted_at),
            first_action_at=first_action_at,
            hours_to_first_action=hours,
        )
