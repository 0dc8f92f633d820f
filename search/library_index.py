"""The library index: every live, public article (search/documents.py says what each document holds)."""

from .documents import ArticleDocument
from .registry import IndexDefinition


def indexable_articles():
    from library.models import ArticlePage

    return (
        ArticlePage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related("topics", "audience")
        .order_by("pk")
    )


LIBRARY = IndexDefinition(
    name="library",
    document=ArticleDocument,
    queryset=indexable_articles,
    source=ArticleDocument.source_for_page,
    noun="article",
    compare_fields=("title", "summary", "url", "topics", "kind"),
    batch_size=200,
)
