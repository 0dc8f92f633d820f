"""Filters for the admin listing of importers: status, public directory state, program, country, "expiring
soon" and "renewal application waiting"."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from reference.countries import country_choices

from .models import Importer, ListingState, Program, VettingStatus, listing_state_q

EXPIRY_CHOICES = [
    ("30", _("Within 30 days")),
    ("90", _("Within 90 days")),
    ("expired", _("Already expired")),
]


class ImporterFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(label=_("Status"), choices=VettingStatus.choices)
    listing = django_filters.MultipleChoiceFilter(
        label=_("Public directory"), choices=ListingState.choices, method="filter_listing"
    )
    program = django_filters.MultipleChoiceFilter(label=_("Program"), choices=Program.choices)
    country = django_filters.ChoiceFilter(label=_("Country"), choices=country_choices)
    renewal = django_filters.ChoiceFilter(
        label=_("Renewal application"),
        choices=[("waiting", _("Waiting for a decision"))],
        method="filter_renewal",
        empty_label=_("Any"),
    )
    expiring = django_filters.ChoiceFilter(
        label=_("Valid until"), choices=EXPIRY_CHOICES, method="filter_expiring", empty_label=_("Any date")
    )

    class Meta:
        model = Importer
        fields = []

    def filter_listing(self, queryset, name, value):
        if not value:
            return queryset
        today = timezone.localdate()
        condition = Q()
        for state in value:
            condition |= listing_state_q(state, today)
        return queryset.filter(condition)

    def filter_renewal(self, queryset, name, value):
        if value == "waiting":
            return queryset.filter(renewal_applications__state="waiting").distinct()
        return queryset

    def filter_expiring(self, queryset, name, value):
        if value == "expired":
            return queryset.filter(valid_until__lt=timezone.localdate())
        if value in ("30", "90"):
            return queryset.expiring_within(int(value))
        return queryset
