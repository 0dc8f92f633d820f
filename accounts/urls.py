"""Admin URLs (under /admin/second-factor/ and /admin/locked-sign-ins/), added by wagtail_hooks.py."""

from django.urls import include, path

from . import second_factor_views, superuser_views

app_name = "accounts"

urlpatterns = [
    path("second-factor/", second_factor_views.ManageView.as_view(), name="manage"),
    path("second-factor/verify/", second_factor_views.VerifyView.as_view(), name="verify"),
    path("second-factor/setup/", second_factor_views.SetupView.as_view(), name="setup"),
    path("second-factor/recovery-codes/", second_factor_views.RecoveryCodesView.as_view(), name="recovery_codes"),
    path("second-factor/staff/", superuser_views.StaffSecondFactorsView.as_view(), name="staff"),
    path("second-factor/staff/<int:pk>/reset/", superuser_views.ResetSecondFactorView.as_view(), name="reset"),
    path("locked-sign-ins/", superuser_views.LockoutsView.as_view(), name="lockouts"),
]

# Passkey ceremonies (django-otp-webauthn's JSON endpoints); its template tags reverse "otp_webauthn:...".
webauthn_urlpatterns = [path("second-factor/passkeys/", include("django_otp_webauthn.urls"))]
