"""The home page and the settings editors control for the whole site."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from .banner_link import validate_banner_link


class HomePage(Page):
    hero_heading = models.CharField(_("hero heading"), max_length=120, default="Shop safe online")
    hero_text = models.CharField(
        _("hero text"),
        max_length=300,
        default="Fake and dangerous products are sold online every day. Learn how to spot them and tell us when you get one.",
    )
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

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
    """A site-wide alert editors switch on, for example for a new scam wave.

    It has an English and a Spanish message; the Spanish site (/es/) shows the Spanish one, or the English one
    when the Spanish message is empty. It shows only between its optional start and end times.
    """

    LEVELS = [("info", _("Information")), ("warning", _("Warning")), ("emergency", _("Emergency"))]

    enabled = models.BooleanField(_("enabled"), default=False)
    level = models.CharField(_("level"), max_length=20, choices=LEVELS, default="warning")
    heading = models.CharField(_("heading"), max_length=120, blank=True)
    text = models.CharField(_("message"), max_length=300, blank=True)
    link_text = models.CharField(
        _("link text"),
        max_length=80,
        blank=True,
        help_text=_('Optional. Empty: "Read more about this alert".'),
    )
    heading_es = models.CharField(_("heading in Spanish"), max_length=120, blank=True)
    text_es = models.CharField(
        _("message in Spanish"),
        max_length=300,
        blank=True,
        help_text=_(
            "Shown on the Spanish site (/es/). If the Spanish heading and message are both empty, "
            "the Spanish site shows the English ones."
        ),
    )
    link_text_es = models.CharField(
        _("link text in Spanish"),
        max_length=80,
        blank=True,
        help_text=_('Optional. Empty: "Lea más sobre esta alerta".'),
    )
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page to link to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. On the Spanish site the link goes to the page's Spanish translation, if it has one."),
    )
    link = models.CharField(
        _("or a link"),
        max_length=500,
        blank=True,
        validators=[validate_banner_link],
        help_text=_("Optional: a link inside this site such as /library/, or a full address starting with https://."),
    )
    starts_at = models.DateTimeField(
        _("show from"),
        null=True,
        blank=True,
        help_text=_("Optional, in the site's time zone (Eastern time). Empty: as soon as it is switched on."),
    )
    ends_at = models.DateTimeField(
        _("show until"),
        null=True,
        blank=True,
        help_text=_("Optional, in the site's time zone (Eastern time). Empty: until it is switched off."),
    )

    panels = [
        FieldPanel("enabled"),
        FieldPanel("level"),
        MultiFieldPanel([FieldPanel("heading"), FieldPanel("text"), FieldPanel("link_text")], heading=_("English")),
        MultiFieldPanel(
            [FieldPanel("heading_es"), FieldPanel("text_es"), FieldPanel("link_text_es")], heading=_("Spanish")
        ),
        MultiFieldPanel([FieldPanel("link_page"), FieldPanel("link")], heading=_("Link")),
        MultiFieldPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("When")),
    ]

    class Meta:
        verbose_name = _("site alert banner")

    def clean(self):
        errors = {}
        if self.link_page_id and self.link:
            errors["link"] = _("Choose a page or type a link, not both.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end time must come after the start time.")
        if errors:
            raise ValidationError(errors)

    def _in_spanish(self):
        return (get_language() or "en").startswith("es") and bool(self.heading_es or self.text_es)

    @property
    def current_heading(self):
        return self.heading_es if self._in_spanish() else self.heading

    @property
    def current_text(self):
        return self.text_es if self._in_spanish() else self.text

    @property
    def current_link_text(self):
        return (self.link_text_es if self._in_spanish() else self.link_text) or _("Read more about this alert")

    @property
    def current_link_url(self):
        if self.link_page_id and self.link_page.live:
            return self.link_page.localized.url
        return self.link

    @property
    def is_showing(self):
        """Switched on, with something to say, and within its time window now."""
        now = timezone.now()
        return (
            self.enabled
            and bool(self.heading or self.text or self.heading_es or self.text_es)
            and (self.starts_at is None or self.starts_at <= now)
            and (self.ends_at is None or now < self.ends_at)
        )
