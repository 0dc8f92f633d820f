"""The sitemap lists every language: the site's root page and each of its translations."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        roots = [root, *root.get_translations()]
        in_any_tree = Q()
        for tree_root in roots:
            in_any_tree |= Q(path__startswith=tree_root.path, depth__gte=tree_root.depth)
        return Page.objects.filter(in_any_tree).live().public().order_by("path").defer_streamfields().specific()
