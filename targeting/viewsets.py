from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from . import views
from .permissions import can_view_entities, can_view_leads


def _menu_item(shown):
    from wagtail.admin.menu import MenuItem

    class ShownMenuItem(MenuItem):
        def is_shown(self, request):
            return shown(request.user)

    return ShownMenuItem


class EntitiesViewSet(ViewSet):
    name = "targeting-entities"
    url_prefix = "entities"
    icon = "crosshairs"
    menu_label = _("Entities")

    @cached_property
    def menu_item_class(self):
        return _menu_item(can_view_entities)

    def get_urlpatterns(self):
        return [
            path("", views.EntityIndexView.as_view(), name="index"),
            path("<int:pk>/", views.EntityDetailView.as_view(), name="detail"),
        ]


class LeadsViewSet(ViewSet):
    name = "targeting-leads"
    url_prefix = "border-leads"
    icon = "crosshairs"
    menu_label = _("Border leads")

    @cached_property
    def menu_item_class(self):
        return _menu_item(can_view_leads)

    def get_urlpatterns(self):
        return [
            path("", views.LeadIndexView.as_view(), name="index"),
            path("<int:pk>/review/", views.review_lead, name="review"),
            path("export.<str:format>", views.export_leads, name="export"),
        ]


class TargetingGroup(ViewSetGroup):
    menu_label = _("Targeting")
    menu_icon = "crosshairs"
    menu_order = 260
    items = (EntitiesViewSet, LeadsViewSet)
