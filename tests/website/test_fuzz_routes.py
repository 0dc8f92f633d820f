"""Fuzzing every public form and JSON route outside /api/v1/ (that one has its schemathesis contract test).

hypothesis sends random and garbled values: odd text (NUL, lone surrogates as raw bytes, very long), arrays
where one value is expected, random JSON of any shape, missing management fields, wrong step names, files
with the wrong content. Every answer must be below 500, and nothing may be half-saved: a report exists only
after an answer that says it was received. Derandomised, so CI sees the same examples every run.
"""

import json
from urllib.parse import quote_from_bytes

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports import wizard
from reports.models import Attachment, Report, ReporterAddition
from tests.factories import ArticlePageFactory, ProductCategoryFactory, TopicFactory
from tests.reports.factories import RECEIPT_KEY, ReportFactory, payload

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None
)

# Text a person or a script might send: plain words, query syntax, control characters, very long strings.
odd_text = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30),
    st.sampled_from(['"', "(", "*", "-", ":", "OR", "NEAR(", "\\", "\x00", "%", "'", "[", "http://[::1", "1e999999"]),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=250, max_size=6000),
    st.integers().map(str),
    st.just("9" * 5000),
)
# Raw bytes for a query string: invalid UTF-8 and encoded lone surrogates (\xed\xa0\x80) included.
raw_bytes = st.one_of(st.binary(max_size=40), st.just(b"\xed\xa0\x80"), st.just(b"\x00"), st.just(b"\xff\xfe"))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | odd_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(odd_text, inner, max_size=4),
    max_leaves=12,
)
REPORT_FIELDS = list(payload())


def query_string(params):
    """Percent-encoded raw bytes, so the server sees exactly what a broken client sends."""
    return "&".join(f"{quote_from_bytes(key)}={quote_from_bytes(value)}" for key, value in params)


def query_params(names):
    return st.lists(
        st.tuples(
            st.sampled_from(names).map(str.encode) | raw_bytes,
            raw_bytes | odd_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
        ),
        max_size=6,
    )


def form_values(names):
    """A form body: known and unknown field names, one value or several (an array where a string is expected)."""
    return st.dictionaries(
        st.sampled_from(names) | st.text(alphabet=st.characters(codec="utf-8"), max_size=10),
        st.one_of(odd_text, st.lists(odd_text, max_size=3)),
        max_size=8,
    )


def never_5xx(response, what):
    assert response.status_code < 500, (what, response.status_code, response.content[:500])


@pytest.fixture(autouse=True)
def _data(site_tree, settings):
    settings.REPORT_RATE_LIMITS = {scope: (1_000_000, 60) for scope in settings.REPORT_RATE_LIMITS}
    topic = TopicFactory(name="Chargers", slug="chargers")
    ArticlePageFactory(
        parent=site_tree["en"][1], title="Spot a fake charger", summary="Fake ones burn.", topics=[topic]
    )
    ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)


@pytest.fixture
def report(db):
    return ReportFactory()


def counts():
    return Report.objects.count(), Attachment.objects.count(), ReporterAddition.objects.count()


# --- /api/reports ---------------------------------------------------------------------------------------


@FUZZ
@given(body=st.one_of(json_values, st.fixed_dictionaries({}, optional={k: json_values for k in REPORT_FIELDS})))
def test_fuzz_report_api_json(client, body):
    before = counts()
    text = json.dumps(body, allow_nan=True)
    response = client.post("/api/reports", text.encode("utf-8", "surrogatepass"), content_type="application/json")
    never_5xx(response, text[:200])
    if response.status_code not in (200, 201):
        assert counts() == before


@FUZZ
@given(
    overrides=st.dictionaries(
        st.sampled_from([*REPORT_FIELDS, "contact.email", "files"]), odd_text | st.lists(odd_text, max_size=3)
    ),
    content_type=st.sampled_from(["multipart/form-data", "application/json; charset=latin-1", "text/plain", ""]),
    file_content=st.binary(max_size=200) | st.just(b"%PDF-1.4 <script>alert(1)</script>"),
)
def test_fuzz_report_api_form_and_content_types(client, overrides, content_type, file_content):
    before = counts()
    fields = {**{k: v for k, v in payload().items() if k != "contact"}, **overrides}
    if content_type == "multipart/form-data":
        fields["files"] = [SimpleUploadedFile("receipt.pdf", file_content, content_type="application/pdf")]
        response = client.post("/api/reports", fields)
    else:
        response = client.post("/api/reports", json.dumps(fields, default=str), content_type=content_type)
    never_5xx(response, fields)
    if response.status_code not in (200, 201):
        assert counts() == before


