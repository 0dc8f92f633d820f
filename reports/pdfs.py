"""Rewriting the PDFs reporters send, so staff can open them safely.

Each PDF is opened with pikepdf (qpdf), stripped of everything that can act on its own or carry another file,
and saved again as a fresh file. Only the objects still reachable from the document are written, so anything
hidden after the end of the file or between objects (an HTML page, a script) is dropped too.

Removed: JavaScript (the /JavaScript name tree, /JS entries and JavaScript actions), the action run on opening
(/OpenAction), automatic actions (/AA, on the document, pages, annotations and form fields), embedded files
(/EmbeddedFiles, /EF and file-attachment annotations), launch actions, XFA forms, form-submission and
data-import actions, links that open another file (/GoToR, /GoToE), and rich-media and screen annotations.

A PDF that cannot be parsed, needs a password, has no pages or too many, or too many objects to check, is
refused with a plain message; so is one whose rewritten copy does not open with every page.
"""

import io
import logging

import pikepdf
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

MAX_PAGES = 500
MAX_OBJECTS = 100_000  # a receipt has hundreds; millions of tiny objects would only tie up the server

# What was removed, as short codes stored on the Attachment row, and how staff read them.
REMOVED_LABELS = {
    "javascript": _("JavaScript"),
    "open_action": _("an action run when the file is opened"),
    "automatic_actions": _("automatic actions"),
    "embedded_files": _("embedded files"),
    "launch": _("an action that starts a program"),
    "xfa": _("an XFA form"),
    "form_submission": _("an action that sends form data"),
    "other_file_links": _("links that open another file"),
    "rich_media": _("rich media (video, sound or Flash)"),
}

# Action types (/S) that are removed wherever they appear, and what removing them is called.
DROPPED_ACTIONS = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "form_submission",
    "/ImportData": "form_submission",
    "/GoToR": "other_file_links",
    "/GoToE": "other_file_links",
    "/RichMediaExecute": "rich_media",
    "/Rendition": "rich_media",
    "/Movie": "rich_media",
    "/Sound": "rich_media",
}
# Annotation types (/Subtype) that are taken off their page.
DROPPED_ANNOTATIONS = {
    "/FileAttachment": "embedded_files",
    "/RichMedia": "rich_media",
    "/Screen": "rich_media",
    "/Movie": "rich_media",
    "/Sound": "rich_media",
}
# Dictionary keys removed wherever they appear.
DROPPED_KEYS = {
    "/JavaScript": "javascript",  # the document's JavaScript name tree
    "/JS": "javascript",
    "/OpenAction": "open_action",
    "/AA": "automatic_actions",
    "/EmbeddedFiles": "embedded_files",  # the document's embedded-file name tree
    "/EF": "embedded_files",  # the file inside a file specification
    "/Collection": "embedded_files",  # a PDF portfolio
    "/XFA": "xfa",
    "/NeedsRendering": "xfa",
    "/RichMediaContent": "rich_media",
}

# Entries that hold the document together; a hostile file dressing its catalog up as an action keeps them.
STRUCTURE_KEYS = {"/Root", "/Pages", "/Parent"}

UNREADABLE = _("We could not open this PDF; it may be damaged. Save or export it again and send the new file.")
PASSWORD = _(
    "This PDF is protected with a password. Save a copy without a password (for example with “Print to PDF”)"
    " and send that."
)
NO_PAGES = _("This PDF has no pages. Save or export it again and send the new file.")
TOO_COMPLEX = _("This PDF is too complex for us to check. Print it to a new PDF and send that.")
TOO_MANY_PAGES = _("This PDF has more than %(max)s pages. Send only the pages about this purchase.")


