"""Reports sent as a CSV file in the partner portal: the partner API's bulk format (POST /api/v1/partner/reports/bulk)
as a spreadsheet, one report a row, read whole before anything is saved.

The file is refused as a whole (nothing saved) when it is too big, not UTF-8 text, not readable as CSV anywhere
in it, has an unknown or missing column, or holds more than `operations.BULK_MAX_ITEMS` reports. Otherwise every
row goes to `operations.bulk_submit`, which saves each good row completely (one transaction each) and refuses a
bad one with its reasons; a row is never saved in part. Sending the same `external_id` again is recognised, so a
corrected file can be uploaded again without duplicating the rows that were already accepted.

A cell our own exports protected from spreadsheets (website/spreadsheets.py) reads back as it was written.
"""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.choices import Reason
from website.spreadsheets import unquote_cell

from . import operations

MAX_ROWS = operations.BULK_MAX_ITEMS
# The longest cell the file may hold (a description is at most 5,000 characters; room for the rest).
MAX_CELL = 20_000
REQUIRED_COLUMNS = ("external_id", "product_category", "description")
COLUMNS = {
    "external_id": gettext_lazy("required; your own id for the report (sending it again is safe), ≤ 100 characters"),
    "product_category": gettext_lazy("required; the product category's code, like chargers"),
    "description": gettext_lazy("required; what was sold and what is wrong with it, 10 to 5,000 characters"),
    "marketplace": gettext_lazy("one of marketplace, seller_name or listing_url is needed; ≤ 200 characters"),
    "seller_name": gettext_lazy("≤ 200 characters"),
    "listing_url": gettext_lazy("an http or https address, ≤ 2,000 characters"),
    "brand": gettext_lazy("≤ 200 characters"),
    "product_name": gettext_lazy("≤ 200 characters"),
    "price_paid": gettext_lazy("a number like 19.99"),
    "currency": gettext_lazy("a 3-letter code like USD (the default)"),
    "purchase_date": gettext_lazy("YYYY-MM-DD"),
    "still_have_item": gettext_lazy("yes or no"),
    "order_number": gettext_lazy("≤ 100 characters"),
    "shipped_from_country": gettext_lazy("a 2-letter country code like CN"),
    "carrier": gettext_lazy("≤ 100 characters"),
    "tracking_number": gettext_lazy("the parcel tracking number, ≤ 100 characters"),
    "reasons": format_lazy(gettext_lazy("codes separated by |, from: {codes}"), codes=", ".join(Reason.values)),
    "harm": gettext_lazy("yes or no: someone was hurt or property damaged"),
    "harm_description": gettext_lazy("needed when harm is yes"),
    "upc": gettext_lazy("the product's barcode number (UPC, EAN or GTIN)"),
    "model_number": gettext_lazy("≤ 100 characters"),
    "serial_or_lot": gettext_lazy("≤ 100 characters"),
    "payment_method": gettext_lazy(
        "card, paypal_or_wallet, bank_transfer, gift_card, crypto, cash_on_delivery, other"
    ),
    "amount_refunded": gettext_lazy("a number like 19.99, not more than price_paid"),
    "found_seller_via": gettext_lazy(
        "marketplace_search, social_media_ad, social_media_post, search_engine, email_or_text, other"
    ),
}
# Reports sent by a partner carry no reporter (partners.operations.submit_one): these columns are refused.
CONTACT_COLUMNS = ("contact", "name", "email", "phone", "contact_name", "contact_email", "contact_phone", "anonymous")


class FileRefused(Exception):
    """The whole file is refused and nothing is saved; the message says what to change."""


@dataclass
class RowResult:
    row_number: int
    external_id: str
    status: str  # created, already_received, invalid
    tracking_number: str = ""
    errors: list = field(default_factory=list)

    @property
    def accepted(self):
        return self.status != "invalid"

    def as_dict(self):
        return {
            "row_number": self.row_number,
            "external_id": self.external_id,
            "status": self.status,
            "tracking_number": self.tracking_number,
            "errors": self.errors,
        }


