"""The "Following" page: the searches an officer follows and the new reports that matched them; following a
queue search (the button above the queue) and no longer following one.

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

# An officer follows at most this many searches (each is checked against every new report).
MAX_FOLLOWS = 50


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
            follow.queue_url = f"{queue_url}?{follow.query}"
        context.update(follows=follows, matches=recent_matches(self.request.user))
        return context


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
    elif follows.count() >= MAX_FOLLOWS:
        messages.error(
            request, _("You follow %(max)s searches already: stop following one first.") % {"max": MAX_FOLLOWS}
        )
    else:
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
