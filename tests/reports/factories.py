"""Test data for reports: a valid API payload, saved reports, and files (photos, PDFs, a pixel bomb)."""

import io
import struct
import zlib

import factory
from django.utils import timezone
from PIL import Image

from reports.models import Report, ReporterContact
from reports.receipts import hash_receipt_key, new_tracking_number
from tests.factories import ProductCategoryFactory

RECEIPT_KEY = "ABCDE-FGHJK-MNPQR-STUVW"


def payload(category_slug="chargers", **overrides):
    """A complete, valid report in the contract's JSON shape."""
    data = {
        "product_category": category_slug,
        "brand": "Volta",
        "product_name": "65 W USB-C charger",
        "description": "The charger got very hot and smelled of burning plastic after ten minutes.",
        "price_paid": "12.99",
        "currency": "USD",
        "purchase_date": "2026-01-15",
        "still_have_item": True,
        "marketplace": "BargainMart",
        "seller_name": "best-deals-4u",
        "listing_url": "https://bargainmart.example.com/item/123",
        "order_number": "BM-99887766",
        "shipped_from_country": "CN",
        "carrier": "USPS",
        "tracking_number": "9400 1000 0000 0000 0000 00",
        "reasons": ["price_too_low", "no_safety_marks"],
        "harm": False,
        "anonymous": False,
        "contact": {"name": "Ana Reporter", "email": "ana@example.com", "phone": "555-0100"},
        "preferred_language": "en",
        "consent": True,
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def multipart_fields(**overrides):
    """payload(...) as the fields of a multipart form (how the report API takes files): nested contact fields
    as `contact.<name>`, booleans as "true"/"false"."""
    data = payload(**overrides)
    fields = {key: value for key, value in data.items() if key not in {"contact", "reasons"}}
    fields = {key: str(value).lower() if isinstance(value, bool) else value for key, value in fields.items()}
    fields["reasons"] = data["reasons"]
    for key, value in data["contact"].items():
        fields[f"contact.{key}"] = value
    return fields


class ReportFactory(factory.django.DjangoModelFactory):
    tracking_number = factory.LazyFunction(new_tracking_number)
    receipt_key_hash = factory.LazyFunction(lambda: hash_receipt_key(RECEIPT_KEY))
    product_category = factory.SubFactory(ProductCategoryFactory)
    description = "A fake charger that overheated."
    marketplace = "BargainMart"
    consent_at = factory.LazyFunction(timezone.now)
    fingerprint = factory.Sequence(lambda n: f"{n:064x}")

    class Meta:
        model = Report


class ReporterContactFactory(factory.django.DjangoModelFactory):
    report = factory.SubFactory(ReportFactory)
    name = "Ana Reporter"
    email = "ana@example.com"
    phone = "555-0100"

    class Meta:
        model = ReporterContact


def image_bytes(fmt="JPEG", size=(64, 48), mode="RGB", **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, (200, 30, 30) if mode == "RGB" else 128).save(buffer, format=fmt, **save_options)
    return buffer.getvalue()


def jpeg_with_gps():
    """A JPEG whose EXIF holds a camera model, GPS coordinates and a 'rotate 90°' orientation."""
    image = Image.new("RGB", (80, 40), (10, 120, 200))
    exif = Image.Exif()
    exif[0x0110] = "Secret Camera 3000"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to display
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (38.0, 53.0, 23.0)
    gps[3] = "W"
    gps[4] = (77.0, 2.0, 11.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def pdf_bytes(build=None, **save_options):
    """A one-page PDF made with pikepdf; `build(pdf)` may add objects to it before it is saved."""
    import pikepdf

    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(200, 200))
        if build:
            build(pdf)
        buffer = io.BytesIO()
        pdf.save(buffer, **save_options)
    return buffer.getvalue()


def _png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bomb(width=20000, height=20000):
    """A valid 1-bit PNG of width x height white pixels: a few kilobytes that would decode to many megabytes."""
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")
