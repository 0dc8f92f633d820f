"""The staff pages: the entity list and an entity's page, the lead list with review, and the lead feed export."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from triage.models import Follow

from . import feed, graph, leads, profile
from .exports import record_export
from .kinds import EntityKind
from .models import Entity, Lead, LeadStatus
from .permissions import can_export_leads, can_review_leads, can_view_entities, can_view_leads
from .searching import entity_list


def can_follow(user):
    from triage.permissions import can

    return can(user, "view")


PAGE_SIZE = 50
LISTED = 1000  # the list pages through the first thousand matches; a search narrows it


def entity_url(entity):
    return reverse("targeting-entities:detail", args=[entity.pk])


class EntitySearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Seller, domain, brand, UPC, phone or email"), required=False, max_length=200
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"), required=False, choices=[("", gettext_lazy("Any kind")), *EntityKind.choices]
    )


class StaffPage(WagtailAdminTemplateMixin, TemplateView):
    allowed = staticmethod(can_view_entities)

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


def _page(request, queryset):
    paginator = Paginator(queryset[:LISTED], PAGE_SIZE)
    return paginator.get_page(request.GET.get("p"))


class EntityIndexView(StaffPage):
    template_name = "targeting/entity_index.html"
    page_title = gettext_lazy("Entities")
    header_icon = "crosshairs"

    def get_context_data(self, **kwargs):
        form = EntitySearchForm(self.request.GET or None)
        text, kind = "", ""
        if form.is_valid():
            text, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
        page = _page(self.request, entity_list(text, kind))
        query = self.request.GET.copy()
        query.pop("p", None)
        return super().get_context_data(
            form=form, page=page, searched=bool(text.strip()), query=query.urlencode(), listed=LISTED, **kwargs
        )


class EntityDetailView(StaffPage):
    template_name = "targeting/entity_detail.html"
    header_icon = "crosshairs"

    def get_page_title(self):
        return str(self.entity)

    def get(self, request, pk):
        self.entity = get_object_or_404(Entity, pk=pk)
        return super().get(request, pk=pk)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("targeting-entities:index"), "label": _("Entities")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        entity = self.entity
        cooccurring = profile.cooccurring(entity)
        centre, nodes = graph.layout(entity, cooccurring, entity_url)
        months = profile.months(entity)
        most = max((count for _month, count, _harm in months), default=1)
        return super().get_context_data(
            entity=entity,
            months=[(month, count, harm, round(100 * count / most)) for month, count, harm in months],
            breakdowns=profile.breakdowns(entity),
            recent=profile.recent_reports(entity),
            cases=profile.cases(entity),
            importer=profile.importer_check(entity),
            cooccurring=[(other, shared, entity_url(other)) for other, shared in cooccurring],
            graph_centre=centre,
            graph_nodes=nodes,
            graph_size=graph.SIZE,
            window=profile.COOCCURRENCE_WINDOW,
            lead=Lead.objects.filter(entity=entity).first(),
            can_view_leads=can_view_leads(self.request.user),
            can_follow=can_follow(self.request.user),
            following=Follow.objects.filter(user=self.request.user, entity=entity).exists(),
            **kwargs,
        )


class LeadIndexView(StaffPage):
    template_name = "targeting/lead_index.html"
    page_title = gettext_lazy("Border leads")
    header_icon = "crosshairs"
    allowed = staticmethod(can_view_leads)

    def status(self):
        status = self.request.GET.get("status", LeadStatus.NEW)
        return status if status in LeadStatus.values else LeadStatus.NEW

    def get_context_data(self, **kwargs):
        status = self.status()
        queryset = Lead.objects.filter(status=status).select_related("entity", "reviewed_by").order_by("-pk")
        return super().get_context_data(
            status=status,
            statuses=LeadStatus.choices,
            page=_page(self.request, queryset),
            can_review=can_review_leads(self.request.user),
            can_export=can_export_leads(self.request.user),
            **kwargs,
        )


@require_POST
def review_lead(request, pk):
    if not can_review_leads(request.user):
        raise PermissionDenied
    lead = get_object_or_404(Lead.objects.select_related("entity"), pk=pk)
    status = request.POST.get("status", "")
    try:
        leads.review(lead, status, user=request.user, note=request.POST.get("note", "")[:2000])
    except leads.ReviewError as error:
        messages.error(request, f"{lead.entity}: {error}")
    else:
        messages.success(
            request, _("%(entity)s: %(status)s.") % {"entity": lead.entity, "status": lead.get_status_display()}
        )
    return redirect(f"{reverse('targeting-leads:index')}?status={request.POST.get('back', LeadStatus.NEW)}")


EXPORTS = {"csv": ("text/csv; charset=utf-8", feed.stream_csv), "json": ("application/json", feed.stream_json)}


def export_leads(request, format):
    """The feed of the leads with one status (approved unless asked), streamed; recorded in the audit log."""
    if not can_export_leads(request.user):
        raise PermissionDenied
    if format not in EXPORTS:
        raise Http404("The feed comes as CSV or JSON.")
    status = request.GET.get("status", LeadStatus.APPROVED)
    if status not in LeadStatus.values:
        messages.error(request, _("Choose which leads to export: approved, to review or rejected."))
        return redirect(reverse("targeting-leads:index"))
    content_type, stream = EXPORTS[format]
    record_export(format=format, status=status, user=request.user)
    response = StreamingHttpResponse(stream(Lead.objects.filter(status=status)), content_type=content_type)
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="border-leads-{status}-{stamp}.{format}"'
    return response
