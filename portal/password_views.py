"""A forgotten password: Django's own reset views (a signed link that expires after PASSWORD_RESET_TIMEOUT and stops
working once the password changes), sent only to active portal users. The second factor is still asked at the
next sign-in: a reset link alone never signs anyone in. At most REPORT_RATE_LIMITS["portal_password_reset"] emails
per client address and per email address typed: past that, the same "check your email" page and nothing sent."""

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from reports import ratelimits

from .models import Membership


class PortalPasswordResetForm(auth_forms.PasswordResetForm):
    email = auth_forms.forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={"required": _("Enter your email address."), "invalid": _("Enter an email address.")},
        widget=auth_forms.forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        # Only active portal users: never staff, who reset their password in the admin.
        members = Membership.objects.active().filter(user__is_staff=False, user__is_superuser=False)
        allowed = set(members.values_list("user_id", flat=True))
        return (user for user in super().get_users(email) if user.pk in allowed)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PortalPasswordResetForm
    template_name = "portal/password_reset.html"
    email_template_name = "portal/email/password_reset.txt"
    subject_template_name = "portal/email/password_reset_subject.txt"
    success_url = reverse_lazy("portal:password_reset_done")

    def form_valid(self, form):
        typed = salted_hmac("portal.password_reset", form.cleaned_data["email"].strip().lower()).hexdigest()
        for client in (ratelimits.client_key(self.request), typed):
            if not ratelimits.hit("portal_password_reset", client).allowed:
                # The same answer as when an email is sent, so the page never tells who has an account.
                return redirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "portal/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "portal/password_reset_confirm.html"
    success_url = reverse_lazy("portal:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "portal/password_reset_complete.html"
