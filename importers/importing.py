"""Batch import of importers from CSV (columns below; the admin's import page shows the same list).

Every row is validated before anything is written. Good rows are imported, each in its own transaction;
bad rows are reported with their row number (the header is row 1, as in a spreadsheet) and reasons. A row
is matched on `external_id` when it has one, otherwise on legal name and country, so importing a file twice
changes nothing. Changing an existing importer's status needs a `status_reason`.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reference import hosts
from reference.countries import COUNTRY_CODES
from reference.sellers import seller_name_key
from website.spreadsheets import unquote_cell

from .models import IdentifierKind, Importer, ImporterIdentifier, Program, TradeName, VettingStatus, identifier_key

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"
REQUIRED_COLUMNS = ("legal_name", "country", "program", "status", "vetted_on", "valid_until")
OPTIONAL_COLUMNS = ("external_id", "trade_names", "domains", "store_urls", "public_notes", "status_reason")
COLUMNS = {
    "external_id": gettext_lazy("optional; your stable ID for the importer (rows are matched on it when given)"),
    "legal_name": gettext_lazy("required; at most 255 characters"),
    "trade_names": gettext_lazy("optional; several separated by |"),
    "domains": gettext_lazy("optional; website domains separated by | (acme.example or https://www.acme.example/)"),
    "store_urls": gettext_lazy(
        "optional; marketplace store addresses separated by | (https://marketplace.example/shops/acme)"
    ),
    "country": gettext_lazy("required; ISO 3166 two-letter code (US, MX, CN...)"),
    "program": format_lazy(
        gettext_lazy("required; {values} (or the program's name)"), values=", ".join(Program.values)
    ),
    "status": format_lazy(gettext_lazy("required; {values}"), values=", ".join(VettingStatus.values)),
    "vetted_on": gettext_lazy("required; YYYY-MM-DD"),
    "valid_until": gettext_lazy("required; YYYY-MM-DD, not before vetted_on"),
    "public_notes": gettext_lazy("optional; shown on the public directory"),
    "status_reason": gettext_lazy("needed when the row changes an existing importer's status"),
}
MAX_ROWS = 10_000
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class ImporterRecord:
    row_number: int
    legal_name: str
    country: str
    program: str
    status: str
    vetted_on: date
    valid_until: date
    external_id: str = ""
    trade_names: list = field(default_factory=list)
    domains: list = field(default_factory=list)
    store_urls: list = field(default_factory=list)
    public_notes: str = ""
    status_reason: str = ""

    def key(self):
        if self.external_id:
            return ("external_id", self.external_id)
        return ("name", seller_name_key(self.legal_name), self.country)

    def identifiers(self):
        return [(IdentifierKind.DOMAIN, key) for key in self.domains] + [
            (IdentifierKind.STORE_URL, key) for key in self.store_urls
        ]


@dataclass
class RowError:
    row_number: int
    reasons: list

    def __str__(self):
        return _("row %(number)s: %(reasons)s") % {"number": self.row_number, "reasons": "; ".join(self.reasons)}


def _list(value):
    return [item.strip() for item in re.split(r"[|\n]", value or "") if item.strip()]


def _date(row, name, errors):
    value = (row.get(name) or "").strip()
    if not value:
        errors.append(_("'%(column)s' is required") % {"column": name})
        return None
    try:
        if not _DATE.match(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        errors.append(
            _("'%(column)s' must be a date written YYYY-MM-DD (got %(value)r)") % {"column": name, "value": value}
        )
        return None


def _choice(value, choices):
    """Accept the stored value or the label, case-insensitively."""
    wanted = (value or "").strip().casefold()
    for stored, label in choices:
        if wanted in (stored.casefold(), str(label).casefold()):
            return stored
    return None


def parse_row(row_number, row):
    """Validate one row (a dict from csv.DictReader). Returns an ImporterRecord or a RowError."""
    errors = []
    if None in row:
        errors.append(_("the row has more cells than the header"))
    # A cell our own export protected from spreadsheets (website/spreadsheets.py) reads back as it was.
    row = {key: unquote_cell(value or "") for key, value in row.items() if key is not None}
    legal_name = row.get("legal_name", "").strip()
    if not legal_name:
        errors.append(_("'legal_name' is required"))
    elif len(legal_name) > 255:
        errors.append(_("'legal_name' is %(length)s characters long; the limit is 255") % {"length": len(legal_name)})
    elif not seller_name_key(legal_name):
        errors.append(_("'legal_name' needs letters or digits"))

    external_id = row.get("external_id", "").strip()
    if len(external_id) > 64:
        errors.append(_("'external_id' is longer than 64 characters"))

    country = row.get("country", "").strip().upper()
    if not country:
        errors.append(_("'country' is required"))
    elif country not in COUNTRY_CODES:
        errors.append(
            _("'country' must be an ISO two-letter country code like US or MX (got %(value)r)") % {"value": country}
        )

    program = _choice(row.get("program"), Program.choices)
    if program is None:
        errors.append(
            _("'program' must be one of %(values)s (got %(value)r)")
            % {"values": ", ".join(Program.values), "value": row.get("program", "")}
        )
    status = _choice(row.get("status"), VettingStatus.choices)
    if status is None:
        errors.append(
            _("'status' must be one of %(values)s (got %(value)r)")
            % {"values": ", ".join(VettingStatus.values), "value": row.get("status", "")}
        )

    vetted_on = _date(row, "vetted_on", errors)
    valid_until = _date(row, "valid_until", errors)
    if vetted_on and valid_until and valid_until < vetted_on:
        errors.append(_("'valid_until' is before 'vetted_on'"))

    trade_names = list(dict.fromkeys(_list(row.get("trade_names"))))
    if any(len(name) > 255 for name in trade_names):
        errors.append(_("each trade name must be at most 255 characters"))

    keys = {}
    for column, kind in (("domains", IdentifierKind.DOMAIN), ("store_urls", IdentifierKind.STORE_URL)):
        keys[column] = []
        for value in _list(row.get(column)):
            try:
                key = identifier_key(kind, value)
            except hosts.AddressError as error:
                errors.append(f"'{column}': {value[:80]!r}: {error}")
                continue
            if len(value) > 500:
                errors.append(_("'%(column)s': an address is longer than 500 characters") % {"column": column})
            elif key not in keys[column]:
                keys[column].append(key)

    notes = row.get("public_notes", "").strip()
    if len(notes) > 5000:
        errors.append(_("'public_notes' is longer than 5000 characters"))

    if errors:
        return RowError(row_number, errors)
    return ImporterRecord(
        row_number=row_number,
        legal_name=legal_name,
        country=country,
        program=program,
        status=status,
        vetted_on=vetted_on,
        valid_until=valid_until,
        external_id=external_id,
        trade_names=trade_names,
        domains=keys["domains"],
        store_urls=keys["store_urls"],
        public_notes=notes,
        status_reason=row.get("status_reason", "").strip(),
    )


def parse_csv(text):
    """Validate a whole file; returns (records, errors). A missing column fails the whole file (row 1)."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        return [], [RowError(1, [_("the header cannot be read (%(error)s)") % {"error": error}])]
    if not header:
        return [], [RowError(1, [_("the file is empty; the first row must name the columns")])]
    reader.fieldnames = header
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    unknown = [name for name in header if name and name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown:
        reasons = []
        if missing:
            reasons.append(_("missing column(s): %(columns)s") % {"columns": ", ".join(missing)})
        if unknown:
            reasons.append(
                _("unknown column(s): %(unknown)s; the columns are %(columns)s")
                % {"unknown": ", ".join(unknown), "columns": ", ".join(COLUMNS)}
            )
        return [], [RowError(1, reasons)]

    records, errors, seen_keys, seen_identifiers = [], [], {}, {}
    try:
        for row in reader:
            row_number = reader.line_num
            if not any((value or "").strip() for key, value in row.items() if key is not None):
                continue
            if len(records) + len(errors) >= MAX_ROWS:
                errors.append(
                    RowError(row_number, [_("the file has more than %(max)s rows; split it") % {"max": MAX_ROWS}])
                )
                break
            result = parse_row(row_number, row)
            if isinstance(result, RowError):
                errors.append(result)
                continue
            if result.key() in seen_keys:
                errors.append(
                    RowError(
                        row_number,
                        [_("the same importer is already on row %(row)s") % {"row": seen_keys[result.key()]}],
                    )
                )
                continue
            clashes = [
                _("%(key)s is also on row %(row)s") % {"key": key, "row": seen_identifiers[(kind, key)]}
                for kind, key in result.identifiers()
                if (kind, key) in seen_identifiers
            ]
            if clashes:
                errors.append(RowError(row_number, clashes))
                continue
            seen_keys[result.key()] = row_number
            for identifier in result.identifiers():
                seen_identifiers[identifier] = row_number
            records.append(result)
    except csv.Error as error:
        errors.append(
            RowError(reader.line_num, [_("the CSV cannot be read from here on (%(error)s)") % {"error": error}])
        )
    return records, errors


def find_existing(record):
    by_name = Importer.objects.filter(name_key=seller_name_key(record.legal_name), country=record.country)
    if record.external_id:
        # An importer entered by hand (without an ID) is matched by name, and gets the ID.
        found = Importer.objects.filter(external_id=record.external_id).first()
        return found or by_name.filter(external_id__isnull=True).first()
    return by_name.first()


def _snapshot(importer):
    return {
        "legal_name": importer.legal_name,
        "external_id": importer.external_id or "",
        "country": importer.country,
        "program": importer.program,
        "status": importer.status,
        "vetted_on": importer.vetted_on,
        "valid_until": importer.valid_until,
        "public_notes": importer.public_notes,
        "trade_names": [trade.name for trade in importer.trade_names.all()],
        "identifiers": sorted((i.kind, i.match_key) for i in importer.identifiers.all()),
    }


def _wanted(record, existing):
    return {
        "legal_name": record.legal_name,
        "external_id": record.external_id or (existing.external_id if existing else "") or "",
        "country": record.country,
        "program": record.program,
        "status": record.status,
        "vetted_on": record.vetted_on,
        "valid_until": record.valid_until,
        "public_notes": record.public_notes,
        "trade_names": record.trade_names,
        "identifiers": sorted(record.identifiers()),
    }


def import_record(record, user=None, source="CSV import"):
    """Create or update one importer. Returns CREATED, UPDATED or UNCHANGED; raises ValueError for a conflict."""
    existing = find_existing(record)
    owners = (
        ImporterIdentifier.objects.filter(
            kind__in=[kind for kind, _key in record.identifiers()],
            match_key__in=[key for _kind, key in record.identifiers()],
        )
        .exclude(importer=existing)
        .select_related("importer")
    )
    taken = [
        _("%(key)s already belongs to %(importer)s") % {"key": identifier.match_key, "importer": identifier.importer}
        for identifier in owners
        if (identifier.kind, identifier.match_key) in set(record.identifiers())
    ]
    if taken:
        raise ValueError("; ".join(taken))
    wanted = _wanted(record, existing)
    if existing is not None and _snapshot(existing) == wanted:
        return UNCHANGED
    if existing is not None and existing.status != record.status and not record.status_reason:
        raise ValueError(
            _("the status changes from %(old)s to %(new)s; add a 'status_reason' saying why")
            % {"old": existing.status, "new": record.status}
        )

    with transaction.atomic():
        importer = existing or Importer()
        importer.legal_name = record.legal_name
        importer.external_id = wanted["external_id"] or None
        importer.country = record.country
        importer.program = record.program
        importer.vetted_on = record.vetted_on
        importer.valid_until = record.valid_until
        importer.public_notes = record.public_notes
        reason = record.status_reason or (f"Added by {source} (row {record.row_number})" if not existing else "")
        importer.change_status(record.status, reason, user)
        importer.save()
        if [trade.name for trade in importer.trade_names.all()] != record.trade_names:
            importer.trade_names.all().delete()
            for position, name in enumerate(record.trade_names):
                TradeName.objects.create(importer=importer, name=name, sort_order=position)
        current = {(i.kind, i.match_key): i for i in importer.identifiers.all()}
        wanted_identifiers = record.identifiers()
        for key, identifier in current.items():
            if key not in wanted_identifiers:
                identifier.delete()
        for position, (kind, key) in enumerate(wanted_identifiers):
            if (kind, key) not in current:
                ImporterIdentifier.objects.create(importer=importer, kind=kind, value=key, sort_order=position)
    return CREATED if existing is None else UPDATED


def import_records(records, user=None, source="CSV import", progress=None):
    """Import validated records; returns (counts, errors) where errors are RowErrors for rows that failed."""
    counts = {CREATED: 0, UPDATED: 0, UNCHANGED: 0, FAILED: 0}
    errors = []
    for position, record in enumerate(records, start=1):
        try:
            outcome = import_record(record, user=user, source=source)
        except ValueError as error:
            counts[FAILED] += 1
            errors.append(RowError(record.row_number, [str(error)]))
            outcome = FAILED
        else:
            counts[outcome] += 1
        if progress:
            progress(position, len(records), record, outcome)
    return counts, errors
