from django.urls import path

from . import views

app_name = "assisted"
urlpatterns = [
    path("", views.key_in, name="key_in"),
    path("<int:pk>/receipt/", views.receipt, name="receipt"),
]
