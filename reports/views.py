"""The report form at /report/: an introduction, seven steps, and the confirmation.

Each step is a plain HTML form (no JavaScript needed) whose values are kept in the session, so people can go
back and forth. The last step sends everything through the same validation as the API.
"""

import logging

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from conversations.exchange import subscribe
from nextsteps.matching import steps_by_ids, steps_for_cleaned
from reference.countries import country_name
from reference.us_places import state_name

from . import ratelimits, uploads, wizard
from .attachments import MAX_FILES, check_files
from .choices import FoundSellerVia, PaymentMethod, Reason, Source
from .lookup import too_many_message
from .receipts import new_receipt_key, new_tracking_number
from .storage import UNAVAILABLE_MESSAGE, UNAVAILABLE_RETRY_AFTER, StorageUnavailable
from .submission import submit_report
from .validation import validate_report

logger = logging.getLogger(__name__)
CONFIRMATION_LIFETIME = 3600


def language(request):
    return "es" if (getattr(request, "LANGUAGE_CODE", "en") or "en").startswith("es") else "en"


def step_url(slug):
    return reverse("reports:step", args=[slug])


def too_many(request, verdict):
    response = render(request, "reports/too_many.html", {"message": too_many_message(verdict.retry_after)}, status=429)
    response["Retry-After"] = str(verdict.retry_after)
    return response


def start(request):
    return render(request, "reports/start.html", {"first_step_url": step_url(wizard.STEPS[0].slug)})


def privacy(request):
    return render(request, "reports/privacy.html")


def step_context(request, draft, step, **extra):
    number = wizard.step_number(step.slug)
    previous = wizard.previous_step(step.slug)
    return {
        "step": step,
        "steps": [
            {"title": s.title, "state": "current" if s == step else ("complete" if s.slug in draft["steps"] else "")}
            for s in wizard.STEPS
        ],
        "step_number": number,
        "step_count": len(wizard.STEPS),
        "previous_url": step_url(previous) if previous else reverse("reports:start"),
        "from_review": request.GET.get("from") == "review" or request.POST.get("from") == "review",
        **extra,
    }


# Every answer of the form says no-store: steps hold what people typed, the confirmation the receipt key.
@never_cache
@require_http_methods(["GET", "POST"])
def step(request, slug):
    current = wizard.STEPS_BY_SLUG.get(slug)
    if current is None:
        raise Http404
    if current.slug == wizard.REVIEW:
        return review(request)
    draft = wizard.get_draft(request.session)
    form_class = current.form_class
    if request.method == "POST":
        form = form_class(request.POST, language=language(request))
        if form.honeypot_filled:
            draft["honeypot"] = True
        file_problems, too_large = [], False
        if current.slug == wizard.PHOTOS:
            try:
                outcome = handle_photos(request, draft)
            except StorageUnavailable:
                context = step_context(
                    request, draft, current, form=form, file_problems=[UNAVAILABLE_MESSAGE], files=draft["files"]
                )
                response = render(request, "reports/step.html", context, status=503)
                response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER)
                return response
            if not isinstance(outcome, tuple):
                return outcome
            file_problems, too_large, stay = outcome
        else:
            stay = False
        if form.is_valid() and not file_problems:
            draft["steps"][current.slug] = form.values()
            wizard.save_draft(request.session, draft)
            if stay:
                return redirect(step_url(current.slug))
            if form.data.get("from") == "review":
                return redirect(step_url(wizard.REVIEW))
            return redirect(step_url(wizard.next_step(current.slug)))
        wizard.save_draft(request.session, draft)
        context = step_context(request, draft, current, form=form, file_problems=file_problems, files=draft["files"])
        return render(request, "reports/step.html", context, status=413 if too_large else 200)

    form = form_class(initial=wizard.step_values(draft, current.slug), language=language(request))
    if current.slug == "about-you" and "preferred_language" not in form.initial:
        form.initial["preferred_language"] = language(request)
    context = step_context(request, draft, current, form=form, files=draft["files"], max_files=MAX_FILES)
    return render(request, "reports/step.html", context)


