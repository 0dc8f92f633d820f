"""Checking and cleaning the photos and documents reporters send.

Files are judged by their content (their first bytes), never by their name or the type the browser claims.
Photos are opened with Pillow, refused when they declare more pixels than we are willing to decode (a
"decompression bomb"), turned upright from their EXIF orientation and saved again from their pixels alone,
so no EXIF, GPS, XMP or colour-profile data is kept. HEIC photos become JPEG. PDFs are rewritten by
pdfs.rewrite: JavaScript, automatic actions, embedded files, launch actions and XFA forms are removed and a
fresh file is saved; a PDF that cannot be parsed or needs a password is refused.

Every file is stored and downloaded under a name made from what its content is (`report-CF-7K3M-Q9PX-file-2.pdf`,
see Attachment.download_name), never from the name the reporter's device gave it; that name is kept only as
text for staff.
"""

import hashlib
import io
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from . import pdfs
from .validation import CONTROL_CHARACTERS

MAX_FILES = 5
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
NOT_ACCEPTED = _("This file is not a photo (JPEG, PNG, WebP, HEIC) or a PDF.")

HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}

# detected kind: (Pillow format, stored extension, stored content type)
OUTPUTS = {
    "jpeg": ("JPEG", "jpg", "image/jpeg"),
    "png": ("PNG", "png", "image/png"),
    "webp": ("WEBP", "webp", "image/webp"),
    "heic": ("JPEG", "jpg", "image/jpeg"),
    "pdf": (None, "pdf", "application/pdf"),
}
PILLOW_FORMATS = {"jpeg": {"JPEG", "MPO"}, "png": {"PNG"}, "webp": {"WEBP"}, "heic": {"HEIF"}}
# What we store, by content type: (the kind its first bytes must sniff as, the extension it is served with).
STORED_TYPES = {"image/jpeg": ("jpeg", "jpg"), "image/png": ("png", "png"), "image/webp": ("webp", "webp")}
STORED_TYPES["application/pdf"] = ("pdf", "pdf")
UNKNOWN_TYPE = ("application/octet-stream", "bin")


class AttachmentError(Exception):
    def __init__(self, message, too_large=False):
        super().__init__(str(message))
        self.message = message
        self.too_large = too_large


@dataclass(frozen=True)
class CleanFile:
    """A file ready to store: clean bytes, what they are, the name the reporter gave it, and, for a PDF,
    what was removed from it (codes of pdfs.REMOVED_LABELS)."""

    content: bytes
    extension: str
    content_type: str
    original_name: str
    removed: tuple = ()

    @property
    def size(self):
        return len(self.content)

    @property
    def sha256(self):
        return hashlib.sha256(self.content).hexdigest()


def sniff(head):
    """What the first bytes say the file is: jpeg, png, webp, heic, pdf, or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return "heic"
    if head.startswith(b"%PDF-"):
        return "pdf"
    return None


def clean_name(name):
    """The reporter's file name, kept for staff: no folders, no control characters, at most 200 characters."""
    name = unicodedata.normalize("NFC", PurePath(str(name or "").replace("\\", "/")).name)
    name = CONTROL_CHARACTERS.sub("", name).strip()
    return name[-200:]


