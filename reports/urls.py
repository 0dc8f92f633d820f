"""The public pages, under the language prefixes: /report/... and /es/report/..."""

from django.urls import path

from . import status_views

app_name = "reports"

urlpatterns = [
    path("status/", status_views.lookup_page, name="status"),
]
