"""The queue's CSV export: which columns, and the rows streamed from the database a chunk at a time.

Used by the queue's "Download CSV" (a streaming response) and by the background export job (a file the
officer downloads when it is ready). Never contact details. Every cell goes through website/spreadsheets.py.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import multigetattr

from website import spreadsheets

from .queue import attachment_count, queue_queryset

FIELDS = [
    "tracking_number",
    "get_status_display",
    "get_closed_reason_display",
    "get_priority_display",
    "product_category",
    "brand",
    "product_name",
    "marketplace",
    "seller_name",
    "listing_url",
    "shipped_from_country",
    "harm",
    "attachment_count",
    "assignee_name",
    "submitted_at",
    "age_days",
    "overdue",
]
HEADINGS = {
    "tracking_number": _("Tracking number"),
    "get_status_display": _("Status"),
    "get_closed_reason_display": _("Closed because"),
    "get_priority_display": _("Priority"),
    "product_category": _("Category"),
    "brand": _("Brand"),
    "product_name": _("Product"),
    "marketplace": _("Marketplace"),
    "seller_name": _("Seller"),
    "listing_url": _("Listing address"),
    "shipped_from_country": _("Shipped from"),
    "harm": _("Harm reported"),
    "attachment_count": _("Files"),
    "assignee_name": _("Assigned to"),
    "submitted_at": _("Submitted at"),
    "age_days": _("Age (days)"),
    "overdue": _("Overdue"),
}
CHUNK_SIZE = 2000


def export_queryset(reports):
    """The queue's rows for `reports` (a queryset of reports), in the queue's order, with the file count only
    (the related-report count is a subquery per row that the export does not show)."""
    return (
        queue_queryset(with_counts=False)
        .filter(pk__in=reports.values("pk"))
        .annotate(attachment_count=attachment_count())
        .order_by("priority_rank", "submitted_at", "pk")
    )


def export_writer(out):
    writer = spreadsheets.csv_writer(out)
    writer.writerow([str(HEADINGS[field]) for field in FIELDS])
    return writer


def export_rows(queryset, chunk_size=CHUNK_SIZE):
    """Each report of a queue queryset (see export_queryset) as a list of cells, read through a server-side
    cursor `chunk_size` rows at a time: memory stays flat whatever the number of reports."""
    for report in queryset.iterator(chunk_size=chunk_size):
        yield [multigetattr(report, field) for field in FIELDS]


class _Echo:
    def write(self, value):
        return value


def stream_csv(queryset, chunk_size=CHUNK_SIZE):
    """The CSV's lines one at a time, for a StreamingHttpResponse."""
    writer = spreadsheets.csv_writer(_Echo())
    yield writer.writerow([str(HEADINGS[field]) for field in FIELDS])
    for row in export_rows(queryset, chunk_size):
        yield writer.writerow(row)
