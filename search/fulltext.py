"""The database fallback's matching: the database's own full-text search over Wagtail's search index, done right.

Wagtail's database search backend (modelsearch) keeps one row per page in `wagtailsearch_indexentry`: on
PostgreSQL the title and the other text as two tsvectors, each with a GIN index; on SQLite the same text in an
FTS5 table. Its query does not use them well at a large library: on PostgreSQL it matches `title || body`, a
concatenation no index covers, so every search reads and joins every page's vectors (a sequential scan); on
SQLite it scores each match with a correlated subquery before the limit applies (9-104 s at 10,000 articles).

Here each database is asked what its index answers fast, and only the best `limit` pages come back:

- PostgreSQL: `title @@ query` and `body @@ query`, each from its GIN index, at most 1,000 of each, ranked by
  `ts_rank` of title (weighed twice) and body; the words' stems are the index's own text search configuration;
- SQLite: FTS5's `MATCH` ranked by its built-in `bm25()` (title weighed three times).

The caller (`search.database_search`) asks first for pages holding every word, then for pages holding only some of them.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection

POOL = 5  # PostgreSQL ranks at most POOL x limit title matches and as many body matches


def matching_any_group(model, groups, limit):
    """Ids of the live pages of `model` holding every term of at least one group (a list of terms), best first. A
    term is a word, or words side by side ("e bike", from "e-bike" or "e bike": search/database_vocabulary.py)."""
    groups = [group for group in groups if group]
    if not groups or limit <= 0:
        return []
    search = _postgresql if connection.vendor == "postgresql" else _sqlite
    return search(ContentType.objects.get_for_model(model).pk, groups, limit)


def _search_config():
    from wagtail.search.backends import get_search_backend

    return getattr(get_search_backend(), "config", None)


def _postgresql(content_type_id, groups, limit):
    sql, params = postgresql_query(content_type_id, groups, limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def postgresql_query(content_type_id, groups, limit):
    """The SQL and parameters of the PostgreSQL match (apart, so a test can read its plan)."""
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    config = _search_config()
    # websearch_to_tsquery never fails on odd input: words side by side must all be there, "or" separates groups,
    # and a term of several words is a phrase (quoted).
    text = " or ".join(" ".join(f'"{term}"' if " " in term else term for term in group) for group in groups)
    tsquery = "websearch_to_tsquery(%s::regconfig, %s)" if config else "websearch_to_tsquery(%s)"
    tsquery_params = [config, text] if config else [text]
    # Ranking reads each match's vectors, the body's from TOAST storage, and at 100,000 articles a common word
    # matches most of them. So at most POOL x limit title matches and as many body matches are read (the GIN
    # indexes find them; the heap scan stops there), and only those are ranked: every match when there are
    # fewer, a sample of equally plausible ones for the commonest words.
    sql = f"""
        WITH query AS (SELECT {tsquery} AS q),
        pool AS (
            (SELECT entry.object_id, entry.title, entry.body, entry.title_norm
             FROM {IndexEntry._meta.db_table} entry, query
             WHERE entry.content_type_id = %s AND entry.title @@ query.q
             LIMIT %s)
            UNION
            (SELECT entry.object_id, entry.title, entry.body, entry.title_norm
             FROM {IndexEntry._meta.db_table} entry, query
             WHERE entry.content_type_id = %s AND entry.body @@ query.q
             LIMIT %s)
        )
        SELECT page.id
        FROM pool
        JOIN {Page._meta.db_table} page ON page.id = CAST(pool.object_id AS integer) AND page.live, query
        ORDER BY 2 * ts_rank(pool.title, query.q) * pool.title_norm + ts_rank(pool.body, query.q) DESC, page.id
        LIMIT %s
    """  # noqa: S608 - table names come from the models, values are parameters
    return sql, [*tsquery_params, content_type_id, POOL * limit, content_type_id, POOL * limit, limit]


def _sqlite(content_type_id, groups, limit):
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    entries = IndexEntry._meta.db_table
    fts = f"{entries}_fts"
    # Each term quoted: FTS5 then reads it as a word (several as a phrase), never as an operator or a column name.
    either = " OR ".join("(" + " AND ".join(f'"{term}"' for term in group) + ")" for group in groups)
    match = "{title body}: (" + either + ")"
    sql = f"""
        SELECT CAST(entry.object_id AS integer)
        FROM {fts}
        JOIN {entries} entry ON entry.id = {fts}.rowid
        JOIN {Page._meta.db_table} page ON page.id = CAST(entry.object_id AS integer)
        WHERE {fts} MATCH %s AND entry.content_type_id = %s AND page.live
        ORDER BY bm25({fts}, 0.0, 1.0, 3.0), entry.object_id
        LIMIT %s
    """  # noqa: S608 - table names come from the models, values are parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, content_type_id, limit])
        return [row[0] for row in cursor.fetchall()]


def _word_match_sql(alias, word):
    """SQL (and parameters) true when the index entry `alias` holds `word`, in this database's full-text index; a
    `word` of several words ("e bike") is a phrase, the words side by side."""
    if connection.vendor == "postgresql":
        config = _search_config()
        function = "phraseto_tsquery" if " " in word else "websearch_to_tsquery"
        tsquery = f"{function}(%s::regconfig, %s)" if config else f"{function}(%s)"
        params = [config, word] if config else [word]
        condition = f"({alias}.title @@ {tsquery} OR {alias}.body @@ {tsquery})"
        if " " not in word:
            return condition, params * 2
        # A phrase only while each word stays in it: one the configuration leaves out as a stop word of its own
        # ("s", "t", "not" in English) would leave the other alone, so "s charger" would match "charger".
        return f"(numnode({tsquery}) > 2 AND {condition})", params * 3
    from wagtail.search.models import IndexEntry

    fts = f"{IndexEntry._meta.db_table}_fts"
    # The word quoted: FTS5 then reads it as a word (several as a phrase), never as an operator or a column name.
    match = '{title body}: ("' + word.replace('"', "") + '")'
    sql = f"{alias}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)"  # noqa: S608 - the name is the model's
    return sql, [match]


def sample_shares(model, words, size):
    """{word: share of a fixed sample of `size` indexed pages of `model` (the first by id) holding it}, for every
    word in one query."""
    from wagtail.search.models import IndexEntry

    words = list(words)
    if not words:
        return {}
    columns, params = [], []
    for word in words:
        condition, condition_params = _word_match_sql("sample", word)
        columns.append(f"sum(CASE WHEN {condition} THEN 1 ELSE 0 END)")
        params += condition_params
    read = "id, title, body" if connection.vendor == "postgresql" else "id"  # what _word_match_sql reads
    sql = f"""
        SELECT count(*), {", ".join(columns)}
        FROM (SELECT {read} FROM {IndexEntry._meta.db_table} WHERE content_type_id = %s ORDER BY id LIMIT %s) sample
    """  # noqa: S608 - the table name comes from the model, values are parameters
    params += [ContentType.objects.get_for_model(model).pk, size]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        count, *holding = cursor.fetchone()
    return {word: (held or 0) / count if count else 0.0 for word, held in zip(words, holding, strict=True)}


def page_ids_holding(model, words, limit):
    """{word: ids of up to `limit` live pages of `model` whose indexed text holds it}, in no particular order, for
    every word in one query: no ranking, so a word most pages hold costs no more than reading `limit` index rows."""
    from wagtail.models import Page
    from wagtail.search.models import IndexEntry

    words = list(words)
    if not words:
        return {}
    content_type_id = ContentType.objects.get_for_model(model).pk
    entries, pages = IndexEntry._meta.db_table, Page._meta.db_table
    parts, params = [], []
    for number, word in enumerate(words):
        condition, condition_params = _word_match_sql("entry", word)
        # Each word's own LIMIT, inside a subquery (SQLite allows none on a part of a UNION).
        parts.append(
            f"""SELECT * FROM (
                SELECT {number} AS word, page.id FROM {entries} entry
                JOIN {pages} page ON page.id = CAST(entry.object_id AS integer)
                WHERE entry.content_type_id = %s AND {condition} AND page.live
                LIMIT %s) part{number}"""  # noqa: S608 - table names come from the models, values are parameters
        )
        params += [content_type_id, *condition_params, limit]
    found = {word: [] for word in words}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for number, pk in cursor.fetchall():
            found[words[number]].append(pk)
    return found
