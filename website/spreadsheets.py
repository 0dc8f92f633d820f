"""Spreadsheet cells that cannot run as formulas: every CSV and XLSX the site writes goes through here.

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read as a formula by Excel,
LibreOffice and Google Sheets; `=HYPERLINK(...)` planted in a public search query or a report's seller name
would run on a staff member's machine. As OWASP advises ("CSV Injection"), such a cell gets a single quote in
front, which spreadsheets show as text. Fields are written by Python's csv module, which wraps a field holding a
quote, a comma or a line break in double quotes and doubles the quotes inside, so a cell can never break out
into the next one. Numbers (counts) are left as numbers; only text is touched.

- `safe_cell(value)` for one value, `csv_writer(file)` for a csv.writer that applies it to every cell.
- `SafeSpreadsheetExportMixin` for Wagtail's list exports (CSV and XLSX) in the admin.
- `unquote_cell(text)` undoes `safe_cell` when our own export is imported again.

Every cell also follows the export rule of website/times.py: dates and times in ISO 8601 with the site's UTC
offset and whole seconds (2026-11-30T09:15:00-05:00), True and False as Yes and No.
"""

import csv

from website.times import export_value

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def safe_cell(value):
    """The value as an export writes it (website/times.py), with a quote in front when it is text a spreadsheet
    would read as a formula."""
    value = export_value(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return QUOTE + value
    return value


def unquote_cell(text):
    """A cell of a file we exported, as it was before `safe_cell` (only a quote `safe_cell` added goes)."""
    if isinstance(text, str) and text.startswith(QUOTE) and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


class _SafeWriter:
    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **options):
    """A csv.writer whose every text cell goes through `safe_cell`."""
    return _SafeWriter(csv.writer(file, **options))


class SafeSpreadsheetExportMixin:
    """For a Wagtail view with `list_export` (SpreadsheetExportMixin): each exported value, in CSV and XLSX,
    goes through `safe_cell` after Wagtail's own preprocessing (openpyxl would otherwise be handed a formula)."""

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, export_value(value), export_format))
