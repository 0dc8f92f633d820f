"""Recording the notice of a new referral: called by triage.operations.refer in the referral's transaction.

For each organisation the referral is addressed to, a `Delivery` per enabled webhook endpoint and an
`EmailNotice` per member who wants the email. They commit or roll back with the referral; after the commit the
background worker is asked to send them (and `manage.py send_referral_notices`, from cron, sends whatever waits).
The body holds the referral's id, kind and dates and where to fetch it: never report content or reporter data.
"""

import json

from django.urls import reverse

from partners.models import Partner, PartnerKind

from .links import portal_url, site_url
from .models import Delivery, EmailNotice, Endpoint
from .preferences import members_to_email
from .queueing import enqueue_after_commit

NEW_REFERRAL = "referral.created"


def organisations_for(referral):
    """The active organisations a referral is addressed to: its API partner, and the agency's organisations."""
    organisations = {}
    if referral.recipient_id and referral.recipient.active:
        organisations[referral.recipient_id] = referral.recipient
    if referral.agency:
        for organisation in Partner.objects.filter(kind=PartnerKind.AGENCY, agency=referral.agency, active=True):
            organisations[organisation.pk] = organisation
    return list(organisations.values())


def referral_body(referral, organisation):
    """The JSON text sent to `organisation` (Standard Webhooks' type / timestamp / data shape)."""
    api_url = None
    if referral.recipient_id == organisation.pk:
        api_url = site_url(reverse("api-v1:referral", kwargs={"referral_id": referral.pk}))
    return json.dumps(
        {
            "type": NEW_REFERRAL,
            "timestamp": referral.referred_at.isoformat(),
            "data": {
                "referral_id": referral.pk,
                "kind": "case" if referral.case_id else "report",
                "agency": referral.agency,
                "status": referral.status,
                "referred_at": referral.referred_at.isoformat(),
                "api_url": api_url,
                "portal_url": portal_url(),
            },
        },
        separators=(",", ":"),
    )


def record_new_referral(referral):
    """Write the deliveries and emails for a new referral (in the caller's transaction)."""
    deliveries, emails = [], []
    for organisation in organisations_for(referral):
        body = referral_body(referral, organisation)
        for endpoint in Endpoint.objects.filter(organisation=organisation, enabled=True):
            deliveries.append(Delivery(endpoint=endpoint, event_type=NEW_REFERRAL, referral=referral, body=body))
        for user in members_to_email(organisation):
            emails.append(EmailNotice(referral=referral, organisation=organisation, user=user))
    Delivery.objects.bulk_create(deliveries)
    EmailNotice.objects.bulk_create(emails)
    if deliveries or emails:
        enqueue_after_commit()
