"""The portal's users in the Wagtail admin, for CBP partner managers (the `Partner managers` group).

"Portal invitations": invite someone to an organisation (the email with a single-use link goes at once) and see
which invitations wait, were accepted, expired or were withdrawn. "Portal users": every organisation's users,
their role, and switching one off. Nothing here creates a user directly: people choose their own password when
they accept. Every change is in Wagtail's audit log.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from accounts import second_factor
from accounts.forms import ConfirmForm
from website.admin_display import LocalDateTimeColumn, SiteTimesInspectMixin, YesNoColumn

from . import invitations
from .models import Invitation, Membership


class InspectView(SiteTimesInspectMixin, generic.InspectView):
    pass


class InviteView(generic.CreateView):
    """Sends the invitation instead of saving the form's object (the token is made and hashed on the way)."""

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invitation, _link = invitations.invite(
                organisation=data["organisation"], email=data["email"], role=data["role"], invited_by=self.request.user
            )
        except invitations.InvitationRefused as refused:
            form.add_error("email", str(refused))
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Invitation sent to %(email)s for %(organisation)s. The link works for %(days)s days.")
            % {
                "email": invitation.email,
                "organisation": invitation.organisation,
                "days": settings.PORTAL_INVITATION_DAYS,
            },
        )
        return redirect(self.index_url_name)


class InvitationViewSet(ModelViewSet):
    model = Invitation
    icon = "mail"
    menu_label = gettext_lazy("Portal invitations")
    add_view_class = InviteView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = InspectView
    form_fields = ["organisation", "email", "role"]
    list_display = [
        "email",
        "organisation",
        Column("role", accessor="get_role_display", label=gettext_lazy("Role")),
        Column("state", label=gettext_lazy("State")),
        LocalDateTimeColumn("created_at", label=gettext_lazy("Sent"), sort_key="created_at"),
        LocalDateTimeColumn("expires_at", label=gettext_lazy("Link works until"), sort_key="expires_at"),
    ]
    list_filter = ["organisation", "role"]
    search_fields = ["email", "organisation__name"]
    search_backend_name = None
    inspect_view_fields = [
        "organisation",
        "email",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "withdrawn_at",
    ]

    def get_urlpatterns(self):
        # An invitation is never edited or deleted: send a new one (which withdraws the old link).
        return [p for p in super().get_urlpatterns() if p.name in {"index", "index_results", "add", "inspect"}]


class MembershipIndexView(generic.IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.permission_policy.user_has_permission(self.request.user, "change"):
            url = reverse("portal-users:reset_second_factor", args=[instance.pk])
            buttons.append(MenuItem(_("Reset second factor"), url=url, icon_name="key", priority=60))
        return buttons


class ResetSecondFactorView(generic.PermissionCheckedMixin, generic.WagtailAdminTemplateMixin, View):
    """A portal user lost their phone and recovery codes: remove their second factors (audit-logged); they set up a
    new authenticator app at their next sign-in. Only portal users: staff are reset by a superuser (accounts/)."""

    permission_policy = None  # set by the viewset
    permission_required = "change"
    template_name = "portal/admin/reset_second_factor.html"
    page_title = gettext_lazy("Reset second factor")
    header_icon = "key"

    def render(self, request, membership, form):
        user = membership.user
        context = self.get_context_data(
            membership=membership,
            form=form,
            apps=second_factor.app_devices(user).count(),
            recovery_codes=second_factor.recovery_codes_left(user),
            index_url=reverse("portal-users:index"),
        )
        return TemplateResponse(request, self.template_name, context, status=400 if form.errors else 200)

    def get_membership(self, pk):
        return get_object_or_404(
            Membership.objects.select_related("user", "organisation").filter(user__is_staff=False), pk=pk
        )

    def get(self, request, pk):
        return self.render(request, self.get_membership(pk), ConfirmForm())

    def post(self, request, pk):
        membership = self.get_membership(pk)
        form = ConfirmForm(request.POST)
        if not form.is_valid():
            return self.render(request, membership, form)
        second_factor.reset(membership.user, by=request.user)
        messages.success(
            request,
            _("The second factor of %(email)s was reset. They set up a new one the next time they sign in.")
            % {"email": membership.user.email},
        )
        return redirect("portal-users:index")


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "group"
    menu_label = gettext_lazy("Portal users")
    index_view_class = MembershipIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = InspectView
    form_fields = ["role", "active"]
    list_display = [
        "user",
        "organisation",
        Column("role", accessor="get_role_display", label=gettext_lazy("Role")),
        YesNoColumn("active", label=gettext_lazy("Active"), sort_key="active"),
        LocalDateTimeColumn("created_at", label=gettext_lazy("Joined"), sort_key="created_at"),
    ]
    list_filter = ["organisation", "role", "active"]
    search_fields = ["user__email", "organisation__name"]
    search_backend_name = None
    inspect_view_fields = ["user", "organisation", "role", "active", "invited_by", "created_at"]

    def get_urlpatterns(self):
        # Users join by accepting an invitation; a user is switched off, never deleted (the audit log keeps them).
        kept = [p for p in super().get_urlpatterns() if p.name in {"index", "index_results", "edit", "inspect"}]
        reset = ResetSecondFactorView.as_view(permission_policy=self.permission_policy)
        return [*kept, path("reset-second-factor/<int:pk>/", reset, name="reset_second_factor")]


class PortalGroup(ViewSetGroup):
    menu_label = gettext_lazy("Partner portal")
    menu_icon = "group"
    menu_order = 275
    items = (MembershipViewSet("portal-users"), InvitationViewSet("portal-invitations"))
