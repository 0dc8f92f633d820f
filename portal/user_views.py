"""An organisation administrator's users page: invite people to their own organisation, change roles, switch off."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from . import invitations, members
from .access import PortalMixin
from .forms import InviteForm, MemberForm
from .models import ROLE_HELP, Invitation, Membership, Role


class AdminOnlyMixin(PortalMixin):
    minimum_role = Role.ADMIN


class UsersView(AdminOnlyMixin, TemplateView):
    template_name = "portal/users.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            members=Membership.objects.filter(organisation=self.organisation).select_related("user"),
            invitations=Invitation.objects.pending().filter(organisation=self.organisation),
            **kwargs,
        )


class InviteView(AdminOnlyMixin, TemplateView):
    template_name = "portal/invite.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", InviteForm())
        return super().get_context_data(role_help=ROLE_HELP, days=settings.PORTAL_INVITATION_DAYS, **kwargs)

    def post(self, request):
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                invitation, _link = invitations.invite(
                    organisation=self.organisation,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    invited_by=request.user,
                )
            except invitations.InvitationRefused as refused:
                form.add_error("email", str(refused))
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s. The link works for %(days)s days.")
                    % {"email": invitation.email, "days": settings.PORTAL_INVITATION_DAYS},
                )
                return redirect("portal:users")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MemberView(AdminOnlyMixin, TemplateView):
    template_name = "portal/member.html"

    def get_member(self):
        return get_object_or_404(
            Membership.objects.filter(organisation=self.organisation).select_related("user"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        member = kwargs.pop("member", None) or self.get_member()
        kwargs.setdefault("form", MemberForm(initial={"role": member.role, "active": member.active}))
        return super().get_context_data(member=member, is_self=member.user_id == self.request.user.pk, **kwargs)

    def post(self, request, pk):
        member = self.get_member()
        form = MemberForm(request.POST)
        if form.is_valid():
            try:
                members.change(
                    member, role=form.cleaned_data["role"], active=form.cleaned_data["active"], by=request.user
                )
            except members.LastAdministrator as problem:
                form.add_error(None, str(problem))
            else:
                messages.success(request, _("Saved the changes for %(email)s.") % {"email": member.user.email})
                return redirect("portal:users")
        return self.render_to_response(self.get_context_data(member=member, form=form), status=400)


class WithdrawInvitationView(AdminOnlyMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, pk):
        invitation = get_object_or_404(Invitation.objects.filter(organisation=self.organisation), pk=pk)
        invitations.withdraw(invitation, by=request.user)
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn: its link no longer works.") % {"email": invitation.email},
        )
        return redirect("portal:users")
