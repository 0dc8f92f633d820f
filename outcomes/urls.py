from django.urls import path

from . import views

app_name = "outcomes"

urlpatterns = [
    path("", views.dashboard, name="statistics"),
    path("outcomes.csv", views.outcomes_csv, name="outcomes_csv"),
]
