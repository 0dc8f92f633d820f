from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .models import ProductCategory, Topic
from .viewsets import TaxonomyViewSetGroup

register_snippet(TaxonomyViewSetGroup)


def _uses(instance):
    """A sentence saying what still uses this topic or category, or None when nothing does."""
    if isinstance(instance, Topic):
        count = instance.articlepage.count()
        if count:
            return ngettext(
                "The topic '%(name)s' is used by %(count)d article. Move that article to another topic first.",
                "The topic '%(name)s' is used by %(count)d articles. Move those articles to another topic first.",
                count,
            ) % {"name": instance.name, "count": count}
    if isinstance(instance, ProductCategory):
        count = instance.reports.count()
        if count:
            return ngettext(
                "The product category '%(name)s' is used by %(count)d report, so it cannot be deleted.",
                "The product category '%(name)s' is used by %(count)d reports, so it cannot be deleted.",
                count,
            ) % {"name": instance.name, "count": count}
    return None


@hooks.register("before_delete_snippet")
def refuse_deleting_taxonomy_in_use(request, instances):
    """Deleting a topic would silently strip it from its articles, and reports protect their category: refuse
    both, for the delete page and the bulk action alike, before anything is shown or deleted."""
    problems = [problem for problem in map(_uses, instances) if problem]
    if not problems:
        return None
    for problem in problems:
        messages.error(request, problem)
    model = type(instances[0])
    return redirect(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:list")
