"""The one list of the article's searched text fields (search/documents.py) names fields the index holds, and the
query and the vocabulary read it alike (no Elasticsearch needed)."""

from search import queries, vocabulary
from search.documents import FOLDED_FIELDS, STEMMED_FIELDS, ArticleDocument, weighed


def test_every_listed_field_is_in_the_mapping():
    mapping = ArticleDocument._doc_type.mapping
    for field in STEMMED_FIELDS + FOLDED_FIELDS:
        assert mapping.resolve_field(field) is not None, field


def test_the_query_weighs_the_fields_the_vocabulary_counts_in():
    assert weighed("title.en") == "title.en^3" and weighed("summary_folded") == "summary_folded^2"
    assert weighed("body") == "body"
    assert sorted(queries.STEMMED_FIELDS) == sorted(weighed(field) for field in vocabulary.STEMMED_FIELDS)
    assert queries.FOLDED_FIELDS == [weighed(field) for field in vocabulary.FOLDED_FIELDS]
