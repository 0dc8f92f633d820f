"""The one list of the article's searched text fields (search/documents.py) names fields the index holds, and the
query and the vocabulary read it alike, and an article's body is indexed as the text a reader sees (no Elasticsearch
needed)."""

import pytest

from search import queries, vocabulary
from search.documents import FOLDED_FIELDS, STEMMED_FIELDS, ArticleDocument, weighed
from tests.factories import ArticlePageFactory


def test_every_listed_field_is_in_the_mapping():
    mapping = ArticleDocument._doc_type.mapping
    for field in STEMMED_FIELDS + FOLDED_FIELDS:
        assert mapping.resolve_field(field) is not None, field


def test_the_query_weighs_the_fields_the_vocabulary_counts_in():
    assert weighed("title.en") == "title.en^3" and weighed("summary_folded") == "summary_folded^2"
    assert weighed("body") == "body"
    assert sorted(queries.STEMMED_FIELDS) == sorted(weighed(field) for field in vocabulary.STEMMED_FIELDS)
    assert queries.FOLDED_FIELDS == [weighed(field) for field in vocabulary.FOLDED_FIELDS]


@pytest.mark.django_db
def test_the_body_is_indexed_as_the_text_a_reader_sees(site_tree):
    article = ArticlePageFactory(
        parent=site_tree["en"][1],
        body=[
            ("paragraph", "<p>Search the seller&#x27;s name with &quot;scam&quot; &amp; read.</p><p>Then report.</p>"),
            ("callout", {"heading": "Hurt?", "text": "<p>Call&nbsp;911</p>"}),
        ],
    )
    body = ArticleDocument.source_for_page(article)["body"]
    # Not the words "quot" and "x27", and not "read.Then" as one word where two paragraphs meet.
    assert 'Search the seller\'s name with "scam" & read. Then report.' in body
    assert "Call\xa0911" in body
    assert "quot" not in body and "x27" not in body and "nbsp" not in body
