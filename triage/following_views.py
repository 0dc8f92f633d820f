"""The "Following" page: the searches, entities and watchlists an officer follows and the new reports that matched
them; following a queue search (the button above the queue), an entity (the button on its page) or the
impersonation watchlist (the button on this page), and no longer following one.

Only triage staff (the "view" permission) see the page, and each officer sees and changes only their own
follows. Rows show tracking numbers, categories and links, never reporter contact details.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .following import NotASearch, clean_query, recent_matches
from .models import Follow
from .permissions import can

# An officer follows at most this many searches and entities (each is checked against every new report).
MAX_FOLLOWS = 50
IMPERSONATION_NAME = gettext_lazy("Impersonation of a suspended or revoked importer")


class FollowForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name this search"), max_length=200)
    query = forms.CharField(widget=forms.HiddenInput, max_length=2000, required=False)


def _require_staff(user):
    if not can(user, "view"):
        raise PermissionDenied


class FollowingView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "triage/following.html"
    page_title = gettext_lazy("Following")
    header_icon = "view"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        _require_staff(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queue_url = reverse("triage:index")
        follows = list(Follow.objects.filter(user=self.request.user))
        for follow in follows:
            if follow.kind == Follow.Kind.ENTITY:
                follow.url = reverse("targeting-entities:detail", args=[follow.entity_id])
            elif follow.kind == Follow.Kind.SEARCH:
                follow.url = f"{queue_url}?{follow.query}"
            else:
                follow.url = ""
        context.update(
            follows=follows,
            matches=recent_matches(self.request.user),
            follows_impersonation=any(follow.kind == Follow.Kind.IMPERSONATION for follow in follows),
        )
        return context


def _room_for_one_more(request):
    if Follow.objects.filter(user=request.user).count() >= MAX_FOLLOWS:
        messages.error(
            request, _("You follow %(max)s searches already: stop following one first.") % {"max": MAX_FOLLOWS}
        )
        return False
    return True


@require_POST
def follow_search(request):
    """Follow the queue search the officer is looking at (its filters and search words)."""
    _require_staff(request.user)
    form = FollowForm(request.POST)
    try:
        query = clean_query(request.POST.get("query", ""))
    except NotASearch as problem:
        messages.error(request, str(problem))
        return redirect("triage:index")
    if not form.is_valid():
        messages.error(request, _("Give the search a name (up to 200 characters) to follow it."))
        return redirect(f"{reverse('triage:index')}?{query}")
    follows = Follow.objects.filter(user=request.user)
    if follows.filter(kind=Follow.Kind.SEARCH, query=query).exists():
        messages.info(request, _("You already follow this search."))
    elif _room_for_one_more(request):
        Follow.objects.create(user=request.user, kind=Follow.Kind.SEARCH, name=form.cleaned_data["name"], query=query)
        messages.success(
            request, _("You now follow “%(name)s”. New reports that match it will be listed here.") % form.cleaned_data
        )
    return redirect("triage-following:index")


@require_POST
def unfollow(request, pk):
    _require_staff(request.user)
    follow = get_object_or_404(Follow, pk=pk, user=request.user)
    follow.delete()
    messages.success(request, _("You no longer follow “%(name)s”.") % {"name": follow.name})
    return redirect("triage-following:index")


def _entity(pk):
    from targeting.models import Entity

    return get_object_or_404(Entity, pk=pk)


@require_POST
def follow_entity(request, pk):
    """Follow an entity from its page: each report linked to it from now on is listed on the Following page."""
    _require_staff(request.user)
    entity = _entity(pk)
    back = reverse("targeting-entities:detail", args=[entity.pk])
    if Follow.objects.filter(user=request.user, entity=entity).exists():
        messages.info(request, _("You already follow %(entity)s.") % {"entity": entity})
    elif _room_for_one_more(request):
        Follow.objects.create(user=request.user, kind=Follow.Kind.ENTITY, entity=entity, name=str(entity)[:200])
        messages.success(
            request,
            _("You now follow %(entity)s. New reports that name it will be listed on your Following page.")
            % {"entity": entity},
        )
    return redirect(back)


@require_POST
def unfollow_entity(request, pk):
    _require_staff(request.user)
    entity = _entity(pk)
    Follow.objects.filter(user=request.user, entity=entity).delete()
    messages.success(request, _("You no longer follow %(entity)s.") % {"entity": entity})
    return redirect(reverse("targeting-entities:detail", args=[entity.pk]))


@require_POST
def follow_impersonation(request):
    """Follow the built-in impersonation watchlist (reports whose seller uses a suspended or revoked importer's
    name or address)."""
    _require_staff(request.user)
    if Follow.objects.filter(user=request.user, kind=Follow.Kind.IMPERSONATION).exists():
        messages.info(request, _("You already follow the impersonation watchlist."))
    elif _room_for_one_more(request):
        Follow.objects.create(user=request.user, kind=Follow.Kind.IMPERSONATION, name=str(IMPERSONATION_NAME))
        messages.success(
            request,
            _(
                "You now follow the impersonation watchlist. New reports whose seller uses the name or address of "
                "a suspended or revoked vetted importer will be listed here."
            ),
        )
    return redirect("triage-following:index")
