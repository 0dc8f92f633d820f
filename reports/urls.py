"""The public pages, under the language prefixes: /report/... and /es/report/..."""

from django.urls import path

from . import status_views, views

app_name = "reports"

urlpatterns = [
    path("", views.start, name="start"),
    path("privacy/", views.privacy, name="privacy"),
    path("done/", views.done, name="done"),
    path("status/", status_views.lookup_page, name="status"),
    path("status/<str:tracking_number>/", status_views.detail, name="status_detail"),
    path("<slug:slug>/", views.step, name="step"),
]
