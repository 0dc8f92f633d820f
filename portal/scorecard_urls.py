from django.urls import path

from . import scorecard_views

app_name = "scorecard"

urlpatterns = [path("", scorecard_views.OwnScorecardView.as_view(), name="own")]
