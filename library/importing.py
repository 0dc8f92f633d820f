"""Bulk import of library articles from JSON Lines (see shared/library-import.md).

Every line is validated before anything is written. Good lines are imported,
each in its own transaction; bad lines are reported with their number and
reason. The import is keyed on the slug, so running a file twice changes nothing.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone
from slugify import slugify
from wagtail.models import Locale

from .markdown_blocks import markdown_to_blocks
from .models import ArticlePage, Audience, Kind, LibraryIndexPage, Topic

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AUDIENCES = ("consumers", "small-businesses")
LANGUAGES = ("en", "es")

CREATED, UPDATED, UNCHANGED, FAILED = "created", "updated", "unchanged", "failed"


@dataclass
class ArticleRecord:
    line_number: int
    slug: str
    title: str
    summary: str
    body: str
    topics: list
    kind: str
    audience: list = field(default_factory=lambda: ["consumers"])
    language: str = "en"
    published_at: date | None = None
    translation_of: str | None = None


@dataclass
class LineError:
    line_number: int
    reasons: list

    def __str__(self):
        return f"line {self.line_number}: " + "; ".join(self.reasons)


def _text(data, key, errors, max_length, required=True):
    value = data.get(key)
    if value is None:
        if required:
            errors.append(f"'{key}' is required")
        return ""
    if not isinstance(value, str):
        errors.append(f"'{key}' must be a string")
        return ""
    value = value.strip()
    if required and not value:
        errors.append(f"'{key}' must not be empty")
    elif max_length and len(value) > max_length:
        errors.append(f"'{key}' is {len(value)} characters long; the limit is {max_length}")
    return value


def parse_line(line_number, line):
    """Validate one line. Returns an ArticleRecord or a LineError."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as error:
        return LineError(line_number, [f"not valid JSON ({error.msg} at column {error.colno})"])
    if not isinstance(data, dict):
        return LineError(line_number, ["each line must be a JSON object"])

    errors = []
    title = _text(data, "title", errors, 255)
    summary = _text(data, "summary", errors, 300)
    body = _text(data, "body", errors, None)

    slug = data.get("slug")
    if slug is None:
        slug = slugify(title, max_length=255) if title else ""
        if title and not slug:
            errors.append("could not make a slug from the title; add a 'slug'")
    elif not isinstance(slug, str) or not SLUG_PATTERN.match(slug) or len(slug) > 255:
        errors.append("'slug' must be lowercase letters, digits and single hyphens, at most 255 characters")

    topics = data.get("topics")
    if topics is None:
        errors.append("'topics' is required")
        topics = []
    elif not isinstance(topics, list) or not topics:
        errors.append("'topics' must be a list with at least one topic name")
        topics = []
    elif not all(isinstance(t, str) and t.strip() and len(t.strip()) <= 100 for t in topics):
        errors.append("each topic must be a non-empty name of at most 100 characters")
    else:
        topics = list(dict.fromkeys(t.strip() for t in topics))

    kind = data.get("kind")
    if kind is None:
        errors.append("'kind' is required")
    elif kind not in Kind.values:
        errors.append(f"'kind' must be one of {', '.join(Kind.values)} (got {kind!r})")

    audience = data.get("audience", ["consumers"])
    if not isinstance(audience, list) or not audience or not all(a in AUDIENCES for a in audience):
        errors.append(f"'audience' must be a list from {', '.join(AUDIENCES)}")

    language = data.get("language", "en")
    if language not in LANGUAGES:
        errors.append(f"'language' must be one of {', '.join(LANGUAGES)} (got {language!r})")

    published_at = data.get("published_at")
    if published_at is not None:
        try:
            if not isinstance(published_at, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", published_at):
                raise ValueError
            published_at = date.fromisoformat(published_at)
        except ValueError:
            errors.append("'published_at' must be a date written YYYY-MM-DD")
            published_at = None

    translation_of = data.get("translation_of")
    if translation_of is not None and (not isinstance(translation_of, str) or not SLUG_PATTERN.match(translation_of)):
        errors.append("'translation_of' must be the slug of the original article")

    if errors:
        return LineError(line_number, errors)
    return ArticleRecord(
        line_number=line_number,
        slug=slug,
        title=title,
        summary=summary,
        body=body,
        topics=topics,
        kind=kind,
        audience=list(dict.fromkeys(audience)),
        language=language,
        published_at=published_at,
        translation_of=translation_of,
    )


def parse_lines(lines):
    """Validate every line; returns (records, errors). Blank lines are skipped."""
    records, errors, seen = [], [], {}
    for line_number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        result = parse_line(line_number, line)
        if isinstance(result, LineError):
            errors.append(result)
        elif result.slug in seen:
            errors.append(
                LineError(line_number, [f"slug '{result.slug}' is already used on line {seen[result.slug]}"])
            )
        else:
            seen[result.slug] = line_number
            records.append(result)
    return records, errors


def library_for(language):
    locale = Locale.objects.filter(language_code=language).first()
    library = LibraryIndexPage.objects.filter(locale=locale).first() if locale else None
    if library is None:
        raise LookupError(f"there is no library index page for language '{language}'")
    return library


def topic_for(name):
    topic = Topic.objects.filter(name__iexact=name).first()
    if topic:
        return topic
    base = slugify(name, max_length=90) or "topic"
    slug, n = base, 2
    while Topic.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return Topic.objects.create(name=name, slug=slug)


def _published_datetime(day):
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def _body_data(page):
    return [(block.block_type, block.get_prep_value()["value"]) for block in page.body]


def _is_unchanged(page, record, blocks, topics, audiences):
    """True when the latest revision already says what the line says."""
    latest = page.get_latest_revision_as_object()
    same_content = (
        latest.title == record.title
        and latest.summary == record.summary
        and latest.kind == record.kind
        and {t.pk for t in latest.topics.all()} == {t.pk for t in topics}
        and {a.pk for a in latest.audience.all()} == {a.pk for a in audiences}
        and _body_data(latest) == blocks
    )
    if record.published_at is None:
        return same_content and not page.live
    return (
        same_content
        and page.live
        and not page.has_unpublished_changes
        and page.first_published_at is not None
        and timezone.localdate(page.first_published_at) == record.published_at
    )


def import_record(record, user=None):
    """Create or update one article. Returns CREATED, UPDATED or UNCHANGED."""
    library = library_for(record.language)
    existing = ArticlePage.objects.filter(slug=record.slug).first()
    if existing and existing.locale_id != library.locale_id:
        raise ValueError(f"slug '{record.slug}' is already used by an article in '{existing.locale.language_code}'")
    original = None
    if record.translation_of:
        original = ArticlePage.objects.filter(slug=record.translation_of).exclude(locale=library.locale).first()
        if original is None:
            raise ValueError(
                f"'translation_of' names '{record.translation_of}', which is not an article in another language yet; "
                "import the original first"
            )
    blocks = markdown_to_blocks(record.body)
    topics = [topic_for(name) for name in record.topics]
    audiences = list(Audience.objects.filter(slug__in=record.audience))

    with transaction.atomic():
        if existing:
            page = existing.specific
            same_translation = original is None or page.translation_key == original.translation_key
            if same_translation and _is_unchanged(page, record, blocks, topics, audiences):
                return UNCHANGED
            outcome = UPDATED
        else:
            page = ArticlePage(slug=record.slug, locale=library.locale, live=False)
            outcome = CREATED
        page.title = record.title
        page.summary = record.summary
        page.kind = record.kind
        page.body = blocks
        page.topics.set(topics)
        page.audience.set(audiences)
        if record.published_at:
            page.first_published_at = _published_datetime(record.published_at)
        if original is not None:
            # Wagtail links translations through a shared translation key.
            page.translation_key = original.translation_key
        if not existing:
            library.add_child(instance=page)
        revision = page.save_revision(user=user, log_action=True)
        if record.published_at:
            revision.publish(user=user)
    return outcome
