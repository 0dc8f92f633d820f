"""Closing a case with its outcome, from the case's page in the admin (POST only)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from triage.models import Case
from triage.permissions import can

from . import recording
from .codes import OutcomeCode
from .forms import CaseCloseForm


@require_POST
def close_case(request, pk):
    if not can(request.user, "change"):
        raise PermissionDenied
    case = get_object_or_404(Case, pk=pk)
    form = CaseCloseForm(request.POST)
    back = reverse("triage-cases:inspect", args=[case.pk]) + "#outcome"
    if not form.is_valid():
        # The form again, with the errors beside the fields and the officer's input kept; nothing is saved.
        return TemplateResponse(
            request,
            "outcomes/case_close.html",
            {"case": case, "close_form": form, "close_url": request.path, "back": back},
            status=400,
        )
    data = form.cleaned_data
    recorded, closed = recording.close_case(
        case,
        data["outcome"],
        user=request.user,
        action_date=data["outcome_date"],
        reference=data["outcome_reference"],
    )
    messages.success(
        request,
        _("The case “%(case)s” has the outcome %(outcome)s: recorded on %(recorded)d report(s), %(closed)d closed.")
        % {"case": case.title, "outcome": OutcomeCode(data["outcome"]).label, "recorded": recorded, "closed": closed},
    )
    return redirect(back)
