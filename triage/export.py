"""The queue's CSV export: which columns, and the rows streamed from the database a chunk at a time.

Used by the queue's "Download CSV" (a streaming response) and by the background export job (a file the
officer downloads when it is ready). Never contact details. Every cell goes through website/spreadsheets.py.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.coreutils import multigetattr

from reports.choices import ClosedReason, FoundSellerVia, PaymentMethod, Priority, Status
from website import spreadsheets

from .queue import attachment_count, queue_queryset

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
    "upc": _("Barcode number"),
    "model_number": _("Model number"),
    "serial_or_lot": _("Serial or lot number"),
    "get_payment_method_display": _("Paid with"),
    "amount_refunded": _("Amount refunded"),
    "get_found_seller_via_display": _("Found the seller through"),
    "reporter_state": _("Reporter's state"),
    "reporter_zip": _("Reporter's ZIP code"),
    "attachment_count": _("Files"),
    "assignee_name": _("Assigned to"),
    "submitted_at": _("Submitted at"),
    "age_days": _("Age (days)"),
    "overdue": _("Overdue"),
}
FIELDS = list(HEADINGS)  # the columns, in order
CHUNK_SIZE = 2000
# What the rows read (not the description, the reasons or the other long fields).
COLUMNS = [
    "tracking_number",
    "status",
    "closed_reason",
    "priority",
    "product_category__name",
    "brand",
    "product_name",
    "marketplace",
    "seller_name",
    "listing_url",
    "shipped_from_country",
    "harm",
    "upc",
    "model_number",
    "serial_or_lot",
    "payment_method",
    "amount_refunded",
    "found_seller_via",
    "reporter_state",
    "reporter_zip",
    "submitted_at",
    "triage__report",
    "triage__assignee__username",
    "triage__assignee__first_name",
    "triage__assignee__last_name",
]


def export_queryset(reports):
    """The queue's rows for `reports` (a queryset of reports), in the queue's order, with the file count only
    (the related-report count is a subquery per row that the export does not show)."""
    return (
        queue_queryset(with_counts=False)
        .filter(pk__in=reports.values("pk"))
        .annotate(attachment_count=attachment_count())
        .only(*COLUMNS)
        .order_by("priority_rank", "submitted_at", "pk")
    )


def heading_row():
    return [str(heading) for heading in HEADINGS.values()]


def export_writer(out):
    writer = spreadsheets.csv_writer(out)
    writer.writerow(heading_row())
    return writer


# get_<field>_display looks the label up (and translates it) for every cell: a million rows took minutes.
# The export looks each label up once.
DISPLAYS = {
    "get_status_display": ("status", Status.choices),
    "get_closed_reason_display": ("closed_reason", ClosedReason.choices),
    "get_priority_display": ("priority", Priority.choices),
    "get_payment_method_display": ("payment_method", PaymentMethod.choices),
    "get_found_seller_via_display": ("found_seller_via", FoundSellerVia.choices),
}


def _getters():
    getters = []
    for field in FIELDS:
        if field in DISPLAYS:
            name, choices = DISPLAYS[field]
            labels = {value: str(label) for value, label in choices}
            getters.append(
                lambda report, name=name, labels=labels: labels.get(getattr(report, name), getattr(report, name))
            )
        else:
            getters.append(lambda report, field=field: multigetattr(report, field))
    return getters


def export_rows(queryset, chunk_size=CHUNK_SIZE):
    """Each report of a queue queryset (see export_queryset) as a list of cells, read through a server-side
    cursor `chunk_size` rows at a time: memory stays flat whatever the number of reports."""
    getters = _getters()
    for report in queryset.iterator(chunk_size=chunk_size):
        yield [get(report) for get in getters]


class _Echo:
    def write(self, value):
        return value


def stream_csv(queryset, chunk_size=CHUNK_SIZE):
    """The CSV's lines one at a time, for a StreamingHttpResponse."""
    writer = spreadsheets.csv_writer(_Echo())
    yield writer.writerow(heading_row())
    for row in export_rows(queryset, chunk_size):
        yield writer.writerow(row)
