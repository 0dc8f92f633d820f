from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from search import views as search_views
from website import health
from website import views as website_views
from website.api import api_not_found, api_urls
from website.feeds import AlertsAtomFeed, AlertsFeed
from website.sitemaps import MultilingualSitemap

handler500 = "website.database_unavailable.server_error"

urlpatterns = [
    # For monitors and load balancers (website/health.py): no language prefix, no sign-in, never cached.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("readyz/worker", health.readyz_worker, name="readyz_worker"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}),
    path("manifest.webmanifest", website_views.manifest, name="manifest"),
    path("sw.js", website_views.service_worker, name="service_worker"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api_urls()),
    re_path(r"^api/v1/", api_not_found),
    path("api/", include("reports.api_urls")),
    path("api/search", search_views.search_api, name="search_api"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("offline/", website_views.offline, name="offline"),
    path("alerts/rss/", AlertsFeed(), name="alerts_rss"),
    path("alerts/atom/", AlertsAtomFeed(), name="alerts_atom"),
    path("report/", include("conversations.urls")),  # answering CBP, status emails (before the form's steps)
    path("report/", include("reports.urls")),
    path("trusted-importers/", include("importers.urls")),
    path("statistics/", include("outcomes.urls")),
    path("marketplaces/", include("partners.public_urls")),  # the marketplaces' response records
    path("portal/", include("portal.urls")),  # the partner portal (portal/urls.py)
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
