"""The scorecards: the staff page in the admin (every organisation, sortable, CSV) and the public page of the
marketplaces' response records at /marketplaces/response-records/ (and /es/...)."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from outcomes.quarters import last_complete_quarter, long_name, next_quarter, previous_quarter, short_name
from reports.statistics import THRESHOLD
from website import spreadsheets

from . import scorecards

MAX_PERIOD_DAYS = 5 * 366
PUBLIC_QUARTERS = 4


def may_view(user):
    """Partner managers (and anyone else who may view partners in the admin)."""
    return user.is_active and user.has_perm("wagtailadmin.access_admin") and user.has_perm("partners.view_partner")


class PeriodForm(forms.Form):
    first = forms.DateField(label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    last = forms.DateField(label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        default = scorecards.Period.default()
        first, last = data.get("first") or default.first, data.get("last") or default.last
        if first > last:
            raise forms.ValidationError(_("The first day must come before the last day."))
        if first.year < 2000 or last > timezone.localdate() + timedelta(days=366):
            raise forms.ValidationError(_("Choose days from the year 2000 up to a year from today."))
        if (last - first).days > MAX_PERIOD_DAYS:
            raise forms.ValidationError(_("Choose a period of at most five years."))
        data["period"] = scorecards.Period(first, last)
        return data


COLUMNS = [
    ("name", gettext_lazy("Organisation")),
    ("received", gettext_lazy("Referrals received")),
    ("on_time", gettext_lazy("Answered in time")),
    ("median", gettext_lazy("Median days to first response")),
    ("action", gettext_lazy("Action taken")),
]


class ScorecardsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "partners/admin/scorecards.html"
    page_title = gettext_lazy("Scorecards")
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not may_view(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        form = PeriodForm(request.GET)
        if not form.is_valid():
            context = self.get_context_data(form=form, cards=None)
            return self.render_to_response(context, status=400)
        period = form.cleaned_data["period"]
        sort_key = request.GET.get("sort", "name")
        sort_key = sort_key if sort_key in scorecards.SORT_KEYS else "name"
        descending = request.GET.get("order") == "desc"
        cards = scorecards.sort(scorecards.compute(period), sort_key, descending)
        if request.GET.get("format") == "csv":
            return scorecards_csv(cards, period)
        query = f"first={period.first.isoformat()}&last={period.last.isoformat()}"
        columns = [
            {
                "key": key,
                "label": label,
                "sorted": key == sort_key,
                "descending": descending,
                # A click on the sorted column flips its order; on another column, sorts by it (highest first
                # for numbers, A to Z for names).
                "url": f"?{query}&sort={key}&order={_next_order(key, sort_key, descending)}",
            }
            for key, label in COLUMNS
        ]
        context = self.get_context_data(
            form=form,
            cards=cards,
            period=period,
            columns=columns,
            csv_url=f"?{query}&sort={sort_key}&order={'desc' if descending else 'asc'}&format=csv",
            target_days=scorecards.target_days(),
            threshold=THRESHOLD,
        )
        return self.render_to_response(context)


def _next_order(key, sort_key, descending):
    if key == sort_key:
        return "asc" if descending else "desc"
    return "asc" if key == "name" else "desc"


def scorecards_csv(cards, period):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="partner-scorecards-{period.first:%Y-%m-%d}-to-{period.last:%Y-%m-%d}.csv"'
    )
    writer = spreadsheets.csv_writer(response)
    writer.writerow(
        [
            "organisation",
            "kind",
            "agency",
            "referrals_received",
            "due",
            "answered_in_time",
            "answered_in_time_percent",
            "answered",
            "median_days_to_first_response",
            "action_taken",
            "action_taken_percent",
            "shown_publicly",
        ]
    )
    for card in cards:
        organisation = card.organisation
        writer.writerow(
            [
                organisation.name,
                organisation.kind,
                getattr(organisation, "agency", ""),
                card.received,
                card.due,
                card.on_time,
                "" if card.on_time_share is None else card.on_time_share,
                card.answered,
                "" if card.median_days is None else card.median_days,
                card.action_taken,
                "" if card.action_share is None else card.action_share,
                organisation.kind in scorecards.PUBLIC_KINDS and card.shown_publicly,
            ]
        )
    return response


def public_periods(today=None):
    """The periods the public page offers: the last 12 months (default), then the last complete quarters."""
    today = today or timezone.localdate()
    periods = [("12-months", _("The last 12 months"), scorecards.Period(today - timedelta(days=364), today))]
    start, _end = last_complete_quarter(today)
    for _index in range(PUBLIC_QUARTERS):
        last = next_quarter(start) - timedelta(days=1)
        periods.append((short_name(start).replace(" ", "-").lower(), long_name(start), scorecards.Period(start, last)))
        start = previous_quarter(start)
    return periods


def _public_cards(key, period):
    seconds = settings.STATISTICS_CACHE_SECONDS
    cache_key = f"partners:response-records:{key}:{period.first}:{period.last}:{scorecards.target_days()}"
    cards = cache.get(cache_key) if seconds else None
    if cards is None:
        cards = [
            {
                "name": card.organisation.name,
                "received": card.received,
                "on_time_share": card.on_time_share,
                "median_days": card.median_days,
                "action_share": card.action_share,
            }
            for card in scorecards.public_records(period)
        ]
        if seconds:
            cache.set(cache_key, cards, seconds)
    return cards


@require_GET
def response_records(request):
    periods = public_periods()
    chosen = request.GET.get("period", periods[0][0])
    found = [entry for entry in periods if entry[0] == chosen]
    status = 200
    error = ""
    if not found:
        status = 400
        error = _("We do not have records for that period. Choose one of the periods in the list.")
        found = periods[:1]
    key, label, period = found[0]
    return render(
        request,
        "partners/response_records.html",
        {
            "periods": [{"key": k, "label": name, "selected": k == key} for k, name, _p in periods],
            "period_label": label,
            "period": period,
            "cards": _public_cards(key, period),
            "target_days": scorecards.target_days(),
            "threshold": THRESHOLD,
            "error": error,
        },
        status=status,
    )