def handle_photos(request, draft):
    """Uploads and removals on the photos step. Returns (problems, too_large, stay_on_step) or a response."""
    remove = request.POST.get("remove")
    if remove:
        uploads.release(draft, remove)
        wizard.save_draft(request.session, draft)
        return [], False, True
    content_length = int(request.META.get("CONTENT_LENGTH") or 0)
    if content_length > settings.REPORT_MAX_REQUEST_BYTES:
        return [_("These files are too large together. Send at most 5 files of 10 MB each.")], True, True
    chosen = request.FILES.getlist("files")
    if not chosen:
        return [], False, request.POST.get("action") == "upload"
    verdict = ratelimits.hit("upload", ratelimits.client_key(request))
    if not verdict.allowed:
        return too_many(request, verdict)
    clean_files, problems, too_large = check_files(chosen, already=len(draft["files"]))
    held = []
    try:
        for clean_file in clean_files:
            held.append(uploads.hold(draft, clean_file)["id"])
    except StorageUnavailable:
        for file_id in held:  # all of this batch or none of it
            uploads.release(draft, file_id)
        raise
    wizard.save_draft(request.session, draft)
    return problems, too_large, request.POST.get("action") == "upload"


def review_rows(data, cleaned, draft):
    """What the reporter told us, as (label, value) rows per step, for the review page."""
    reasons = dict(Reason.choices)
    yes_no = {True: _("Yes"), False: _("No"), None: ""}
    category = cleaned.get("product_category")
    contact = data.get("contact") or {}
    price = data.get("price_paid") or ""
    refunded = data.get("amount_refunded") or ""
    paid_with, found_via = dict(PaymentMethod.choices), dict(FoundSellerVia.choices)
    return {
        "what-you-bought": [
            (_("Product category"), category.display_name if category else data.get("product_category", "")),
            (_("Brand"), data.get("brand")),
            (_("Product name"), data.get("product_name")),
            (_("Description"), data.get("description")),
            (_("Price paid"), f"{price} {data.get('currency') or 'USD'}" if price else ""),
            (_("Date bought"), data.get("purchase_date")),
            (_("Still have the item"), yes_no.get(data.get("still_have_item"), "")),
            (_("Paid with"), paid_with.get(data.get("payment_method"), data.get("payment_method"))),
            (_("Amount refunded"), f"{refunded} {data.get('currency') or 'USD'}" if refunded else ""),
            (_("Barcode number"), cleaned.get("upc") or data.get("upc")),
            (_("Model number"), data.get("model_number")),
            (_("Serial or lot number"), data.get("serial_or_lot")),
        ],
        "where-you-bought-it": [
            (_("Website or app"), data.get("marketplace")),
            (_("Seller"), data.get("seller_name")),
            (_("Listing address"), data.get("listing_url")),
            (_("Order number"), data.get("order_number")),
            (
                _("Shipped from"),
                country_name(data.get("shipped_from_country")) if data.get("shipped_from_country") else "",
            ),
            (_("Delivery company"), data.get("carrier")),
            (_("Parcel tracking number"), data.get("tracking_number")),
            (_("Found the seller through"), found_via.get(data.get("found_seller_via"), data.get("found_seller_via"))),
        ],
        "why-fake-or-unsafe": [
            (_("Reasons"), "; ".join(str(reasons.get(r, r)) for r in data.get("reasons") or [])),
        ],
        "harm": [
            (_("Anyone harmed"), yes_no.get(data.get("harm"), "")),
            (_("What happened"), data.get("harm_description") if data.get("harm") else ""),
        ],
        "photos": [(_("Files"), ", ".join(record["name"] or _("(no name)") for record in draft["files"]))],
        "about-you": [
            (_("Anonymous"), yes_no.get(bool(data.get("anonymous")))),
            (_("Name"), "" if data.get("anonymous") else contact.get("name")),
            (_("Email"), "" if data.get("anonymous") else contact.get("email")),
            (_("Phone"), "" if data.get("anonymous") else contact.get("phone")),
            (
                _("Contact details may go to the marketplace"),
                yes_no.get(bool(cleaned.get("share_contact_with_marketplace"))) if contact else "",
            ),
            (
                _("Contact details may go to an agency"),
                yes_no.get(bool(cleaned.get("share_contact_with_agencies"))) if contact else "",
            ),
            (_("State or territory"), state_name(data.get("reporter_state")) if data.get("reporter_state") else ""),
            (_("ZIP code"), data.get("reporter_zip")),
            (_("Language"), {"en": "English", "es": "Español"}.get(data.get("preferred_language"), "")),
            (_("Agreed to the privacy notice"), yes_no.get(data.get("consent") is True)),
        ],
    }


