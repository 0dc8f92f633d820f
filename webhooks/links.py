"""Full links to the site in emails and webhook bodies (REPORTS_BASE_URL: the site's public address)."""

from django.conf import settings
from django.urls import reverse


def site_url(path):
    return settings.REPORTS_BASE_URL.rstrip("/") + path


def portal_url():
    return site_url(reverse("portal:home"))
