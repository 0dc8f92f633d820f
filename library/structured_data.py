"""schema.org data for articles (Article, and FAQPage for questions and answers), as JSON-LD."""

import json

from django.utils.safestring import mark_safe
from wagtail.rich_text import get_text_for_indexing

from .kinds import Kind

# The characters json_script escapes, so the JSON cannot close the <script> element early.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def faq_entries(page):
    """Questions are headings that end with "?"; the answer is the text up to the next heading."""
    entries, current = [], None
    for block in page.body:
        if block.block_type == "heading":
            text = block.value["text"].strip()
            current = {"question": text, "answer": []} if text.endswith("?") else None
            if current:
                entries.append(current)
        elif current is not None and block.block_type == "paragraph":
            current["answer"].append(get_text_for_indexing(block.value.source))
    return [entry for entry in entries if entry["answer"]]


def article_data(page, request=None):
    url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.summary,
        "inLanguage": page.locale.language_code,
        "url": url,
        "publisher": {"@type": "GovernmentOrganization", "name": "U.S. Customs and Border Protection"},
    }
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.date().isoformat()
    if page.last_reviewed or page.last_published_at:
        data["dateModified"] = (page.last_reviewed or page.last_published_at.date()).isoformat()
    graph = [data]
    if page.kind == Kind.FAQ:
        entries = faq_entries(page)
        if entries:
            graph.append(
                {
                    "@context": "https://schema.org",
                    "@type": "FAQPage",
                    "url": url,
                    "mainEntity": [
                        {
                            "@type": "Question",
                            "name": entry["question"],
                            "acceptedAnswer": {"@type": "Answer", "text": " ".join(entry["answer"])},
                        }
                        for entry in entries
                    ],
                }
            )
    return graph


def as_json_ld(page, request=None):
    return mark_safe(json.dumps(article_data(page, request)).translate(_ESCAPES))  # noqa: S308 - escaped above