def decode(raw):
    """The file's bytes as text, or FileRefused."""
    if len(raw) > settings.PARTNER_CSV_MAX_BYTES:
        raise FileRefused(
            _("The file is larger than %(size)s KB. Split it into smaller files.")
            % {"size": f"{settings.PARTNER_CSV_MAX_BYTES // 1024:,}"}
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(_("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again.")) from error
    if "\x00" in text:
        raise FileRefused(_("The file is not a CSV text file. Save it as “CSV UTF-8” and upload it again."))
    return text


def _header(reader):
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    if not any(header):
        raise FileRefused(_("The file is empty. Its first row must name the columns, like external_id."))
    contact = [name for name in header if name in CONTACT_COLUMNS]
    if contact:
        raise FileRefused(
            _("Remove the column(s) %(columns)s: reports sent by your organisation carry no reporter contact details.")
            % {"columns": ", ".join(contact)}
        )
    unknown = [name or _("(no name)") for name in header if name not in COLUMNS]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    problems = []
    if missing:
        problems.append(_("Add the column(s): %(columns)s.") % {"columns": ", ".join(missing)})
    if unknown:
        problems.append(_("Unknown column(s): %(columns)s.") % {"columns": ", ".join(unknown)})
    if repeated:
        problems.append(_("Column(s) named twice: %(columns)s.") % {"columns": ", ".join(repeated)})
    if problems:
        problems.append(_("The columns are listed on this page."))
        raise FileRefused(" ".join(problems))
    return header


def _item(row):
    """A CSV row as an item of the API's bulk format: empty cells left out, reasons as a list."""
    item = {}
    for name, value in row.items():
        value = unquote_cell((value or "").strip())
        if not value:
            continue
        if name == "reasons":
            value = [code.strip() for code in value.replace(",", "|").split("|") if code.strip()]
        item[name] = value
    return item


def read(text):
    """The file's reports as (row_number, item) pairs; the header is row 1, as in a spreadsheet."""
    # strict: a quote left open, or text after a closing quote, is an error rather than a guess.
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    items = []
    try:
        reader.fieldnames = _header(reader)
        for number, row in enumerate(reader, start=2):
            if None in row:
                raise FileRefused(
                    _("Row %(row)s has more cells than the header has columns. Check for a stray comma.")
                    % {"row": number}
                )
            if not any((value or "").strip() for value in row.values()):
                continue
            if any(len(value or "") > MAX_CELL for value in row.values()):
                raise FileRefused(
                    _("Row %(row)s has a cell longer than %(max)s characters.")
                    % {"row": number, "max": f"{MAX_CELL:,}"}
                )
            if len(items) >= MAX_ROWS:
                raise FileRefused(
                    _("The file holds more than %(max)s reports. Send at most %(max)s at a time: split the file.")
                    % {"max": MAX_ROWS}
                )
            items.append((number, _item(row)))
    except csv.Error as error:
        raise FileRefused(
            _("The file cannot be read as CSV near row %(row)s (%(error)s). Nothing was saved.")
            % {"row": reader.line_num, "error": error}
        ) from error
    if not items:
        raise FileRefused(_("The file has a header but no reports under it."))
    return items


def upload(raw, *, partner):
    """Read the whole file, then send its reports like the API's bulk route does. Returns a RowResult per row."""
    items = read(decode(raw))
    outcomes = operations.bulk_submit([item for _number, item in items], partner=partner)
    return [
        RowResult(
            row_number=number,
            external_id=outcome.get("external_id") or "",
            status=outcome["status"],
            tracking_number=outcome.get("tracking_number") or "",
            errors=[
                f"{name}: {message}"
                for name, messages in (outcome.get("errors") or {}).items()
                for message in messages
            ],
        )
        for (number, _item), outcome in zip(items, outcomes, strict=True)
    ]
