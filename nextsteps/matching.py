"""Which next steps fit a report: every live rule whose conditions the report meets, in the editors' order."""

from .models import NextStep


def matching_steps(*, category_id, harm, payment_method, reasons):
    """The live rules for a report with these answers (a handful of rules: matched here, not in SQL)."""
    rules = NextStep.objects.filter(live=True).prefetch_related("product_categories", "excluded_categories", "links")
    return [
        rule
        for rule in rules
        if rule.matches(
            category_id=category_id,
            harm=bool(harm),
            payment_method=payment_method or "",
            reasons=reasons or [],
        )
    ]


def steps_for_report(report):
    return matching_steps(
        category_id=report.product_category_id,
        harm=report.harm,
        payment_method=report.payment_method,
        reasons=report.reasons,
    )


def steps_for_cleaned(cleaned):
    """For a report as validation.validate_report cleaned it (before or without saving)."""
    category = cleaned.get("product_category")
    return matching_steps(
        category_id=category.pk if category else None,
        harm=cleaned.get("harm"),
        payment_method=cleaned.get("payment_method"),
        reasons=cleaned.get("reasons"),
    )


def steps_by_ids(ids):
    """The rules chosen when the report was sent (kept in the session by id), still live, in order."""
    return list(NextStep.objects.filter(pk__in=ids, live=True).prefetch_related("links"))
