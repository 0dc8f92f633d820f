"""Build a benchmark library of N live articles in a database of its own, and its database search index.

    .venv/bin/python bench/generate_library.py --size 10000

Works on bench/results/bench-<size>.sqlite3 (or --database), never on the developer's database, and never
writes to Elasticsearch (ELASTICSEARCH_URL is dropped here; the bench builds that index separately with
`manage.py search_index --rebuild`). Every step is resumable and skips what is already done:

1. setup: migrate, then the demo content (site tree, 12 topics, 37 articles) through `load_demo_content`;
2. articles: insert generated articles in bulk batches (one transaction each) until N are live;
3. db-index: fill Wagtail's database search index for the articles it does not hold yet.

Pages are inserted directly, not through `add_child` (about 50 ms a page): `wagtailcore_page` rows through
`Page.objects.bulk_create` with treebeard materialised paths under each library page, then the
`library_articlepage` rows and the topic/audience many-to-many rows with `executemany`. Generated articles
have no revisions (`latest_revision_id` is NULL); that is also how a resumed run counts what it made.
"""

import argparse
import json
import os
import re
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import vocabulary  # noqa: E402

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's base 36, steplen 4
STEPLEN = 4


def database_path(size):
    return RESULTS / f"bench-{size}.sqlite3"


def database_url(database):
    """A database URL as is; a SQLite file as a sqlite:/// URL."""
    text = str(database)
    return text if "://" in text else f"sqlite:///{Path(text).resolve()}"


def create_postgresql_database(url):
    """Create the PostgreSQL database of `url` when it does not exist (connecting to `postgres` on that server)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')  # the name comes from the operator's own URL


def configure(database, elasticsearch=None):
    """Point Django at the benchmark database only, with development settings and DEBUG off.

    `database` is a SQLite file or a database URL (postgres://...). Elasticsearch stays off unless
    `elasticsearch` is (url, index prefix)."""
    os.environ["DATABASE_URL"] = database_url(database)
    os.environ["DJANGO_SETTINGS_MODULE"] = "website.settings.dev"
    os.environ["DEBUG"] = "false"
    os.environ.pop("ELASTICSEARCH_URL", None)
    if elasticsearch:
        os.environ["ELASTICSEARCH_URL"], os.environ["ELASTICSEARCH_INDEX_PREFIX"] = elasticsearch
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    import django

    django.setup()


def shown(database):
    """The database for messages, without a password."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", str(database))


def say(message):
    print(message, flush=True)


def progress(label, done, total, started):
    elapsed = time.monotonic() - started
    rate = done / elapsed if elapsed else 0
    left = (total - done) / rate if rate else 0
    sys.stdout.write(
        f"\r  {label}: {done:,}/{total:,} ({rate:,.0f}/s, {elapsed:,.0f}s elapsed, ~{left:,.0f}s left)   "
    )
    sys.stdout.flush()


def to_base36(number):
    digits = ""
    while number:
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


# --- 1. setup ----------------------------------------------------------------------------------------


def setup():
    from django.core.management import call_command

    from library.models import ArticlePage

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    if ArticlePage.objects.filter(latest_revision__isnull=False).exists():
        return 0.0  # built before: report the time it took then
    say("  loading the demo content (site tree, topics, 37 articles)...")
    with open(os.devnull, "w") as quiet:
        call_command("load_demo_content", stdout=quiet)
    return time.monotonic() - started


# --- 2. articles ---------------------------------------------------------------------------------------


def generated_count():
    from library.models import ArticlePage

    return ArticlePage.objects.filter(latest_revision__isnull=True).count()


