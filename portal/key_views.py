"""An organisation administrator's API keys: list, make one (shown once), set when an old one stops, revoke."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from partners.models import ApiKey, Scope

from . import key_rotation
from .access import PortalMixin
from .forms import NewKeyForm
from .models import Role

SESSION_KEY = "portal.new_api_keys"


class KeyAdminMixin(PortalMixin):
    minimum_role = Role.ADMIN

    def organisation_keys(self):
        return ApiKey.objects.filter(partner=self.organisation)


class KeysView(KeyAdminMixin, TemplateView):
    template_name = "portal/keys.html"

    def get_context_data(self, **kwargs):
        now = timezone.now()
        keys = list(self.organisation_keys())
        for key in keys:
            key.usable_now = key.revoked_at is None and (key.expires_at is None or key.expires_at > now)
        return super().get_context_data(
            keys=keys, can_create=bool(key_rotation.granted_scopes(self.organisation)), **kwargs
        )


class NewKeyView(KeyAdminMixin, TemplateView):
    template_name = "portal/new_key.html"

    def get_form(self, data=None):
        labels = dict(Scope.choices)
        today = timezone.localdate()
        return NewKeyForm(
            data,
            organisation=self.organisation,
            scope_choices=[
                (scope, labels.get(scope, scope)) for scope in key_rotation.granted_scopes(self.organisation)
            ],
            usable_keys=self.organisation_keys().usable(),
            today=today,
            last_day=key_rotation.last_stop_date(today),
            initial={
                "scopes": key_rotation.granted_scopes(self.organisation),
                "replaces": self.request.GET.get("replaces"),
            },
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(can_create=bool(key_rotation.granted_scopes(self.organisation)), **kwargs)

    def post(self, request):
        form = self.get_form(request.POST)
        if not key_rotation.granted_scopes(self.organisation) or not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        api_key, key = key_rotation.create(
            organisation=self.organisation, name=data["name"], scopes=data["scopes"], by=request.user
        )
        if data["replaces"]:
            key_rotation.stop_on(data["replaces"], data["old_key_stops_on"], by=request.user)
        waiting = request.session.get(SESSION_KEY, {})
        waiting[str(api_key.pk)] = key
        request.session[SESSION_KEY] = waiting
        return redirect("portal:key_created", pk=api_key.pk)


class KeyCreatedView(KeyAdminMixin, TemplateView):
    """Shows a new key once: the first read takes it out of the session; a reload says it was shown."""

    template_name = "portal/key_created.html"

    def get_context_data(self, **kwargs):
        api_key = get_object_or_404(self.organisation_keys(), pk=self.kwargs["pk"])
        waiting = self.request.session.get(SESSION_KEY, {})
        key = waiting.pop(str(api_key.pk), None)
        self.request.session[SESSION_KEY] = waiting
        return super().get_context_data(api_key=api_key, key=key, **kwargs)


class RevokeKeyView(KeyAdminMixin, TemplateView):
    template_name = "portal/revoke_key.html"

    def get_key(self):
        return get_object_or_404(self.organisation_keys(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(api_key=self.get_key(), **kwargs)

    def post(self, request, pk):
        api_key = key_rotation.revoke(self.get_key(), by=request.user)
        messages.success(
            request, _("The key %(prefix)s… is revoked: it no longer works.") % {"prefix": api_key.prefix}
        )
        return redirect("portal:keys")
