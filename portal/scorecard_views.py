"""The organisation's own scorecard in the portal (/portal/scorecard/): its response record for a period."""

from django.views.generic import TemplateView

from partners import scorecards
from partners.scorecard_views import PeriodForm
from portal.access import PortalMixin
from reports.statistics import THRESHOLD


class OwnScorecardView(PortalMixin, TemplateView):
    template_name = "portal/scorecard.html"

    def get(self, request, *args, **kwargs):
        form = PeriodForm(request.GET)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, card=None), status=400)
        period = form.cleaned_data["period"]
        card = scorecards.for_organisation(self.organisation, period)
        return self.render_to_response(self.get_context_data(form=form, card=card, period=period))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            organisation=self.organisation,
            target_days=scorecards.target_days(),
            threshold=THRESHOLD,
            public=self.organisation.kind in scorecards.PUBLIC_KINDS,
        )
        return context
