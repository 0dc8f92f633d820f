"""The resource library: topics and product categories (snippets), the library index and articles."""

import re
import unicodedata

from django import forms
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import ArticleBodyBlock
from .kinds import Kind
from .structured_data import as_json_ld

ARTICLES_PER_PAGE = 12
SLUG = re.compile(r"[-\w]+")


def alphabetical(items):
    """Topics or categories in the alphabetical order of the active language (accents and case ignored)."""

    def key(item):
        decomposed = unicodedata.normalize("NFKD", item.display_name.casefold())
        return "".join(char for char in decomposed if not unicodedata.combining(char))

    return sorted(items, key=key)


class TranslatedNameMixin(models.Model):
    """Taxonomy shared by both languages: an English name and an optional Spanish one."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_es = models.CharField(
        _("Spanish name"), max_length=100, blank=True, help_text=_("Shown on Spanish pages. Empty: the name is used.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        allow_unicode=False,
        help_text=_("Part of the web address. Changing it breaks links people have saved."),
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        if (get_language() or "en").startswith("es") and self.name_es:
            return self.name_es
        return self.name


class Topic(index.Indexed, TranslatedNameMixin):
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences shown on the topic page.")
    )
    description_es = models.TextField(
        _("Spanish description"), blank=True, help_text=_("Shown on the Spanish topic page. Empty: none is shown.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("name_es"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("description_es"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatedNameMixin.Meta):
        verbose_name = _("topic")

    @property
    def display_description(self):
        """The description in the page's language; a Spanish page never falls back to English prose."""
        if (get_language() or "en").startswith("es"):
            return self.description_es
        return self.description


class ProductCategory(index.Indexed, TranslatedNameMixin):
    health_and_safety = models.BooleanField(
        _("health and safety"),
        default=False,
        help_text=_("Fakes in this category can hurt people (medicines, chargers, toys...). Reports rank higher."),
    )

    panels = [FieldPanel("name"), FieldPanel("name_es"), FieldPanel("slug"), FieldPanel("health_and_safety")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatedNameMixin.Meta):
        verbose_name = _("product category")
        verbose_name_plural = _("product categories")

    @property
    def health_and_safety_label(self):
        return _("Yes") if self.health_and_safety else _("No")


# The fixed audiences (library/migrations/0002_audiences.py) in the active language; any other shows its name.
AUDIENCE_LABELS = {"consumers": _("Consumers"), "small-businesses": _("Small businesses")}


class Audience(models.Model):
    """Who an article is written for. A fixed list, created by a migration."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return str(AUDIENCE_LABELS.get(self.slug, self.name))


class LibraryIndexPage(RoutablePageMixin, Page):
    """The library's landing page: every article, browsable by topic and kind."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["library.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("library index page")

    def articles(self):
        return (
            ArticlePage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related("topics")
            .order_by("-first_published_at", "-pk")
        )

    def paginate(self, request, queryset):
        paginator = Paginator(queryset, ARTICLES_PER_PAGE)
        try:
            return paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            return paginator.page(1)
        except EmptyPage:
            return paginator.page(paginator.num_pages)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        topic = kind = None
        topic_slug = request.GET.get("topic")
        # Only a slug can name a topic; anything else (a NUL byte breaks a PostgreSQL query) shows every topic.
        if topic_slug and SLUG.fullmatch(topic_slug):
            topic = Topic.objects.filter(slug=topic_slug).first()
            if topic:
                articles = articles.filter(topics=topic)
        kind_value = request.GET.get("kind")
        if kind_value in Kind.values:
            kind = kind_value
            articles = articles.filter(kind=kind)
        context.update(
            articles=self.paginate(request, articles),
            topics=alphabetical(Topic.objects.filter(articlepage__in=self.articles()).distinct()),
            kinds=Kind.choices,
            selected_topic=topic,
            selected_kind=kind,
        )
        return context

    @path("topics/", name="topics")
    def topic_list(self, request):
        topics = Topic.objects.annotate(
            article_count=models.Count("articlepage", filter=models.Q(articlepage__in=self.articles()), distinct=True)
        ).filter(article_count__gt=0)
        topics = alphabetical(topics)
        return self.render(request, context_overrides={"topics": topics}, template="library/topic_list.html")

    @path("topics/<slug:slug>/", name="topic")
    def topic_detail(self, request, slug):
        topic = get_object_or_404(Topic, slug=slug)
        articles = self.articles().filter(topics=topic)
        return self.render(
            request,
            context_overrides={"topic": topic, "articles": self.paginate(request, articles)},
            template="library/topic_detail.html",
        )


class ArticlePage(Page):
    """One piece of guidance. Written by editors or imported with `manage.py import_library`."""

    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two plain sentences. Shown in listings and search results.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GUIDE)
    topics = ParentalManyToManyField(Topic, verbose_name=_("topics"), related_name="articlepage", blank=False)
    audience = ParentalManyToManyField(Audience, verbose_name=_("audience"), related_name="articles", blank=True)
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When an expert last checked that this guidance is still right."),
    )
    body = StreamField(ArticleBodyBlock(), use_json_field=True, verbose_name=_("body"))

    # Kind, topics and audience sit beside the summary: topics are required, so an editor must see them
    # before the first save rather than find the error on the Promote tab.
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audience", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("body"),
        InlinePanel("related_links", label=_("Related articles"), max_num=6),
    ]
    promote_panels = Page.promote_panels + [
        FieldPanel("last_reviewed"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("locale"),
        index.RelatedFields("topics", [index.SearchField("name")]),
    ]
    parent_page_types = ["library.LibraryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article")

    @property
    def language(self):
        return self.locale.language_code

    @property
    def published_date(self):
        return self.first_published_at.date() if self.first_published_at else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["structured_data"] = as_json_ld(self, request)
        return context

    def related_articles(self):
        pages = [link.page.specific for link in self.related_links.select_related("page") if link.page.live]
        if pages:
            return pages
        # No editor's choice: other live articles sharing a topic.
        return list(
            ArticlePage.objects.live()
            .public()
            .filter(locale=self.locale, topics__in=self.topics.all())
            .exclude(pk=self.pk)
            .distinct()
            .order_by("-first_published_at")[:3]
        )


class ArticleRelatedLink(Orderable):
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    page = models.ForeignKey(
        "library.ArticlePage", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page", "library.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
