"""The one-line summary a queue row shows: what was bought, the start of the description, who sold it."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

EXCERPT_LENGTH = 100


def excerpt(text, length=EXCERPT_LENGTH):
    """The first `length` characters of `text` on one line, cut at the last whole word, with an ellipsis."""
    text = " ".join((text or "").split())
    if len(text) <= length:
        return text
    cut = text[: length + 1].rsplit(" ", 1)[0] if " " in text[: length + 1] else text[:length]
    return cut.rstrip(" .,;:-") + "…"


@dataclass
class Summary:
    product: str
    description: str
    seller: str


def summary(report):
    """Product name and brand (or, without either, the category), the description's start and the seller."""
    product = " · ".join(part for part in (report.brand.strip(), report.product_name.strip()) if part)
    if not product:
        product = report.product_category.name if report.product_category_id else _("Product not named")
    return Summary(product=product, description=excerpt(report.description), seller=report.seller_name.strip())
