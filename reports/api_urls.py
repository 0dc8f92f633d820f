"""The report API (shared/report-api.md), outside the language prefixes: /api/reports..."""

from django.urls import path

from conversations import api as conversations_api

from . import api

app_name = "reports_api"

urlpatterns = [
    path("reports", api.submit, name="submit"),
    path("reports/<str:tracking_number>/status", api.status, name="status"),
    path("reports/<str:tracking_number>/additions", api.additions, name="additions"),
    path("reports/<str:tracking_number>/messages", conversations_api.messages, name="messages"),
]
