"""The home page and the settings editors control for the whole site."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    hero_heading = models.CharField(max_length=120, default="Shop safe online")
    hero_text = models.CharField(
        max_length=300,
        default="Fake and dangerous products are sold online every day. Learn how to spot them and tell us when you get one.",
    )
    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("intro"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["library.LibraryIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from library.models import ArticlePage, Kind, LibraryIndexPage, Topic, alphabetical

        context = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.live()
            .public()
            .filter(locale=self.locale)
            .prefetch_related("topics")
            .order_by("-first_published_at")
        )
        context.update(
            library=LibraryIndexPage.objects.child_of(self).live().first(),
            alerts=articles.filter(kind=Kind.ALERT)[:3],
            latest=articles.exclude(kind=Kind.ALERT)[:6],
            topics=alphabetical(Topic.objects.filter(articlepage__in=articles).distinct()),
        )
        return context


@register_setting(icon="warning")
class SiteBanner(BaseGenericSetting):
    """A site-wide alert editors switch on, for example for a new scam wave."""

    LEVELS = [("info", _("Information")), ("warning", _("Warning")), ("emergency", _("Emergency"))]

    enabled = models.BooleanField(default=False)
    level = models.CharField(max_length=20, choices=LEVELS, default="warning")
    heading = models.CharField(max_length=120, blank=True)
    text = models.CharField(max_length=300, blank=True)
    link = models.URLField(blank=True, help_text=_("Optional link to read more."))

    panels = [
        FieldPanel("enabled"),
        FieldPanel("level"),
        FieldPanel("heading"),
        FieldPanel("text"),
        FieldPanel("link"),
    ]

    class Meta:
        verbose_name = _("site alert banner")