def read_upload(upload):
    """The bytes of an uploaded file (Django UploadedFile or any file-like object), refusing big ones early."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_FILE_BYTES:
        raise AttachmentError(_("This file is larger than 10 MB. Send a smaller photo or a shorter PDF."), True)
    upload.seek(0)
    content = upload.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise AttachmentError(_("This file is larger than 10 MB. Send a smaller photo or a shorter PDF."), True)
    return content


def check_file(upload, name=None):
    """Check and clean one upload. Returns a CleanFile or raises AttachmentError with a plain message."""
    content = upload if isinstance(upload, bytes) else read_upload(upload)
    if len(content) > MAX_FILE_BYTES:
        raise AttachmentError(_("This file is larger than 10 MB. Send a smaller photo or a shorter PDF."), True)
    if not content:
        raise AttachmentError(_("This file is empty. Choose the file again."))
    original_name = clean_name(name if name is not None else getattr(upload, "name", ""))
    kind = sniff(content[:32])
    if kind is None:
        raise AttachmentError(NOT_ACCEPTED)
    if kind == "pdf":
        try:
            clean, removed = pdfs.rewrite(content)
        except pdfs.PdfRefused as refused:
            raise AttachmentError(refused.message) from None
        if len(clean) > MAX_FILE_BYTES:
            raise AttachmentError(_("This file is larger than 10 MB. Send a smaller photo or a shorter PDF."), True)
        return CleanFile(clean, "pdf", "application/pdf", original_name, tuple(removed))
    return _reencode_image(content, kind, original_name)


def served_as(head, content_type):
    """(content type, extension) to serve a stored file with: its recorded type when its first bytes agree,
    else application/octet-stream and .bin. Rows stored before files were named this way are served by the
    same rule, so no stored file is ever sent as HTML or under the reporter's own name."""
    expected = STORED_TYPES.get(content_type)
    if expected and sniff(head) == expected[0]:
        return content_type, expected[1]
    return UNKNOWN_TYPE


def _open_heif_support():
    import pillow_heif

    pillow_heif.register_heif_opener()


def _reencode_image(content, kind, original_name):
    if kind == "heic":
        _open_heif_support()
    out_format, extension, content_type = OUTPUTS[kind]
    too_big = _("This photo is too large to process (more than 40 megapixels). Send a smaller photo or a screenshot.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(content))
            if image.format not in PILLOW_FORMATS[kind]:
                raise AttachmentError(NOT_ACCEPTED)
            if image.width * image.height > MAX_PIXELS:
                raise AttachmentError(too_big)
            image.load()
            image = ImageOps.exif_transpose(image)
            clean = _pixels_only(image, out_format)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise AttachmentError(too_big) from None
    except AttachmentError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise AttachmentError(
            _("We could not open this photo; it may be damaged. Try taking or saving it again.")
        ) from None

    buffer = io.BytesIO()
    options = {"JPEG": {"quality": 90, "optimize": True}, "WEBP": {"quality": 90}, "PNG": {"optimize": True}}
    clean.save(buffer, format=out_format, **options[out_format])
    return CleanFile(buffer.getvalue(), extension, content_type, original_name)


def _pixels_only(image, out_format):
    """A new image holding only the pixels: no EXIF, GPS, XMP, ICC profile or text chunks."""
    if image.mode == "P" or image.mode == "PA":
        image = image.convert("RGBA")
    if out_format == "JPEG":
        wanted = "L" if image.mode in {"1", "L", "I;16", "I", "F"} else "RGB"
    elif image.mode in {"RGB", "RGBA", "L", "LA"} and not (out_format == "WEBP" and image.mode in {"L", "LA"}):
        wanted = image.mode
    else:
        wanted = "RGBA" if "A" in image.mode or "transparency" in image.info else "RGB"
    if image.mode != wanted:
        image = image.convert(wanted)
    return Image.frombytes(image.mode, image.size, image.tobytes())


def check_files(uploads, already=0):
    """Check a batch. Returns (clean files, error messages, whether a file was too large)."""
    clean, errors, too_large = [], [], False
    if len(uploads) + already > MAX_FILES:
        if already:
            message = _("You can send up to %(max)s files in all; you can add %(left)s more.") % {
                "max": MAX_FILES,
                "left": max(MAX_FILES - already, 0),
            }
        else:
            message = _("Send at most %(max)s files; you chose %(count)s.") % {"max": MAX_FILES, "count": len(uploads)}
        return [], [message], False
    for upload in uploads:
        try:
            clean.append(check_file(upload))
        except AttachmentError as error:
            errors.append(f"{clean_name(getattr(upload, 'name', '')) or _('A file')}: {error.message}")
            too_large = too_large or error.too_large
    return clean, errors, too_large
