"""The Effectiveness page as a menu item of the admin's Triage group (next to Report trends)."""

from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSet

from .effectiveness_views import EffectivenessView, may_view


class EffectivenessViewSet(ViewSet):
    name = "outcomes-effectiveness"
    icon = "success"
    menu_label = _("Effectiveness")

    @cached_property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        class EffectivenessMenuItem(MenuItem):
            def is_shown(self, request):
                return may_view(request.user)

        return EffectivenessMenuItem

    def get_urlpatterns(self):
        return [path("", EffectivenessView.as_view(), name="index")]
