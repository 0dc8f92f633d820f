"""What the library index holds for each article, and how an ArticlePage becomes a document."""

import re

from elasticsearch.dsl import Completion, Date, DenseVector, Document, Keyword, Text
from wagtail.rich_text import get_text_for_indexing

from .analyzers import all_words, english_text, fold_accents, plain_text, spanish_text
from .meaning import DIMENSIONS, article_vector
from .meaning import is_enabled as vectors_enabled

# The article's text and each one's weight in a search: a title word weighs three times a body word, a summary
# word twice. Each is indexed as written, stemmed in English and in Spanish (`title.en`, `title.es`: language_text)
# and with accents folded (`title_folded`). The one list of these fields: the query (search/queries.py) weighs
# them, the vocabulary (search/vocabulary.py) counts the articles holding a word in them.
TEXT_WEIGHTS = {"title": 3, "summary": 2, "body": 1}
STEMMED_LANGUAGES = ("en", "es")
STEMMED_FIELDS = [f"{name}.{language}" for language in STEMMED_LANGUAGES for name in TEXT_WEIGHTS]
FOLDED_FIELDS = [f"{name}_folded" for name in TEXT_WEIGHTS]


def weighed(field):
    """`field` as a search names it with its text's weight: "title.en^3", "summary_folded^2", "body"."""
    weight = TEXT_WEIGHTS[re.split(r"[._]", field, maxsplit=1)[0]]
    return field if weight == 1 else f"{field}^{weight}"


def language_text(**kwargs):
    """Text indexed three ways: as written, stemmed in English and in Spanish, with accents folded. (No offsets: the
    site makes its snippets itself, search/snippets.py.)"""
    return Text(
        analyzer=plain_text,
        fields={"en": Text(analyzer=english_text), "es": Text(analyzer=spanish_text)},
        **kwargs,
    )


class ArticleDocument(Document):
    title = language_text()
    title_folded = Text(analyzer=plain_text)
    summary = language_text()
    summary_folded = Text(analyzer=plain_text)
    body = language_text()
    body_folded = Text(analyzer=plain_text)
    url = Keyword(index=False)
    slug = Keyword()
    kind = Keyword()
    topics = Keyword()
    topic_names = Keyword()
    audience = Keyword()
    language = Keyword()
    published_at = Date()
    spelling = Text(analyzer=all_words)
    title_suggest = Completion(analyzer=all_words, contexts=[{"name": "language", "type": "category"}])
    # What the article is about, as a vector (search/meaning.py); absent when vectors are off. Adding this field
    # to an existing index needs `manage.py search_index --rebuild`; until then searches use words only.
    meaning = DenseVector(dims=DIMENSIONS, index=True, similarity="cosine")

    @classmethod
    def source_for_page(cls, page):
        """The document's fields as a plain dict (what a rebuild sends, without building a Document)."""
        body_text = page_body_text(page)
        topics = list(page.topics.all())
        source = dict(
            title=page.title,
            title_folded=fold_accents(page.title),
            summary=page.summary,
            summary_folded=fold_accents(page.summary),
            body=body_text,
            body_folded=fold_accents(body_text),
            url=page.get_url(),
            slug=page.slug,
            kind=page.kind,
            topics=[topic.slug for topic in topics],
            topic_names=[topic.name for topic in topics],
            audience=[audience.slug for audience in page.audience.all()],
            language=page.locale.language_code,
            published_at=page.first_published_at,
            spelling=f"{page.title}\n{page.summary}\n{body_text}",
            title_suggest={
                "input": title_suggestions(page.title),
                "contexts": {"language": [page.locale.language_code]},
            },
        )
        if vectors_enabled():
            source["meaning"] = article_vector(page.title, page.summary, source["topic_names"], body_text)
        return source


def title_suggestions(title):
    """Let "chargers" find "Alert: Counterfeit phone chargers...": suggest from every word onward, accents folded too."""
    words = title.split()
    inputs = {" ".join(words[i:]) for i in range(min(len(words), 6))}
    inputs |= {fold_accents(text) for text in inputs}
    return sorted(inputs)


def page_body_text(page):
    """The article body as plain text, block by block: what a reader sees, so `&quot;` is a quotation mark and two
    paragraphs are two sentences, not one word where they meet."""
    parts = (block_text(block) for block in page.body)
    return "\n".join(part for part in parts if part.strip())


def block_text(block):
    value = block.value
    name = block.block_type
    if name == "heading":
        return value["text"]
    if name == "paragraph":
        return get_text_for_indexing(value.source)
    if name == "callout":
        return f"{value['heading']} {get_text_for_indexing(value['text'].source)}"
    if name == "checklist":
        return " ".join([value["heading"] or "", *value["items"]])
    if name == "comparison":
        return " ".join([value["heading"], *value["genuine"]["points"], *value["fake"]["points"]])
    if name == "image":
        return f"{value['alt_text']} {value['caption']}"
    if name == "document":
        return value["title"] or value["document"].title
    if name == "video":
        return f"{value['title']} {get_text_for_indexing(value['transcript'].source) if value['transcript'] else ''}"
    return ""
