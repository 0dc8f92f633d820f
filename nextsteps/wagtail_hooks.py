"""Next steps in the Wagtail admin: a snippet editors keep (Editors add and change them; Moderators may delete)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NextStep


class NextStepViewSet(SnippetViewSet):
    model = NextStep
    icon = "list-ol"
    menu_label = _("Next steps")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "heading", BooleanColumn("live", label=_("Shown")), "sort_order"]
    list_filter = ["live", "harm"]
    search_fields = ["name", "heading", "heading_es", "text", "text_es"]
    ordering = ["sort_order", "name"]


register_snippet(NextStepViewSet)
