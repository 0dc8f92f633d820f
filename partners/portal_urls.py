"""The referrals part of the partner portal, under /portal/referrals/ (names portal:referrals:...)."""

from django.urls import path

from . import portal_views

app_name = "referrals"

urlpatterns = [
    path("", portal_views.InboxView.as_view(), name="inbox"),
    path("answer/", portal_views.BulkRespondView.as_view(), name="respond_many"),
    path("upload/", portal_views.UploadView.as_view(), name="upload"),
    path("<int:pk>/", portal_views.ReferralView.as_view(), name="referral"),
    path("<int:pk>/answer/", portal_views.RespondView.as_view(), name="respond"),
]
