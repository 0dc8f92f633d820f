"""RSS and Atom feeds of alerts, so people and newsrooms hear about new scam waves."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from library.models import ArticlePage, Kind


class AlertsFeed(Feed):
    title = _("Shop safe online: alerts")
    description = _(
        "New warnings about fake and dangerous products sold online, from U.S. Customs and Border Protection."
    )

    def link(self):
        return "/es/biblioteca/?kind=alert" if (get_language() or "en").startswith("es") else "/library/?kind=alert"

    def items(self):
        language = (get_language() or "en")[:2]
        return (
            ArticlePage.objects.live()
            .public()
            .filter(kind=Kind.ALERT, locale__language_code=language)
            .order_by("-first_published_at")[:20]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class AlertsAtomFeed(AlertsFeed):
    feed_type = Atom1Feed
    subtitle = AlertsFeed.description
