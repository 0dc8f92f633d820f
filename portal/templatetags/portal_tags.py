from django import template

from portal.navigation import items_for

register = template.Library()


@register.simple_tag(takes_context=True)
def portal_navigation(context):
    """The menu for the signed-in member (request.portal_membership, set by PortalMixin): a list of
    {"label", "url", "current"}, where current is "page" (this page) or "true" (a page under it)."""
    request = context.get("request")
    membership = getattr(request, "portal_membership", None)
    if membership is None:
        return []
    links = [{"label": item.label, "url": item.url} for item in items_for(membership)]
    # The longest address the current one starts with is the current item (the home page only for itself).
    best = max(
        (
            link
            for link in links
            if request.path == link["url"] or (request.path.startswith(link["url"]) and link is not links[0])
        ),
        key=lambda link: len(link["url"]),
        default=None,
    )
    for link in links:
        link["current"] = ("page" if request.path == link["url"] else "true") if link is best else ""
    return links


WIDGET_CLASSES = {"select": "usa-select", "textarea": "usa-textarea", "checkbox": "usa-checkbox__input"}


@register.filter
def portal_widget(field):
    """The field's widget with USWDS classes, tied to its hint and error (aria-describedby, aria-invalid)."""
    widget = field.field.widget
    kind = getattr(widget, "input_type", None) or widget.__class__.__name__.lower()
    described_by = [f"{field.auto_id}-error"] if field.errors else []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    attrs = {"class": WIDGET_CLASSES.get(kind, "usa-input")}
    if kind == "file":
        attrs["class"] = "usa-file-input__input"
    if field.errors:
        attrs["class"] += " usa-input--error"
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
