"""Notices in the partner portal: each member's email choice; for admins, webhook endpoints and their delivery log.

Every query is filtered by the member's organisation: another organisation's endpoint or delivery is a 404.
"""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from portal.access import PortalMixin
from portal.models import Role

from . import endpoint_history, endpoints, replays
from .forms import EndpointForm, PreferenceForm, RotateSecretForm
from .models import Delivery, Endpoint
from .preferences import set_wants_email, wants_email
from .queueing import enqueue_after_commit

SESSION_KEY = "webhooks.new_secrets"
LOG_SIZE = 50
HISTORY_PAGE_SIZE = 50


class PreferencesView(PortalMixin, TemplateView):
    template_name = "webhooks/portal/preferences.html"

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            wanted = wants_email(self.request.user, self.membership.role)
            kwargs["form"] = PreferenceForm(initial={"email_new_referrals": wanted})
        kwargs["is_admin"] = self.membership.has_role(Role.ADMIN)
        return super().get_context_data(**kwargs)

    def post(self, request):
        form = PreferenceForm(request.POST)
        form.is_valid()  # a single tick box: always valid
        wanted = form.cleaned_data.get("email_new_referrals", False)
        set_wants_email(request.user, wanted)
        if wanted:
            messages.success(request, _("You will get an email about each new referral."))
        else:
            messages.success(request, _("You will not get emails about new referrals."))
        return redirect("portal:webhooks_portal:preferences")


class EndpointAdminMixin(PortalMixin):
    minimum_role = Role.ADMIN

    def organisation_endpoints(self):
        return Endpoint.objects.filter(organisation=self.organisation)

    def get_endpoint(self):
        return get_object_or_404(self.organisation_endpoints(), pk=self.kwargs["pk"])


class EndpointsView(EndpointAdminMixin, TemplateView):
    template_name = "webhooks/portal/endpoints.html"

    def get_context_data(self, **kwargs):
        listed = self.organisation_endpoints().annotate(
            delivery_count=Count("deliveries"), last_delivery=Max("deliveries__created_at")
        )
        return super().get_context_data(endpoints=listed, **kwargs)


class NewEndpointView(EndpointAdminMixin, TemplateView):
    template_name = "webhooks/portal/new_endpoint.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", EndpointForm(organisation=self.organisation))
        return super().get_context_data(**kwargs)

    def post(self, request):
        form = EndpointForm(request.POST, organisation=self.organisation)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        endpoint, secret = endpoints.create_endpoint(
            organisation=self.organisation,
            url=form.cleaned_data["url"],
            description=form.cleaned_data["description"],
            user=request.user,
        )
        remember_secret(request, endpoint, secret)
        return redirect("portal:webhooks_portal:secret", pk=endpoint.pk)


