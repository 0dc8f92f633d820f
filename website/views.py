"""Small site-wide views: the web app manifest, the service worker and the offline page."""

from django.http import JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control


@cache_control(max_age=86400, public=True)
def manifest(request):
    return JsonResponse(
        {
            "name": _("Shop safe online: U.S. Customs and Border Protection"),
            "short_name": _("Shop safe"),
            "description": _("Spot fake and dangerous products sold online, and report them."),
            "start_url": "/?source=app",
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#162e51",
            "lang": request.LANGUAGE_CODE,
            "icons": [
                {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
                {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
                {
                    "src": static("icons/icon-512.png"),
                    "sizes": "512x512",
                    "type": "image/png",
                    "purpose": "maskable",
                },
            ],
        },
        content_type="application/manifest+json",
    )


@cache_control(max_age=0, no_cache=True)
def service_worker(request):
    response = render(request, "website/service_worker.js", content_type="application/javascript")
    response["Service-Worker-Allowed"] = "/"
    return response


def offline(request):
    return render(request, "website/offline.html")
