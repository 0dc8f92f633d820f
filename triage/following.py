"""Following: an officer follows a saved queue search, and each new report that matches it is listed on their
"Following" page and in their own digest email (tracking numbers, categories and links, never contact data).

Matching runs in the background worker (tasks.match_follows, queued when a report is created, see
signals.py), never in the reporter's request. A report is matched once, when it arrives: a search is "what
comes in from now on", not a list kept in step with later edits. Each kind of follow has its matcher
(MATCHERS):
- a saved search matches with the queue's own filters and the database's full-text search;
- an entity (targeting app) matches the reports linked to it. Linking runs in the worker too
  (targeting.tasks.link_report_entities), and may run before or after this matching: the linking task matches
  the entity follows again once the links exist (`match_report(report_id, kinds=ENTITY_KINDS)`);
- the impersonation watchlist matches the reports whose seller uses the name or address of a suspended or
  revoked vetted importer (TriageState.impersonates, set with the priority when the report arrives).
"""

from urllib.parse import urlencode

from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext as _

from .filters import TriageReportFilterSet
from .finding import database_search
from .models import Follow, FollowMatch, TriageReport
from .permissions import triage_officers
from .saved_views import NOT_FILTERS, shows_closed

# Query parameters of the queue page that are neither filters nor search words.
NOT_SAVED = NOT_FILTERS | {"_w_filter_fragment"}
SEARCH = "q"


class NotASearch(ValueError):
    """The query cannot be followed; the message says why, in words an officer can act on."""


def clean_query(query):
    """The queue query string to follow, in a fixed order: its filters and search words only.

    Raises NotASearch when it filters nothing (following the whole queue would list every report) or when a
    filter is not one the queue understands.
    """
    data = QueryDict(query or "")
    kept = sorted(
        (name, value) for name in data if name not in NOT_SAVED for value in data.getlist(name) if value.strip()
    )
    if not kept:
        raise NotASearch(
            _("Choose some filters or search words first: following the whole queue would list every report.")
        )
    filters = TriageReportFilterSet(QueryDict(urlencode(kept)), queryset=TriageReport.objects.none())
    unknown = {name for name, _value in kept} - set(filters.filters) - {SEARCH}
    if unknown or not filters.is_valid():
        raise NotASearch(_("This search has a filter the queue does not know; open it from the queue and try again."))
    query = urlencode(kept)
    if len(query) > Follow._meta.get_field("query").max_length:
        raise NotASearch(_("This search is too long to follow: use fewer search words or filters."))
    return query


def search_matches(follow, reports):
    """The reports among `reports` (a queryset) that the followed queue search shows."""
    data = QueryDict(follow.query)
    filters = TriageReportFilterSet(data, queryset=reports)
    if not filters.is_valid():  # an assignee who has left, a category deleted since: nothing matches
        return reports.none()
    matched = filters.qs
    if not shows_closed(data):
        matched = matched.exclude(status="closed")
    words = data.get(SEARCH, "").strip()
    if words:
        matched = database_search(matched, words)
    return matched


def entity_matches(follow, reports):
    """The reports among `reports` linked to the followed entity."""
    return reports.filter(entity_links__entity_id=follow.entity_id)


def impersonation_matches(follow, reports):
    """The reports among `reports` whose seller uses a suspended or revoked vetted importer's name or address."""
    return reports.filter(triage__impersonates__isnull=False)


MATCHERS = {
    Follow.Kind.SEARCH: search_matches,
    Follow.Kind.ENTITY: entity_matches,
    Follow.Kind.IMPERSONATION: impersonation_matches,
}
ENTITY_KINDS = (Follow.Kind.ENTITY,)


def active_follows():
    """Follows of people who may still see the queue (one query, however many follow)."""
    may_see = Q(user__in=triage_officers().values("pk")) | Q(user__is_superuser=True)
    return Follow.objects.filter(may_see, user__is_active=True)


def match_report(report_id, kinds=None):
    """Record the report for every follow (of these kinds; None: every kind) it matches. Returns how many it
    matched. Entity follows are narrowed to the report's own entities in the query (an officer may follow
    thousands of entities; a report names a handful)."""
    from targeting.models import EntityLink

    reports = TriageReport.objects.filter(pk=report_id)
    # The report's entities by the links' (report, entity) index: never a join through a followed shop's 100,000
    # links.
    its_entities = EntityLink.objects.filter(report_id=report_id).values("entity_id")
    follows = active_follows().filter(~Q(kind=Follow.Kind.ENTITY) | Q(entity_id__in=its_entities))
    if kinds is not None:
        follows = follows.filter(kind__in=kinds)
    matched = 0
    for follow in follows:
        if MATCHERS[follow.kind](follow, reports).exists():
            _match, created = FollowMatch.objects.get_or_create(follow=follow, report_id=report_id)
            matched += created
    return matched


def recent_matches(user, limit=100):
    return (
        FollowMatch.objects.filter(follow__user=user)
        .select_related("follow", "report", "report__product_category")
        .order_by("-matched_at", "-pk")[:limit]
    )


def undigested_matches(user):
    return (
        FollowMatch.objects.filter(follow__user=user, digested_at__isnull=True)
        .select_related("follow", "report", "report__product_category")
        .order_by("follow__name", "report__submitted_at")
    )
