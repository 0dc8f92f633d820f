"""The border lead feed: approved (or, for staff, any) leads in JSON and CSV, streamed from the database.

One CSV row per shipment of a lead (a report naming the lead's entity), with the lead's columns repeated; the JSON
gives each lead once with its shipments in a list. The format is documented in the README ("Border lead feed").
Rows are read through a server-side cursor a chunk at a time, so 100,000 rows or a million stream in flat memory.
Every cell of the CSV goes through website/spreadsheets.py.
"""

import itertools
import json

from django.utils import timezone

from website import spreadsheets
from website.times import export_value, iso_datetime

from .models import EntityLink

FORMAT_NAME = "cbp-border-leads"
FORMAT_VERSION = 1
CHUNK_SIZE = 2000

COLUMNS = [
    "lead_id",
    "lead_status",
    "reviewed_at",
    "entity_kind",
    "entity_key",
    "entity_name",
    "entity_report_count",
    "entity_harm_count",
    "first_report_at",
    "last_report_at",
    "reported_at",
    "carrier",
    "parcel_tracking_number",
    "shipped_from_country",
    "harm",
]
_READ = [
    "entity__lead__id",
    "entity__lead__status",
    "entity__lead__reviewed_at",
    "entity__kind",
    "entity__key",
    "entity__name",
    "entity__report_count",
    "entity__harm_count",
    "entity__first_report_at",
    "entity__last_report_at",
    "submitted_at",
    "report__carrier",
    "report__parcel_tracking_number",
    "shipped_from_country",
    "harm",
]


def shipments(leads):
    """The shipments of `leads` (a Lead queryset) as tuples in COLUMNS order, lead by lead, oldest first."""
    return (
        EntityLink.objects.filter(entity__lead__in=leads.values("pk"))
        .order_by("entity__lead__id", "submitted_at", "pk")
        .values_list(*_READ)
    )


def latest_shipments(entity_id, limit):
    """The `limit` most recent shipments of one lead's entity, oldest first (over the entity's own index)."""
    rows = EntityLink.objects.filter(entity_id=entity_id).order_by("-submitted_at", "-pk").values_list(*_READ)
    return list(reversed(rows[:limit]))


def shipment_rows(leads):
    return shipments(leads).iterator(chunk_size=CHUNK_SIZE)


class _Echo:
    def write(self, value):
        return value


def _csv_rows(rows):
    """The rows with their times and Yes/No already written as the export rule says (website/times.py): the lead's
    columns once per lead, and the answer's translation once, not once per cell."""
    yes, no = export_value(True), export_value(False)
    lead_id, lead_cells = None, None
    for row in rows:
        if row[0] != lead_id:
            lead_id, lead_cells = row[0], [export_value(value) for value in row[:10]]
        yield [*lead_cells, iso_datetime(row[10]), row[11], row[12], row[13], yes if row[14] else no]


def stream_csv(leads):
    writer = spreadsheets.csv_writer(_Echo())
    yield writer.writerow(COLUMNS)
    for row in _csv_rows(shipment_rows(leads)):
        yield writer.writerow(row)


def _time(value):
    return iso_datetime(value) if value else None


def lead_json(rows):
    """One lead as the feed gives it, from its shipment rows (all with the same lead)."""
    first = dict(zip(COLUMNS, rows[0], strict=True))
    shipments = [
        {
            "reported_at": _time(row[10]),
            "carrier": row[11],
            "parcel_tracking_number": row[12],
            "shipped_from_country": row[13],
            "harm": row[14],
        }
        for row in rows
    ]
    return {
        "lead_id": first["lead_id"],
        "status": first["lead_status"],
        "reviewed_at": _time(first["reviewed_at"]),
        "entity": {"kind": first["entity_kind"], "key": first["entity_key"], "name": first["entity_name"]},
        "report_count": first["entity_report_count"],
        "harm_count": first["entity_harm_count"],
        "first_report_at": _time(first["first_report_at"]),
        "last_report_at": _time(first["last_report_at"]),
        "carriers": sorted({s["carrier"] for s in shipments if s["carrier"]}),
        "parcel_tracking_numbers": sorted(
            {s["parcel_tracking_number"] for s in shipments if s["parcel_tracking_number"]}
        ),
        "shipped_from_countries": sorted({s["shipped_from_country"] for s in shipments if s["shipped_from_country"]}),
        "shipments": shipments,
    }


def leads_json(rows):
    """The lead objects of shipment rows (ordered by lead)."""
    for _lead_id, group in itertools.groupby(rows, key=lambda row: row[0]):
        yield lead_json(list(group))


def stream_json(leads):
    """The feed as one JSON document, written a lead at a time."""
    header = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "generated_at": iso_datetime(timezone.now())}
    yield json.dumps(header)[:-1] + ', "leads": ['
    for index, lead in enumerate(leads_json(shipment_rows(leads))):
        yield ("," if index else "") + "\n" + json.dumps(lead, ensure_ascii=False)
    yield "\n]}\n"