class PdfRefused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def rewrite(content):
    """(clean PDF bytes, codes of what was removed in REMOVED_LABELS order). Raises PdfRefused with a plain
    message."""
    try:
        pdf = pikepdf.open(io.BytesIO(content))
    except pikepdf.PasswordError:
        raise PdfRefused(PASSWORD) from None
    except Exception:  # noqa: BLE001 - whatever qpdf makes of a hostile file, the reporter gets a plain answer
        logger.info("A PDF could not be opened", exc_info=True)
        raise PdfRefused(UNREADABLE) from None
    with pdf:
        try:
            pages = len(pdf.pages)
            if pages == 0:
                raise PdfRefused(NO_PAGES)
            if pages > MAX_PAGES:
                raise PdfRefused(TOO_MANY_PAGES % {"max": MAX_PAGES})
            if len(pdf.objects) > MAX_OBJECTS:
                raise PdfRefused(TOO_COMPLEX)
            removed = set()
            _clean(pdf.trailer, removed)
            for obj in pdf.objects:
                _clean(obj, removed)
            output = io.BytesIO()
            pdf.save(
                output,
                encryption=False,  # an owner-only password (no password to open) is dropped with the rest
                compress_streams=True,
                # Streams are copied as they are, never decoded: a small stream that inflates to gigabytes
                # costs nothing.
                stream_decode_level=pikepdf.StreamDecodeLevel.none,
                object_stream_mode=pikepdf.ObjectStreamMode.generate,
                deterministic_id=True,
            )
            _check_rewritten(output.getvalue(), pages)
        except PdfRefused:
            raise
        except Exception:  # noqa: BLE001 - as above: a damaged object found while rewriting is the file's fault
            logger.info("A PDF could not be rewritten", exc_info=True)
            raise PdfRefused(UNREADABLE) from None
    return output.getvalue(), sorted(removed, key=list(REMOVED_LABELS).index)


def _check_rewritten(content, pages):
    """The rewritten file must open and keep every page; a damaged original may rewrite into one that does not."""
    with pikepdf.open(io.BytesIO(content)) as rewritten:
        if len(rewritten.pages) != pages:
            raise PdfRefused(UNREADABLE)


def _is_dictionary(obj):
    return isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream))


def _is_direct_container(obj):
    return (_is_dictionary(obj) or isinstance(obj, pikepdf.Array)) and not obj.is_indirect


def _name(obj):
    """A PDF name as text, or None (not a name, or bytes that are not UTF-8 and so match nothing we remove)."""
    if not isinstance(obj, pikepdf.Name):
        return None
    try:
        return str(obj)
    except UnicodeDecodeError:
        return None


def _verdict(obj):
    """The code for why `obj` (a value found inside another object) must go, or None to keep it."""
    if not _is_dictionary(obj):
        return None
    action = _name(obj.get("/S"))
    if action in DROPPED_ACTIONS:
        return DROPPED_ACTIONS[action]
    # By subtype alone: no other kind of PDF object uses these subtypes, and /Type is optional on annotations.
    return DROPPED_ANNOTATIONS.get(_name(obj.get("/Subtype")))


def _clean(obj, removed, depth=0):
    """Remove dangerous entries from `obj` and from the direct objects inside it (indirect ones are visited
    on their own, as every object of the file is)."""
    if depth > 100:
        raise PdfRefused(UNREADABLE)
    if _is_dictionary(obj):
        for key in list(obj.keys()):
            value = obj[key]
            verdict = DROPPED_KEYS.get(key) or (key not in STRUCTURE_KEYS and _verdict(value))
            if verdict:
                del obj[key]
                _note(verdict, value, removed)
            elif _is_direct_container(value):
                _clean(value, removed, depth + 1)
    elif isinstance(obj, pikepdf.Array):
        for index in reversed(range(len(obj))):
            value = obj[index]
            verdict = _verdict(value)
            if verdict:
                del obj[index]
                _note(verdict, value, removed)
            elif _is_direct_container(value):
                _clean(value, removed, depth + 1)


def _note(verdict, value, removed):
    """Record why `value` was removed and what it held (automatic actions that ran JavaScript: both)."""
    removed.add(verdict)
    pending, seen = [value], set()
    while pending and len(seen) < 1000:
        obj = pending.pop()
        if getattr(obj, "is_indirect", False):
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        if _is_dictionary(obj):
            for key in obj.keys():
                child = obj[key]
                found = DROPPED_KEYS.get(key) or _verdict(child)
                if found:
                    removed.add(found)
                if _is_dictionary(child) or isinstance(child, pikepdf.Array):
                    pending.append(child)
        elif isinstance(obj, pikepdf.Array):
            for child in obj:
                found = _verdict(child)
                if found:
                    removed.add(found)
                if _is_dictionary(child) or isinstance(child, pikepdf.Array):
                    pending.append(child)
