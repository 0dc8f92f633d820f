"""The reporter's pages, under the language prefixes beside the report form: /report/status/<number>/answer/..."""

from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("status/<str:tracking_number>/answer/", views.answer, name="answer"),
    path("status/<str:tracking_number>/updates/", views.updates, name="updates"),
    path("updates/stop/<str:token>/", views.stop, name="stop"),
]
