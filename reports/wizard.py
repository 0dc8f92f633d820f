"""The seven steps of the report form and the draft kept in the session between them.

The draft is plain JSON in the session: each step's values as typed, the photos held in the temporary area
(see uploads.py), a one-time submission token, and whether the honeypot was filled in.
"""

import secrets
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import forms

DRAFT_KEY = "report_draft"
CONFIRMATION_KEY = "report_confirmation"
SUBMITTED_KEY = "report_submitted_tokens"


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form_class: type | None


STEPS = (
    Step("what-you-bought", _("What you bought"), forms.ProductForm),
    Step("where-you-bought-it", _("Where you bought it"), forms.SellerForm),
    Step("why-fake-or-unsafe", _("Why you think it is fake or unsafe"), forms.ReasonsForm),
    Step("harm", _("Harm"), forms.HarmForm),
    Step("photos", _("Photos and documents"), forms.PhotosForm),
    Step("about-you", _("About you"), forms.AboutForm),
    Step("review", _("Review and send"), None),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
REVIEW = "review"
PHOTOS = "photos"


def step_number(slug):
    return [step.slug for step in STEPS].index(slug) + 1


def next_step(slug):
    return STEPS[step_number(slug)].slug


def previous_step(slug):
    number = step_number(slug)
    return STEPS[number - 2].slug if number > 1 else None


def new_draft():
    return {
        "id": secrets.token_hex(16),
        "steps": {},
        "files": [],
        "token": secrets.token_urlsafe(24),
        "honeypot": False,
    }


def get_draft(session, create=True):
    draft = session.get(DRAFT_KEY)
    if draft is None and create:
        draft = new_draft()
        session[DRAFT_KEY] = draft
    return draft


def save_draft(session, draft):
    session[DRAFT_KEY] = draft
    session.modified = True


def step_values(draft, slug):
    return draft["steps"].get(slug, {})


def payload(draft, language):
    """The whole draft in the contract's shape, for validation.validate_report."""
    data = {"preferred_language": language}
    for step in STEPS:
        if step.form_class and step.slug in draft["steps"]:
            data.update(step.form_class(language=language).to_contract(draft["steps"][step.slug]))
    return data


def step_for_error(key):
    """Which step asks for a contract field, and the form field's name there."""
    for step in STEPS:
        if not step.form_class:
            continue
        form_class = step.form_class
        for name in form_class.base_fields:
            if form_class.CONTRACT_KEYS.get(name, name) == key:
                return step, name
    return STEPS_BY_SLUG[PHOTOS], "files"
