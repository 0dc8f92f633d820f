"""Public pages about partners: the marketplaces' response records (/marketplaces/response-records/)."""

from django.urls import path

from . import scorecard_views

app_name = "marketplaces"

urlpatterns = [
    path("response-records/", scorecard_views.response_records, name="response_records"),
]
