"""The Brands menu in the Wagtail admin: the brand registry (brands, other names, trademarks, authorised
sellers, edited on one page) and the identification guides waiting for review."""

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from . import staff_views
from .models import Brand
from .permissions import can_review_guides


class BrandViewSet(ModelViewSet):
    model = Brand
    name = "brands"
    icon = "tag"
    menu_label = _("Brand registry")
    copy_view_enabled = False
    panels = [
        FieldPanel("owner"),
        FieldPanel("name"),
        InlinePanel("other_names", label=_("Other names")),
        InlinePanel("trademarks", label=_("Trademarks")),
        InlinePanel(
            "authorised_sellers",
            label=_("Authorised sellers, domains and stores"),
            help_text=_("Reports naming one of these are flagged “possibly genuine” for officers."),
        ),
    ]
    list_display = ["name", Column("owner", label=_("Rights holder"))]
    list_filter = ["owner"]
    search_fields = ["name"]
    search_backend_name = None


class GuideReviewViewSet(ViewSet):
    name = "brand-guides"
    url_prefix = "brand-guides"
    icon = "doc-full"
    menu_label = _("Guides to review")

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        class ReviewerMenuItem(MenuItem):
            def is_shown(self, request):
                return can_review_guides(request.user)

        return ReviewerMenuItem

    def get_urlpatterns(self):
        return [
            path("", staff_views.GuideIndexView.as_view(), name="index"),
            path("<int:pk>/", staff_views.GuideReviewView.as_view(), name="review"),
        ]


class BrandsGroup(ViewSetGroup):
    menu_label = _("Brands")
    menu_icon = "tag"
    menu_order = 270
    items = (BrandViewSet, GuideReviewViewSet)
