"""Topics and product categories in the Wagtail admin (Taxonomy menu): snippets with search, filters and counts.

Guarded by the models' own permissions: the `Editors` group adds and changes them, `Moderators` may also delete
one nobody uses (wagtail_hooks.py refuses deleting one in use). Listings are alphabetical; editors can sort
them by any column.
"""

import django_filters
from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import InspectView, SnippetViewSet, SnippetViewSetGroup

from .models import ProductCategory, Topic

SPANISH_NAME_CHOICES = [("missing", _("Missing")), ("present", _("Given"))]


class SpanishNameFilterSet(WagtailFilterSet):
    """Lets translators find what still lacks a Spanish name."""

    spanish_name = django_filters.ChoiceFilter(
        label=_("Spanish name"),
        choices=SPANISH_NAME_CHOICES,
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="filter_spanish_name",
    )

    def filter_spanish_name(self, queryset, name, value):
        missing = Q(name_es="")
        return queryset.filter(missing if value == "missing" else ~missing)


class InUseFilter(django_filters.ChoiceFilter):
    def __init__(self, count_field, **kwargs):
        self.count_field = count_field
        super().__init__(
            choices=[("yes", _("In use")), ("no", _("Not used"))],
            empty_label=_("All"),
            widget=forms.RadioSelect,
            **kwargs,
        )

    def filter(self, queryset, value):
        if value == "yes":
            return queryset.filter(**{f"{self.count_field}__gt": 0})
        if value == "no":
            return queryset.filter(**{self.count_field: 0})
        return queryset


class TopicFilterSet(SpanishNameFilterSet):
    in_use = InUseFilter("article_count", label=_("Articles"))

    class Meta:
        model = Topic
        fields = []


class ProductCategoryFilterSet(SpanishNameFilterSet):
    in_use = InUseFilter("report_count", label=_("Reports"))

    class Meta:
        model = ProductCategory
        fields = ["health_and_safety"]


class TaxonomyViewSet(SnippetViewSet):
    """What topics and categories share. Wagtail's reference index follows neither many-to-many fields (topics)
    nor reports, so it would say "Used 0 times": the listing counts uses from the database instead."""

    search_fields = ["name", "name_es", "slug"]
    search_backend_name = None  # database `icontains`: finds part of a name, in either language
    ordering = ["name"]
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(**{**kwargs, "usage_url_name": None})

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "usage"]


class TopicViewSet(TaxonomyViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 100
    filterset_class = TopicFilterSet
    search_fields = [*TaxonomyViewSet.search_fields, "description", "description_es"]
    list_display = [
        "name",
        Column("name_es", label=_("Spanish name"), sort_key="name_es"),
        Column("slug", label=_("Slug"), sort_key="slug"),
        Column("article_count", label=_("Articles"), sort_key="article_count"),
    ]
    inspect_view_fields = ["name", "name_es", "slug", "description", "description_es"]

    def get_queryset(self, request):
        # Every article using it: English and Spanish, published or draft.
        return Topic.objects.annotate(article_count=Count("articlepage", distinct=True))


class ProductCategoryInspectView(InspectView):
    def get_health_and_safety_display_value(self):
        return self.object.health_and_safety_label  # "Yes" or "No" in the admin's language, not True/False


class ProductCategoryViewSet(TaxonomyViewSet):
    model = ProductCategory
    inspect_view_class = ProductCategoryInspectView
    icon = "folder-open-inverse"
    menu_label = _("Product categories")
    menu_order = 200
    filterset_class = ProductCategoryFilterSet
    list_display = [
        "name",
        Column("name_es", label=_("Spanish name"), sort_key="name_es"),
        Column("slug", label=_("Slug"), sort_key="slug"),
        Column("health_and_safety", label=_("Health and safety"), accessor="health_and_safety_label"),
        Column("report_count", label=_("Reports"), sort_key="report_count"),
    ]
    inspect_view_fields = ["name", "name_es", "slug", "health_and_safety"]

    def get_queryset(self, request):
        return ProductCategory.objects.annotate(report_count=Count("reports", distinct=True))


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomy")
    menu_icon = "tag"
    menu_order = 250
    items = (TopicViewSet, ProductCategoryViewSet)
