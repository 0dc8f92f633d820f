"""Question templates officers pick from when they ask a reporter (Snippets → Question templates)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import QuestionTemplate


class QuestionTemplateViewSet(SnippetViewSet):
    model = QuestionTemplate
    icon = "help"
    menu_label = _("Question templates")
    list_display = ["title", "text_en"]
    search_fields = ["title", "text_en", "text_es"]
    search_backend_name = None
    copy_view_enabled = False


register_snippet(QuestionTemplateViewSet)
