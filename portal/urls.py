"""The partner portal at /portal/ (namespace "portal"). Each feature adds one line: path("x/", include(...))."""

from django.urls import include, path

from . import account_views, key_views, password_views, user_views, views

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("sign-in/", account_views.SignInView.as_view(), name="sign_in"),
    path("verify/", account_views.VerifyView.as_view(), name="verify"),
    path("setup/", account_views.SetupView.as_view(), name="setup"),
    path("sign-out/", account_views.SignOutView.as_view(), name="sign_out"),
    path("password/", password_views.PasswordResetView.as_view(), name="password_reset"),
    path("password/sent/", password_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/<uidb64>/<token>/",
        password_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password/done/", password_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("invitation/<str:token>/", account_views.AcceptInvitationView.as_view(), name="accept"),
    path("account/", views.AccountView.as_view(), name="account"),
    path("account/recovery-codes/", views.RecoveryCodesView.as_view(), name="recovery_codes"),
    path("users/", user_views.UsersView.as_view(), name="users"),
    path("users/invite/", user_views.InviteView.as_view(), name="invite"),
    path("users/<int:pk>/", user_views.MemberView.as_view(), name="member"),
    path("users/invitations/<int:pk>/withdraw/", user_views.WithdrawInvitationView.as_view(), name="withdraw"),
    path("keys/", key_views.KeysView.as_view(), name="keys"),
    path("keys/new/", key_views.NewKeyView.as_view(), name="new_key"),
    path("keys/<int:pk>/created/", key_views.KeyCreatedView.as_view(), name="key_created"),
    path("keys/<int:pk>/revoke/", key_views.RevokeKeyView.as_view(), name="revoke_key"),
    # Feature helpers: one line each below.
    path("referrals/", include("partners.portal_urls")),
    path("notices/", include("webhooks.portal_urls")),
    path("agency/", include("agencies.portal_urls")),  # other agencies: referrals, outcomes, questions (scorecards)
    path("scorecard/", include("portal.scorecard_urls")),  # the organisation's own response record (scorecards)
    path("brands/", include("brands.portal_urls")),
    path("importer/", include("importers.portal_urls")),
]
