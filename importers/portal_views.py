"""An importer organisation's pages in the partner portal: status and history, consent to be listed, renewal.

Every view starts with PortalMixin (importer organisations only) and reads only `self.organisation.importer`;
another importer's application answers 404. What the importer sees of its vetting history is the date, the
status and the message written for it (`VettingDecision.message_for_importer`); staff reasons and names never.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from partners.models import PartnerKind
from portal.access import PortalMixin
from portal.models import Role
from reports.storage import UNAVAILABLE_RETRY_AFTER, StorageUnavailable

from .consent import record_consent
from .models import ConsentSource, ListingState, RenewalApplication, RenewalState
from .portal_forms import ConsentForm, RenewalForm
from .renewals import RenewalRefused, expiry_is_near, notice_days, submit_renewal, waiting_application


class ImporterPortalMixin(PortalMixin):
    allowed_kinds = (PartnerKind.IMPORTER,)

    @property
    def importer(self):
        return self.organisation.importer

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        importer = self.importer
        context["importer"] = importer
        context["can_change_consent"] = self.membership.has_role(Role.ADMIN)
        context["can_apply"] = self.membership.has_role(Role.RESPONDER)
        if importer is not None:
            today = timezone.localdate()
            context.update(
                state=importer.listing_state(today),
                expiry_near=expiry_is_near(importer, today),
                days_left=(importer.valid_until - today).days,
                waiting=waiting_application(importer),
                notice_days=notice_days(),
            )
        return context


class StatusView(ImporterPortalMixin, TemplateView):
    template_name = "importers/portal/status.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.importer is not None:
            context["history"] = self.importer.decisions.only("at", "from_status", "to_status", "message_for_importer")
            context["applications"] = self.importer.renewal_applications.all()
            context["consent_records"] = self.importer.consent_records.all()[:5]
        return context


class ConsentView(ImporterPortalMixin, TemplateView):
    template_name = "importers/portal/consent.html"
    minimum_role = Role.ADMIN

    def get_context_data(self, **kwargs):
        if self.importer is not None:
            kwargs.setdefault(
                "form", ConsentForm(initial={"listed": "yes" if self.importer.listing_consent else "no"})
            )
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if self.importer is None:
            raise Http404
        form = ConsentForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        given = form.cleaned_data["listed"]
        user = request.user
        record_consent(
            self.importer,
            given,
            source=ConsentSource.PORTAL,
            recorded_by=user,
            given_by=user.get_full_name() or user.email,
        )
        if given:
            messages.success(request, _("Thank you. Your organisation is now shown in the public directory."))
            if self.importer.listing_state() != ListingState.LISTED:
                messages.warning(
                    request, _("It will appear there while your vetting is valid and your status is trusted.")
                )
        else:
            messages.success(request, _("Your organisation is no longer shown in the public directory."))
        return redirect("portal:importers_portal:status")


class ApplyView(ImporterPortalMixin, TemplateView):
    template_name = "importers/portal/apply.html"
    minimum_role = Role.RESPONDER

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", RenewalForm())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        if self.importer is None:
            raise Http404
        form = RenewalForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            application = submit_renewal(
                self.importer, request.user, form.cleaned_data["statement"], form.cleaned_data["documents"]
            )
        except RenewalRefused as refused:
            form.add_error(None, refused.message)
            return self.render_to_response(self.get_context_data(form=form), status=409)
        except StorageUnavailable:
            form.add_error(
                None,
                _(
                    "We cannot save documents right now because of a problem on our side. Nothing was sent. Try"
                    " again in a few minutes."
                ),
            )
            response = self.render_to_response(self.get_context_data(form=form), status=503)
            response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER)
            return response
        messages.success(
            request,
            _("Your renewal application %(reference)s was sent. CBP will tell you its decision here.")
            % {"reference": application.reference},
        )
        return redirect("portal:importers_portal:application", pk=application.pk)


class ApplicationView(ImporterPortalMixin, TemplateView):
    template_name = "importers/portal/application.html"

    def get_context_data(self, **kwargs):
        applications = RenewalApplication.objects.filter(importer=self.importer, importer__isnull=False)
        application = get_object_or_404(applications.select_related("decision"), pk=self.kwargs["pk"])
        return super().get_context_data(
            application=application,
            documents=application.documents.all(),
            decided=application.state != RenewalState.WAITING,
            **kwargs,
        )
