"""The portal's users in the Wagtail admin, for CBP partner managers (the `Partner managers` group).

"Portal invitations": invite someone to an organisation (the email with a single-use link goes at once) and see
which invitations wait, were accepted, expired or were withdrawn. "Portal users": every organisation's users,
their role, and switching one off. Nothing here creates a user directly: people choose their own password when
they accept. Every change is in Wagtail's audit log.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

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


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "group"
    menu_label = gettext_lazy("Portal users")
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = InspectView
    form_fields = ["role", "active"]
    list_display = [
        Column("email", label=gettext_lazy("Email")),
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
        return [p for p in super().get_urlpatterns() if p.name in {"index", "index_results", "edit", "inspect"}]


class PortalGroup(ViewSetGroup):
    menu_label = gettext_lazy("Partner portal")
    menu_icon = "group"
    menu_order = 275
    items = (MembershipViewSet("portal-users"), InvitationViewSet("portal-invitations"))
