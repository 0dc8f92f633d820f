"""Rewriting the PDFs reporters send, so staff can open them safely.

Each PDF is opened with pikepdf (qpdf), stripped of everything that can act on its own or carry another file,
and saved again as a fresh file. Only the objects still reachable from the document are written, so anything
hidden after the end of the file or between objects (an HTML page, a script) is dropped too.

Removed: JavaScript (the /JavaScript name tree, /JS entries and JavaScript actions), the action run on opening
(/OpenAction), automatic actions (/AA, on the document, pages, annotations and form fields), embedded files
(/EmbeddedFiles, /EF and file-attachment annotations), launch actions, XFA forms, form-submission and
data-import actions, links that open another file (/GoToR, /GoToE), and rich-media and screen annotations.

A PDF that cannot be parsed, needs a password, has no pages or too many is refused with a plain message.
"""

import io

import pikepdf
from django.utils.translation import gettext_lazy as _

MAX_PAGES = 500

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

UNREADABLE = _("We could not open this PDF; it may be damaged. Save or export it again and send the new file.")
PASSWORD = _(
    "This PDF is protected with a password. Save a copy without a password (for example with “Print to PDF”)"
    " and send that."
)
NO_PAGES = _("This PDF has no pages. Save or export it again and send the new file.")
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
    except (pikepdf.PdfError, ValueError, RecursionError):
        raise PdfRefused(UNREADABLE) from None
    with pdf:
        try:
            pages = len(pdf.pages)
            if pages == 0:
                raise PdfRefused(NO_PAGES)
            if pages > MAX_PAGES:
                raise PdfRefused(TOO_MANY_PAGES % {"max": MAX_PAGES})
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
        except PdfRefused:
            raise
        except (pikepdf.PdfError, ValueError, RecursionError, TypeError, KeyError):
            raise PdfRefused(UNREADABLE) from None
    return output.getvalue(), sorted(removed, key=list(REMOVED_LABELS).index)


def _is_dictionary(obj):
    return isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream))


def _is_direct_container(obj):
    return (_is_dictionary(obj) or isinstance(obj, pikepdf.Array)) and not obj.is_indirect


def _verdict(obj):
    """The code for why `obj` (a value found inside another object) must go, or None to keep it."""
    if not _is_dictionary(obj):
        return None
    subtype = obj.get("/S")
    if isinstance(subtype, pikepdf.Name) and str(subtype) in DROPPED_ACTIONS:
        return DROPPED_ACTIONS[str(subtype)]
    subtype = obj.get("/Subtype")
    if obj.get("/Type", pikepdf.Name.Annot) == pikepdf.Name.Annot and isinstance(subtype, pikepdf.Name):
        return DROPPED_ANNOTATIONS.get(str(subtype))
    return None


def _clean(obj, removed, depth=0):
    """Remove dangerous entries from `obj` and from the direct objects inside it (indirect ones are visited
    on their own, as every object of the file is)."""
    if depth > 100:
        raise PdfRefused(UNREADABLE)
    if _is_dictionary(obj):
        for key in list(obj.keys()):
            value = obj[key]
            verdict = DROPPED_KEYS.get(key) or _verdict(value)
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
