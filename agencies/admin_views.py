"""The officer's answer to an agency's question, sent from the report page (or the case page)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from triage.views import _form_errors, _require

from . import operations
from .forms import AnswerForm
from .models import AgencyQuestion


@require_POST
def answer_question(request, pk):
    _require(request, "refer")
    question = get_object_or_404(AgencyQuestion.objects.select_related("referral", "organisation"), pk=pk)
    form = AnswerForm(request.POST, prefix=f"question{question.pk}")
    if form.is_valid():
        operations.answer(question, user=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Your answer was sent to %(agency)s.") % {"agency": question.organisation})
    else:
        _form_errors(request, form)
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    referral = question.referral
    if referral.report_id:
        return redirect(reverse("triage:inspect", args=[referral.report_id]) + "#referrals")
    return redirect(reverse("triage-cases:inspect", args=[referral.case_id]))