@FUZZ
@given(
    tracking=odd_text.filter(lambda text: "/" not in text and text.strip()),
    key=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40),
    body=json_values,
)
def test_fuzz_report_status_and_additions_api(client, report, tracking, key, body):
    for number in (tracking, report.tracking_number):
        path = quote_from_bytes(number.encode("utf-8", "surrogatepass"), safe="")
        before = counts()
        status = client.get(f"/api/reports/{path}/status", HTTP_X_RECEIPT_KEY=key)
        never_5xx(status, ("status", number))
        addition = client.post(
            f"/api/reports/{path}/additions",
            json.dumps(body).encode("utf-8", "surrogatepass"),
            content_type="application/json",
            HTTP_X_RECEIPT_KEY=RECEIPT_KEY,
        )
        never_5xx(addition, ("additions", number, body))
        if addition.status_code != 201:
            assert counts() == before


# --- Search, autocomplete, the importer directory, the library listing ----------------------------------------


@FUZZ
@given(
    params=query_params(["q", "topic", "kind", "audience", "language", "page", "sort", "seller", "program", "country"])
)
def test_fuzz_search_directory_and_library_queries(client, site_tree, params):
    library_url = site_tree["en"][1].url
    for url in [
        "/search/",
        "/es/search/",
        "/api/search",
        "/search/autocomplete/",
        "/trusted-importers/",
        "/es/trusted-importers/",
        "/api/v1/importers/check",
        library_url,
        f"{library_url}topics/",
    ]:
        response = client.get(url, QUERY_STRING=query_string(params))
        never_5xx(response, (url, params))


# --- The report status page -----------------------------------------------------------------------------


@FUZZ
@given(
    fields=form_values(["tracking_number", "receipt_key", "text", "csrfmiddlewaretoken"]),
    tracking=odd_text.filter(lambda text: "/" not in text and text.strip()),
)
def test_fuzz_status_pages(client, report, fields, tracking):
    before = counts()
    never_5xx(client.get("/report/status/"), "status page")
    never_5xx(client.post("/report/status/", fields), ("status lookup", fields))
    path = quote_from_bytes(tracking.encode("utf-8", "surrogatepass"), safe="")
    for number in (path, report.tracking_number):
        never_5xx(client.get(f"/report/status/{number}/"), ("status detail", number))
        never_5xx(client.post(f"/report/status/{number}/", fields), ("status detail post", number, fields))
    assert counts() == before


# --- The report form, step by step ----------------------------------------------------------------------

# Every field of every step (read from the forms, so new fields are fuzzed too) and the form's own controls.
STEP_FIELDS = list(
    dict.fromkeys(name for step in wizard.STEPS if step.form_class for name in step.form_class.base_fields)
) + [
    "from",
    "action",
    "remove",
    "token",
    "website",
    "wizard_goto_step",
    "form-TOTAL_FORMS",
    "form-INITIAL_FORMS",
    "csrfmiddlewaretoken",
]
STEPS = [step.slug for step in wizard.STEPS]


@FUZZ
@given(
    step=st.sampled_from(STEPS) | st.text(alphabet="abcdefghij-_", min_size=1, max_size=20),
    fields=form_values(STEP_FIELDS),
    upload=st.none() | st.binary(max_size=300) | st.sampled_from([b"%PDF-1.4 <html><script>x</script>", b"GIF89a"]),
    upload_name=st.sampled_from(["photo.jpg", "receipt.html", "a.pdf", "", "x" * 300]),
)
def test_fuzz_report_form_steps(client, step, fields, upload, upload_name):
    before = counts()
    if upload is not None:
        fields["files"] = SimpleUploadedFile(upload_name or "f", upload, content_type="image/jpeg")
    response = client.post(f"/report/{step}/", fields)
    never_5xx(response, (step, fields))
    never_5xx(client.get(f"/report/{step}/"), step)
    never_5xx(client.post("/report/review/", fields), ("review", fields))
    raw = query_string([(name.encode(), b"\xed\xa0\x80\xff\x00") for name in list(fields)[:3]]).encode()
    never_5xx(client.post(f"/report/{step}/", raw, content_type="application/x-www-form-urlencoded"), raw)
    if not Report.objects.count() > before[0]:
        assert counts() == before
