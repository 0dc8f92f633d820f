"""The portal's notices pages, at /portal/notices/ (namespace portal:webhooks_portal)."""

from django.urls import path

from . import portal_views as views

app_name = "webhooks_portal"

urlpatterns = [
    path("", views.PreferencesView.as_view(), name="preferences"),
    path("endpoints/", views.EndpointsView.as_view(), name="endpoints"),
    path("endpoints/new/", views.NewEndpointView.as_view(), name="new_endpoint"),
    path("endpoints/<int:pk>/", views.EndpointView.as_view(), name="endpoint"),
    path("endpoints/<int:pk>/history/", views.EndpointHistoryView.as_view(), name="history"),
    path("endpoints/<int:pk>/edit/", views.EditEndpointView.as_view(), name="edit"),
    path("endpoints/<int:pk>/secret/", views.SecretView.as_view(), name="secret"),
    path("endpoints/<int:pk>/rotate/", views.RotateSecretView.as_view(), name="rotate"),
    path("endpoints/<int:pk>/enabled/", views.EnabledView.as_view(), name="enabled"),
    path("endpoints/<int:pk>/delete/", views.DeleteEndpointView.as_view(), name="delete"),
    path("deliveries/<int:pk>/", views.DeliveryView.as_view(), name="delivery"),
    path("deliveries/<int:pk>/replay/", views.ReplayView.as_view(), name="replay"),
]