def review_errors(errors, missing_files):
    """Error summary entries linking to the step (and field) where each problem can be fixed."""
    entries = []
    for key, messages in errors.items():
        step_for, field_name = wizard.step_for_error(key)
        for message in messages:
            url = f"{step_url(step_for.slug)}?from=review#id_{field_name}"
            entries.append({"message": message, "url": url})
    for name in missing_files:
        entries.append(
            {
                "message": _("We no longer have the file “%(name)s”. Add it again.") % {"name": name},
                "url": step_url(wizard.PHOTOS),
            }
        )
    return entries


def review(request):
    draft = wizard.get_draft(request.session)
    lang = language(request)
    if request.method == "POST":
        return submit(request, draft, lang)
    return render_review(request, draft, lang)


def render_review(request, draft, lang, notice="", status=200):
    data = wizard.payload(draft, lang)
    cleaned, errors = validate_report(data, default_language=lang)
    _files, missing = uploads.load(draft)
    context = step_context(
        request,
        draft,
        wizard.STEPS_BY_SLUG[wizard.REVIEW],
        sections=[
            {"step": s, "url": step_url(s.slug) + "?from=review", "rows": review_rows(data, cleaned, draft)[s.slug]}
            for s in wizard.STEPS
            if s.form_class
        ],
        error_entries=review_errors(errors, missing),
        token=draft["token"],
        notice=notice,
        # "Email me when the status changes" (conversations/): only with an email address to write to.
        offers_updates=not data.get("anonymous") and bool((data.get("contact") or {}).get("email")),
    )
    return render(request, "reports/review.html", context, status=status)


def submit(request, draft, lang):
    token = request.POST.get("token", "")
    if token and token in request.session.get(wizard.SUBMITTED_KEY, {}):
        return redirect("reports:done")  # a second click on "Send": show the same confirmation
    if token != draft["token"]:
        return render_review(
            request, draft, lang, notice=_("This page was out of date. Check your answers, then send the report.")
        )
    client = ratelimits.client_key(request)
    verdict = ratelimits.hit("submit", client)
    if not verdict.allowed:
        return too_many(request, verdict)

    data = wizard.payload(draft, lang)
    cleaned, errors = validate_report(data, default_language=lang)
    files, missing = uploads.load(draft)
    if errors or missing:
        return render_review(request, draft, lang)

    if draft.get("honeypot") or request.POST.get("website", "").strip():
        # Looks like a bot: say thank you, save nothing.
        logger.info("Report form honeypot filled in; nothing saved")
        confirmation = {"tracking_number": new_tracking_number(), "receipt_key": new_receipt_key(), "duplicate": False}
    else:
        try:
            result = submit_report(cleaned, files, source=Source.WEB, client=client, idempotency_key=token)
        except StorageUnavailable:
            response = render_review(request, draft, lang, notice=UNAVAILABLE_MESSAGE, status=503)
            response["Retry-After"] = str(UNAVAILABLE_RETRY_AFTER)
            return response
        if result.created and request.POST.get("updates") == "on":
            subscribe(result.report)
        confirmation = {
            "tracking_number": result.report.tracking_number,
            "receipt_key": result.receipt_key,
            "duplicate": not result.created,
        }
    uploads.release_all(draft)
    confirmation["at"] = timezone.now().timestamp()
    confirmation["next_steps"] = [step.pk for step in steps_for_cleaned(cleaned)]
    submitted = request.session.get(wizard.SUBMITTED_KEY, {})
    submitted[token] = confirmation["tracking_number"]
    request.session[wizard.SUBMITTED_KEY] = dict(list(submitted.items())[-10:])
    request.session[wizard.CONFIRMATION_KEY] = confirmation
    request.session.pop(wizard.DRAFT_KEY, None)
    return redirect("reports:done")


@never_cache
def done(request):
    confirmation = request.session.get(wizard.CONFIRMATION_KEY)
    if not confirmation or timezone.now().timestamp() - confirmation.get("at", 0) > CONFIRMATION_LIFETIME:
        return redirect("reports:start")
    next_steps = steps_by_ids(confirmation.get("next_steps", []))
    return render(request, "reports/done.html", {"confirmation": confirmation, "next_steps": next_steps})
