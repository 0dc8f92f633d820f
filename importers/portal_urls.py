"""The importer's pages in the partner portal (/portal/importer/, namespace portal:importers_portal)."""

from django.urls import path

from . import portal_views

app_name = "importers_portal"

urlpatterns = [
    path("", portal_views.StatusView.as_view(), name="status"),
    path("consent/", portal_views.ConsentView.as_view(), name="consent"),
    path("renewal/", portal_views.ApplyView.as_view(), name="apply"),
    path("renewal/<int:pk>/", portal_views.ApplicationView.as_view(), name="application"),
]
