"""The rights holders' portal pages, under /portal/brands/ (names portal:brands_portal:...)."""

from django.urls import path

from . import portal_views

app_name = "brands_portal"

urlpatterns = [
    path("", portal_views.BrandsView.as_view(), name="brands"),
    path("<int:pk>/", portal_views.BrandView.as_view(), name="brand"),
    path("<int:pk>/guide/", portal_views.GuideEditView.as_view(), name="guide"),
    path("<int:pk>/guide/submit/", portal_views.SubmitView.as_view(), name="submit"),
    path("photos/<int:pk>/", portal_views.PhotoView.as_view(), name="photo"),
    path("photos/<int:pk>/remove/", portal_views.RemovePhotoView.as_view(), name="remove_photo"),
]
