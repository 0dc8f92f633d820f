"""Text analysis for the library index.

The Elasticsearch we test against (the minimal distribution on Maven Central)
has no `analysis-common` module, so there are no language analyzers, stemmers,
synonym or ascii-folding filters. We build the analysis from what core
Elasticsearch offers, so tests and production run the same configuration:

- word forms: core's `hunspell` filter with Debian's en_US and es_ES
  dictionaries (installed into the node's config/hunspell by
  scripts/elasticsearch.sh; production nodes need the same two folders);
- accents: folded in Python before indexing and before querying
  (`fold_accents`), into `*.folded` companion fields;
- synonyms: expanded at query time from the editors' list (see queries.py),
  so a change needs no reindex.
"""

from elasticsearch.dsl import analyzer, token_filter
from text_unidecode import unidecode

english_hunspell = token_filter("english_hunspell", "hunspell", locale="en_US", dedup=True)
spanish_hunspell = token_filter("spanish_hunspell", "hunspell", locale="es_ES", dedup=True)

english_text = analyzer("english_text", tokenizer="standard", filter=["lowercase", english_hunspell])
spanish_text = analyzer("spanish_text", tokenizer="standard", filter=["lowercase", spanish_hunspell])
plain_text = analyzer("plain_text", tokenizer="standard", filter=["lowercase"])


def fold_accents(text):
    """'Línea de ayuda' -> 'Linea de ayuda'. Applied to documents and queries alike."""
    return unidecode(text or "")
