"""Turn an article's Markdown into StreamField blocks: headings become heading
blocks, the text between them becomes rich text in Wagtail's own HTML format."""

import re

from markdown_it import MarkdownIt

# Raw HTML in the source is not trusted: it is shown as text, never rendered.
_markdown = MarkdownIt("commonmark", {"html": False})

# Wagtail's rich text stores bold and italic as <b> and <i>.
_TAG_SWAPS = [
    (re.compile(r"<(/?)strong>"), r"<\1b>"),
    (re.compile(r"<(/?)em>"), r"<\1i>"),
]


def _to_wagtail_html(html):
    for pattern, replacement in _TAG_SWAPS:
        html = pattern.sub(replacement, html)
    return html.strip()


def markdown_to_blocks(text):
    """Return a list of (block_type, value) pairs for ArticlePage.body."""
    tokens = _markdown.parse(text or "")
    blocks = []
    pending = []

    def flush():
        if pending:
            html = _to_wagtail_html(_markdown.renderer.render(pending, _markdown.options, {}))
            if html:
                blocks.append(("paragraph", html))
            pending.clear()

    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            flush()
            inline = tokens[index + 1]
            level = "h2" if token.tag in ("h1", "h2") else "h3"
            blocks.append(("heading", {"text": inline.content.strip(), "level": level}))
            index += 3  # heading_open, inline, heading_close
            continue
        pending.append(token)
        index += 1
    flush()
    return blocks