class EditEndpointView(EndpointAdminMixin, TemplateView):
    """Change the address (checked as when added) or the description. The secret stays."""

    template_name = "webhooks/portal/edit_endpoint.html"

    def get_context_data(self, **kwargs):
        endpoint = self.get_endpoint()
        kwargs.setdefault("form", EndpointForm(organisation=self.organisation, endpoint=endpoint))
        return super().get_context_data(endpoint=endpoint, **kwargs)

    def post(self, request, pk):
        endpoint = self.get_endpoint()
        form = EndpointForm(request.POST, organisation=self.organisation, endpoint=endpoint)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        changed = endpoints.edit_endpoint(
            endpoint, url=form.cleaned_data["url"], description=form.cleaned_data["description"], by=request.user
        )
        if changed:
            messages.success(request, _("The endpoint is saved. Its secret is unchanged."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("portal:webhooks_portal:endpoint", pk=endpoint.pk)


def remember_secret(request, endpoint, secret):
    """Kept in the session until the secret page shows it once (never in a URL or a log)."""
    waiting = request.session.get(SESSION_KEY, {})
    waiting[str(endpoint.pk)] = secret
    request.session[SESSION_KEY] = waiting


class SecretView(EndpointAdminMixin, TemplateView):
    """Shows a new secret once: the first read takes it out of the session; a reload says it was shown."""

    template_name = "webhooks/portal/secret.html"

    def get_context_data(self, **kwargs):
        endpoint = self.get_endpoint()
        waiting = self.request.session.get(SESSION_KEY, {})
        secret = waiting.pop(str(endpoint.pk), None)
        self.request.session[SESSION_KEY] = waiting
        return super().get_context_data(endpoint=endpoint, secret=secret, **kwargs)


class EndpointView(EndpointAdminMixin, TemplateView):
    template_name = "webhooks/portal/endpoint.html"

    def get_context_data(self, **kwargs):
        endpoint = self.get_endpoint()
        deliveries = (
            endpoint.deliveries.annotate(attempt_count=Count("attempts"), last_attempt=Max("attempts__at"))
            .order_by("-created_at", "-pk")
            .prefetch_related("attempts")[:LOG_SIZE]
        )
        for delivery in deliveries:
            tries = list(delivery.attempts.all())
            delivery.last = tries[-1] if tries else None
        return super().get_context_data(endpoint=endpoint, deliveries=deliveries, log_size=LOG_SIZE, **kwargs)


class EndpointHistoryView(EndpointAdminMixin, TemplateView):
    """What was done to the endpoint and by whom, newest first: its audit log in plain words (no secrets)."""

    template_name = "webhooks/portal/history.html"

    def get_context_data(self, **kwargs):
        endpoint = self.get_endpoint()
        page = Paginator(endpoint_history.entries(endpoint), HISTORY_PAGE_SIZE).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            endpoint=endpoint, items=page, rows=endpoint_history.shown(endpoint, page.object_list), **kwargs
        )


class RotateSecretView(EndpointAdminMixin, TemplateView):
    """Roll the signing secret: the new one is shown once; the old one signs beside it for the grace period
    (WEBHOOK_SECRET_GRACE_HOURS) unless the admin stops it at once."""

    template_name = "webhooks/portal/rotate.html"

    def get_context_data(self, **kwargs):
        endpoint = self.get_endpoint()
        kwargs.setdefault("form", RotateSecretForm(endpoint=endpoint))
        return super().get_context_data(endpoint=endpoint, previous_signs=endpoint.previous_secret_signs(), **kwargs)

    def post(self, request, pk):
        endpoint = self.get_endpoint()
        form = RotateSecretForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            secret = endpoints.rotate_secret(
                endpoint, by=request.user, keep_previous=form.keep_previous, made_at=form.cleaned_data["made_at"]
            )
        except endpoints.SecretChanged:
            messages.warning(
                request,
                _(
                    "The secret had already been changed (a second click, or another administrator), so nothing "
                    "more was changed."
                ),
            )
            # A second click: the first one's new secret waits in the session and is shown there.
            return redirect("portal:webhooks_portal:secret", pk=endpoint.pk)
        remember_secret(request, endpoint, secret)
        if endpoint.previous_secret_signs():
            messages.success(
                request,
                _("New secret made. The previous secret also signs every request until %(when)s, then stops.")
                % {"when": date_format(localtime(endpoint.previous_secret_ends_at), "DATETIME_FORMAT")},
            )
        else:
            messages.success(request, _("New secret made. The previous secret no longer signs anything."))
        return redirect("portal:webhooks_portal:secret", pk=endpoint.pk)


class EnabledView(EndpointAdminMixin, TemplateView):
    """POST enabled=on|off. A GET shows the endpoint's page (where the button is)."""

    def get(self, request, pk):
        return redirect("portal:webhooks_portal:endpoint", pk=self.get_endpoint().pk)

    def post(self, request, pk):
        endpoint = self.get_endpoint()
        choice = request.POST.get("enabled")
        if choice not in ("on", "off"):
            messages.error(request, _("Choose whether the endpoint should be enabled or disabled."))
            return redirect("portal:webhooks_portal:endpoint", pk=endpoint.pk)
        endpoints.set_enabled(endpoint, choice == "on", by=request.user)
        if endpoint.enabled:
            messages.success(request, _("The endpoint is enabled. Deliveries that waited are sent now."))
            enqueue_after_commit()
        else:
            messages.success(request, _("The endpoint is disabled: it gets nothing until you enable it again."))
        return redirect("portal:webhooks_portal:endpoint", pk=endpoint.pk)


class DeleteEndpointView(EndpointAdminMixin, TemplateView):
    template_name = "webhooks/portal/delete.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(endpoint=self.get_endpoint(), **kwargs)

    def post(self, request, pk):
        endpoint = self.get_endpoint()
        endpoints.delete_endpoint(endpoint, by=request.user)
        messages.success(request, _("The endpoint %(url)s is deleted, with its delivery log.") % {"url": endpoint.url})
        return redirect("portal:webhooks_portal:endpoints")


class DeliveryMixin(EndpointAdminMixin):
    def get_delivery(self):
        return get_object_or_404(
            Delivery.objects.filter(endpoint__organisation=self.organisation).select_related("endpoint"),
            pk=self.kwargs["pk"],
        )


class DeliveryView(DeliveryMixin, TemplateView):
    template_name = "webhooks/portal/delivery.html"

    def get_context_data(self, **kwargs):
        delivery = self.get_delivery()
        body = json.dumps(json.loads(delivery.body), indent=2)
        return super().get_context_data(delivery=delivery, attempts=delivery.attempts.all(), body=body, **kwargs)


class ReplayView(DeliveryMixin, TemplateView):
    """POST: send the delivery again (same event id and body, new timestamp and signature)."""

    def get(self, request, pk):
        return redirect("portal:webhooks_portal:delivery", pk=self.get_delivery().pk)

    def post(self, request, pk):
        delivery = self.get_delivery()
        try:
            replays.replay(delivery, by=request.user)
        except replays.ReplayRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("Replay queued: event %(id)s is sent again now.") % {"id": delivery.event_id})
        return redirect("portal:webhooks_portal:delivery", pk=delivery.pk)
