"""Bulk jobs in the admin: start them, watch their progress, download an export.

A job is seen by the officer who started it (and by superusers). Report actions need the triage "change"
permission, exports "view", purges `triage.run_purge`. The work itself is done by the background worker
(tasks.run_bulk_job -> bulk_jobs.run); these views only record the request and show how far it got.
"""

import logging
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .bulk_jobs import REPORT_ACTIONS, exports_root
from .models import BulkJob
from .permissions import can
from .tasks import run_bulk_job

logger = logging.getLogger(__name__)

PURGE_PERMISSION = "triage.run_purge"
PURGES = (BulkJob.Kind.PURGE_CONTACTS, BulkJob.Kind.PURGE_UPLOADS)


def may_start(user, kind):
    if kind in REPORT_ACTIONS:
        return can(user, "change")
    if kind == BulkJob.Kind.EXPORT:
        return can(user, "view")
    return can(user, "view") and user.has_perm(PURGE_PERMISSION)


def may_see(user, job):
    return can(user, "view") and (job.created_by_id == user.pk or user.is_superuser)


def visible_jobs(user):
    jobs = BulkJob.objects.select_related("created_by")
    return jobs if user.is_superuser else jobs.filter(created_by=user)


def start_job(kind, user, parameters):
    """Record the job and hand it to the worker. Returns the job."""
    if not may_start(user, kind):
        raise PermissionDenied
    job = BulkJob.objects.create(kind=kind, parameters=parameters, created_by=user)
    try:
        run_bulk_job.enqueue(job.pk)
    except Exception:  # the queue itself failed: say so on the job rather than leave it waiting forever
        logger.exception("Could not queue bulk job %s", job.pk)
        BulkJob.objects.filter(pk=job.pk, state=BulkJob.State.WAITING).update(
            state=BulkJob.State.FAILED, error=_("The job could not be handed to the background worker. Try again.")
        )
    return job


def job_url(job, back=""):
    url = reverse("triage-jobs:detail", args=[job.pk])
    return f"{url}?next={back}" if back else url


def progress_text(job):
    """The progress in words, as the page and its live region say it."""
    if job.state == BulkJob.State.WAITING:
        return _("Waiting for the background worker to start.")
    if job.state == BulkJob.State.FAILED:
        return job.error
    counts = {
        "done": number_format(job.done, force_grouping=True),
        "total": number_format(job.total or 0, force_grouping=True),
    }
    if job.state == BulkJob.State.RUNNING:
        if job.total is None:
            return _("Started; counting what to do.")
        return _("Working: %(done)s of %(total)s done (%(percent)s%%).") % {**counts, "percent": job.percent}
    if job.kind == BulkJob.Kind.EXPORT and not job.file_name:
        return _(
            "Finished: %(done)s reports exported. The file was deleted after %(hours)s hours: start the export again."
        ) % {
            **counts,
            "hours": settings.TRIAGE_EXPORT_KEEP_HOURS,
        }
    if job.kind == BulkJob.Kind.EXPORT:
        return _("Finished: %(done)s reports exported. The file is ready to download.") % counts
    if job.kind == BulkJob.Kind.PURGE_UPLOADS:
        return _("Finished: %(done)s files checked, %(changed)s deleted.") % {
            **counts,
            "changed": number_format(job.changed, force_grouping=True),
        }
    return _("Finished: %(changed)s of %(total)s reports changed.") % {
        **counts,
        "changed": number_format(job.changed, force_grouping=True),
    }


def _job_for(request, pk):
    job = get_object_or_404(BulkJob.objects.select_related("created_by"), pk=pk)
    if not may_see(request.user, job):
        raise PermissionDenied
    return job


class PurgeForm(forms.Form):
    kind = forms.ChoiceField(choices=[(kind.value, kind.label) for kind in PURGES], widget=forms.HiddenInput)
    older_than_days = forms.IntegerField(
        label=gettext_lazy("Closed more than this many days ago"), min_value=0, max_value=36500, required=False
    )


class JobsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "triage/jobs.html"
    page_title = gettext_lazy("Bulk jobs")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not can(request.user, "view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        jobs = list(visible_jobs(self.request.user)[:50])
        context["jobs"] = [(job, progress_text(job)) for job in jobs]
        if self.request.user.has_perm(PURGE_PERMISSION):
            context["retention_days"] = settings.TRIAGE_CONTACT_RETENTION_DAYS
            context["purge_kinds"] = BulkJob.Kind
        return context


class JobView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "triage/job.html"
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        self.job = _job_for(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.job.get_kind_display()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("triage-jobs:index"), "label": _("Bulk jobs")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        back = self.request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={self.request.get_host()}):
            back = ""
        context.update(
            job=self.job,
            progress=progress_text(self.job),
            status_url=reverse("triage-jobs:status", args=[self.job.pk]),
            download_url=download_url(self.job),
            back_url=back or reverse("triage:index"),
        )
        return context


def download_url(job):
    if job.state == BulkJob.State.FINISHED and job.file_name:
        return reverse("triage-jobs:download", args=[job.pk])
    return ""


def job_status(request, pk):
    """The job's progress as JSON, for the page's script (which refreshes it every few seconds)."""
    job = _job_for(request, pk)
    response = JsonResponse(
        {
            "state": job.state,
            "state_label": str(job.get_state_display()),
            "done": job.done,
            "total": job.total,
            "changed": job.changed,
            "percent": job.percent,
            "over": job.is_over,
            "text": progress_text(job),
            "download_url": download_url(job),
        }
    )
    response["Cache-Control"] = "no-store"
    return response


def download(request, pk):
    """The finished export, to the officer who asked for it."""
    job = _job_for(request, pk)
    if job.kind != BulkJob.Kind.EXPORT or not download_url(job):
        raise Http404(_("This job has no file to download."))
    path = (exports_root() / job.file_name).resolve()
    if not path.is_relative_to(exports_root().resolve()) or not path.is_file():
        raise Http404(_("The export file is gone. Start the export again."))
    response = FileResponse(path.open("rb"), as_attachment=True, filename=job.file_name, content_type="text/csv")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def start_purge(request):
    form = PurgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to purge, and a number of days from 0 up."))
        return redirect("triage-jobs:index")
    kind = form.cleaned_data["kind"]
    if kind == BulkJob.Kind.PURGE_CONTACTS:
        days = form.cleaned_data["older_than_days"]
        parameters = {"older_than_days": settings.TRIAGE_CONTACT_RETENTION_DAYS if days is None else days}
    else:
        parameters = {"hours": 24, "orphan_minutes": 60}
    job = start_job(kind, request.user, parameters)
    return redirect(job_url(job))


@require_POST
def start_export(request):
    """Every report the queue shows for these filters and search, as a CSV file prepared in the background."""
    query = request.POST.get("query", "")
    job = start_job(BulkJob.Kind.EXPORT, request.user, {"selection": {"query": query}})
    back = reverse("triage:index") + (f"?{query}" if query else "")
    return redirect(job_url(job, back=quote(back, safe="")))