class Inserter:
    """Appends generated articles under the English and Spanish library pages."""

    def __init__(self):
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Page

        from library.models import ArticlePage, Audience, LibraryIndexPage, Topic

        self.Page = Page
        self.ArticlePage = ArticlePage
        self.content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
        self.libraries = {}
        for library in LibraryIndexPage.objects.select_related("locale"):
            last = (
                Page.objects.filter(path__startswith=library.path, depth=library.depth + 1)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            self.libraries[library.locale.language_code] = {
                "page": library,
                "next": int(last[-STEPLEN:], 36) + 1 if last else 1,
            }
        self.topics = {topic.name: topic.pk for topic in Topic.objects.all()}
        missing = set(vocabulary.TOPIC_NAMES) - set(self.topics)
        if missing:
            raise SystemExit(f"The demo topics are missing: {', '.join(sorted(missing))}")
        self.audiences = {audience.slug: audience.pk for audience in Audience.objects.all()}
        through = ArticlePage.topics.through._meta
        audience_through = ArticlePage.audience.through._meta
        self.tables = {
            "article": ArticlePage._meta.db_table,
            "topics": (through.db_table, through.get_field("articlepage").column, through.get_field("topic").column),
            "audience": (
                audience_through.db_table,
                audience_through.get_field("articlepage").column,
                audience_through.get_field("audience").column,
            ),
        }

    def insert(self, articles):
        from django.db import connection, transaction
        from django.db.models import F
        from django.utils import timezone

        pages = []
        added = {}
        for article in articles:
            library = self.libraries[article["language"]]
            page = library["page"]
            number = library["next"]
            library["next"] += 1
            added[article["language"]] = added.get(article["language"], 0) + 1
            published = timezone.make_aware(article["published"])
            pages.append(
                self.Page(
                    title=article["title"],
                    draft_title=article["title"],
                    slug=article["slug"],
                    content_type_id=self.content_type_id,
                    locale_id=page.locale_id,
                    path=page.path + to_base36(number),
                    depth=page.depth + 1,
                    numchild=0,
                    url_path=f"{page.url_path}{article['slug']}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    translation_key=uuid.uuid4(),
                )
            )
        json_cast = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
        with transaction.atomic():
            self.Page.objects.bulk_create(pages, batch_size=500)
            rows, topic_rows, audience_rows = [], [], []
            for page, article in zip(pages, articles, strict=True):
                reviewed = article["last_reviewed"].isoformat() if article["last_reviewed"] else None
                rows.append((page.pk, article["summary"], article["kind"], reviewed, json.dumps(article["body"])))
                topic_rows += [(page.pk, self.topics[name]) for name in article["topics"]]
                audience_rows += [(page.pk, self.audiences[slug]) for slug in article["audience"]]
            with connection.cursor() as cursor:
                # Table and column names come from the models' metadata, values are parameters.
                insert_article = f"INSERT INTO {self.tables['article']} (page_ptr_id, summary, kind, last_reviewed, body) VALUES (%s, %s, %s, %s, {json_cast})"  # noqa: S608
                cursor.executemany(insert_article, rows)
                for key, values in (("topics", topic_rows), ("audience", audience_rows)):
                    table, left, right = self.tables[key]
                    cursor.executemany(f"INSERT INTO {table} ({left}, {right}) VALUES (%s, %s)", values)  # noqa: S608
            for language, count in added.items():
                self.Page.objects.filter(pk=self.libraries[language]["page"].pk).update(numchild=F("numchild") + count)


def generate(size, seed, batch_size=1000):
    from library.models import ArticlePage

    done = generated_count()
    demo_live = ArticlePage.objects.live().filter(latest_revision__isnull=False).count()
    wanted = max(0, size - demo_live)
    if done >= wanted:
        say(f"  articles: {demo_live + done:,} live articles already ({demo_live} demo + {done:,} generated)")
        return 0.0
    say(
        f"  articles: {demo_live} demo articles + generating {wanted - done:,} (of {wanted:,}) in batches of {batch_size}"
    )
    inserter = Inserter()
    started = time.monotonic()
    start_done = done
    while done < wanted:
        count = min(batch_size, wanted - done)
        batch = [vocabulary.article(seed, number) for number in range(done + 1, done + count + 1)]
        inserter.insert(batch)
        done += count
        progress("articles", done - start_done, wanted - start_done, started)
    print(flush=True)
    return time.monotonic() - started


# --- 3. database search index ------------------------------------------------------------------------


def db_index(chunk_size=500):
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from library.models import ArticlePage

    content_type = ContentType.objects.get_for_model(ArticlePage)
    indexed = {
        int(pk) for pk in IndexEntry.objects.filter(content_type=content_type).values_list("object_id", flat=True)
    }
    wanted = sorted(set(ArticlePage.objects.values_list("pk", flat=True)) - indexed)
    if not wanted:
        say(f"  database search index: all {len(indexed):,} articles indexed already")
        return 0.0
    backend = get_search_backend()
    index = backend.get_index_for_model(ArticlePage)
    kind = type(index).__name__
    how = {"SQLiteIndex": "bulk rows", "PostgresIndex": "add_items, each article read once"}.get(kind, "add_items")
    say(f"  database search index ({type(backend).__name__}, {how}): {len(wanted):,} articles to add")
    started = time.monotonic()
    for start in range(0, len(wanted), chunk_size):
        ids = wanted[start : start + chunk_size]
        objects = list(ArticlePage.get_indexed_objects().filter(pk__in=ids).prefetch_related("topics"))
        with transaction.atomic():
            if kind == "SQLiteIndex":
                entries = sqlite_index_entries(backend, objects, content_type.pk, check=start == 0)
                IndexEntry.objects.bulk_create(entries, batch_size=200)
            elif kind == "PostgresIndex":
                postgresql_add_items(backend, index, objects, check=start == 0)
            else:
                index.add_items(ArticlePage, objects)
        progress("database search index", min(start + chunk_size, len(wanted)), len(wanted), started)
    print(flush=True)
    if backend.rebuilder_class:
        # What `update_index` does last: recompute every title length norm once.
        backend.rebuilder_class(index).finish()
    return time.monotonic() - started


def postgresql_add_items(backend, index, objects, check=False):
    """modelsearch's PostgresIndex.add_items (the same INSERT of the same tsvectors), about 10x faster.

    Its ObjectIndexer walks every search field five times per article (title, body, autocomplete and the two
    plain texts), each walk reading the article's topics and rendering its StreamField again; and after each
    chunk it recomputes the title norms over the whole table (quadratic in the library's size). Here the
    articles come with their topics prefetched, each field is walked once, and the title norms are computed
    once at the end (by the rebuilder's `finish`, as `update_index` does). `check` compares a sample of the
    values with modelsearch's own ObjectIndexer.
    """
    from modelsearch.backends.database.postgres import postgres

    from library.models import ArticlePage

    class WalkOnce(postgres.ObjectIndexer):
        def prepare_field(self, obj, field):
            if obj is not self.obj:
                yield from super().prepare_field(obj, field)
                return
            walked = self.__dict__.setdefault("walked", {})
            if id(field) not in walked:
                walked[id(field)] = list(super().prepare_field(obj, field))
            yield from walked[id(field)]

    if check:
        for obj in objects[:20]:
            mine, reference = WalkOnce(obj, backend), postgres.ObjectIndexer(obj, backend)
            for name in ("title", "body", "autocomplete", "title_text", "body_text"):
                if repr(getattr(mine, name)) != repr(getattr(reference, name)):
                    raise SystemExit(f"The index values differ from modelsearch's for page {obj.pk} ({name}).")
    original_indexer, original_norms = postgres.ObjectIndexer, index._refresh_title_norms
    postgres.ObjectIndexer, index._refresh_title_norms = WalkOnce, lambda full=False: None
    try:
        index.add_items(ArticlePage, objects)
    finally:
        postgres.ObjectIndexer, index._refresh_title_norms = original_indexer, original_norms


def sqlite_index_entries(backend, objects, content_type_id, check=False):
    """The rows modelsearch's SQLiteIndex.add_items would create, 3x faster.

    Its ObjectIndexer walks every search field (and runs the topics query and renders the StreamField)
    once for the title, once for the body and once for autocomplete. Here each object is walked once and
    the three texts are joined the same way. `check` compares a sample with ObjectIndexer itself.
    """
    from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer
    from modelsearch.index import AutocompleteField, SearchField
    from wagtail.search.models import IndexEntry

    entries = []
    for obj in objects:
        indexer = ObjectIndexer(obj, backend)
        pairs = [pair for field in indexer.search_fields for pair in indexer.prepare_field(obj, field)]
        title = " ".join(v for f, v in pairs if isinstance(f, SearchField) and f.field_name == "title")
        body = " ".join(v for f, v in pairs if isinstance(f, SearchField) and f.field_name != "title")
        autocomplete = " ".join(v for f, v in pairs if isinstance(f, AutocompleteField))
        entries.append(
            IndexEntry(
                content_type_id=content_type_id,
                object_id=indexer.id,
                title=title,
                autocomplete=autocomplete,
                body=body,
            )
        )
    if check:
        for obj, entry in list(zip(objects, entries, strict=True))[:20]:
            reference = ObjectIndexer(obj, backend)
            if (reference.title, reference.body, reference.autocomplete) != (
                entry.title,
                entry.body,
                entry.autocomplete,
            ):
                raise SystemExit(f"The bulk index rows differ from modelsearch's for page {obj.pk}; use add_items.")
    return entries


def info():
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    from library.models import ArticlePage, Topic

    return {
        "articles": ArticlePage.objects.count(),
        "live_articles": ArticlePage.objects.live().count(),
        "generated": generated_count(),
        "spanish": ArticlePage.objects.live().filter(locale__language_code="es").count(),
        "db_index_entries": IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ArticlePage)
        ).count(),
        "topic_slugs": sorted(Topic.objects.values_list("slug", flat=True)),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, required=True, help="live articles wanted (demo ones included)")
    parser.add_argument("--seed", type=int, default=2026, help="text seed (default 2026)")
    parser.add_argument("--database", help="SQLite file (default bench/results/bench-<size>.sqlite3)")
    parser.add_argument(
        "--database-url", help="a PostgreSQL database instead (postgres://user:password@host/name; created if missing)"
    )
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--info", action="store_true", help="only print what the database holds, as JSON")
    parser.add_argument("--timings", help="write the step timings here as JSON")
    args = parser.parse_args(argv)

    if args.database_url:
        database = args.database_url
        create_postgresql_database(database)
    else:
        database = Path(args.database or database_path(args.size))
        database.parent.mkdir(parents=True, exist_ok=True)
    configure(database)
    if args.info:
        print(json.dumps(info()))
        return
    say(f"Benchmark library of {args.size:,} articles in {shown(database)}")
    timings = {"setup_s": setup()}
    timings["articles_s"] = generate(args.size, args.seed, args.batch_size)
    timings["db_index_s"] = db_index()
    summary = info()
    say(
        f"  done: {summary['live_articles']:,} live articles ({summary['spanish']:,} in Spanish), "
        f"{summary['db_index_entries']:,} in the database search index; "
        f"steps took setup {timings['setup_s']:.0f}s, articles {timings['articles_s']:.0f}s, "
        f"database index {timings['db_index_s']:.0f}s"
    )
    if args.timings:
        Path(args.timings).write_text(json.dumps({**timings, **summary}))


if __name__ == "__main__":
    main()
