"""The queue's filters (Wagtail's filter sidebar, django-filter underneath)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet

from brands.queue import possibly_genuine_q
from conversations.staff import answered_q
from library.models import ProductCategory
from reference.countries import country_choices
from reports.choices import ClosedReason, Priority, Status
from reports.models import Attachment

from .models import TriageReport
from .permissions import triage_officers
from .queue import overdue_q, priority_ranks


def officers(request):
    return triage_officers()


class TriageReportFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Status.choices, widget=forms.CheckboxSelectMultiple, distinct=False
    )
    closed_reason = django_filters.ChoiceFilter(label=_("Closed because"), choices=ClosedReason.choices)
    priority = django_filters.MultipleChoiceFilter(
        label=_("Priority"),
        choices=Priority.choices,
        widget=forms.CheckboxSelectMultiple,
        method="filter_priority",
        distinct=False,
    )
    product_category = django_filters.ModelChoiceFilter(label=_("Category"), queryset=ProductCategory.objects.all())
    marketplace = django_filters.CharFilter(label=_("Marketplace"), lookup_expr="icontains")
    shipped_from_country = django_filters.ChoiceFilter(label=_("Shipped from"), choices=country_choices)
    harm = django_filters.BooleanFilter(label=_("Harm reported"), widget=django_filters.widgets.BooleanWidget)
    has_attachments = django_filters.BooleanFilter(
        label=_("Has files"), method="filter_has_attachments", widget=django_filters.widgets.BooleanWidget
    )
    assignee = django_filters.ModelChoiceFilter(
        label=_("Assigned to"), field_name="triage__assignee", queryset=officers, null_label=_("Nobody")
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=django_filters.widgets.BooleanWidget
    )
    reporter_answered = django_filters.BooleanFilter(
        label=_("Reporter answered"), method="filter_reporter_answered", widget=django_filters.widgets.BooleanWidget
    )
    submitted_at = django_filters.DateFromToRangeFilter(label=_("Submitted"), widget=DateRangePickerWidget)
    possibly_genuine = django_filters.BooleanFilter(
        label=_("Names an authorised seller (possibly genuine)"),
        method="filter_possibly_genuine",
        widget=django_filters.widgets.BooleanWidget,
    )

    class Meta:
        model = TriageReport
        fields = []

    def filter_priority(self, queryset, name, value):
        """On the stored rank, so the queue's order index serves the filter too."""
        return queryset.filter(priority_rank__in=priority_ranks(value)) if value else queryset

    def filter_has_attachments(self, queryset, name, value):
        if value is None:
            return queryset
        files = Exists(Attachment.objects.filter(report=OuterRef("pk")))
        return queryset.filter(files) if value else queryset.exclude(files)

    def filter_reporter_answered(self, queryset, name, value):
        """A reporter answered a question and no officer has marked it read (conversations/)."""
        if value is None:
            return queryset
        return queryset.filter(answered_q()) if value else queryset.exclude(answered_q())

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(overdue_q()) if value else queryset.exclude(overdue_q())

    def filter_possibly_genuine(self, queryset, name, value):
        """A seller, domain or store a rights holder listed as authorised (brands/queue.py)."""
        if value is None:
            return queryset
        return queryset.filter(possibly_genuine_q()) if value else queryset.exclude(possibly_genuine_q())
