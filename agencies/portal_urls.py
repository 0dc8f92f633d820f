"""The agencies' portal pages, under /portal/agency/ (namespace portal:agencies_portal)."""

from django.urls import path

from . import portal_views

app_name = "agencies_portal"

urlpatterns = [
    path("", portal_views.InboxView.as_view(), name="inbox"),
    path("referrals/<int:pk>/", portal_views.ReferralView.as_view(), name="referral"),
    path("referrals/<int:pk>/acknowledge/", portal_views.AcknowledgeView.as_view(), name="acknowledge"),
    path("referrals/<int:pk>/outcome/", portal_views.OutcomeView.as_view(), name="outcome"),
    path("referrals/<int:pk>/question/", portal_views.QuestionView.as_view(), name="question"),
    path(
        "referrals/<int:pk>/files/<int:attachment_id>/",
        portal_views.ReferralFileView.as_view(),
        name="file",
    ),
]
