"""What kind of article a page is. Below library.models, so modules that models imports (structured_data) can use it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    ALERT = "alert", _("Alert")
    FAQ = "faq", _("Questions and answers")
    CHECKLIST = "checklist", _("Checklist")
    STORY = "story", _("Story")
