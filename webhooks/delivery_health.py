"""How an endpoint's deliveries are going, for CBP staff: its last try (time, status code or error) and the failed
tries of the last days. Added to an endpoint queryset as annotations, so a listing sorts by them in one query."""

from datetime import timedelta

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DeliveryAttempt

RECENT_DAYS = 7


def failed(prefix=""):
    """A try that was not received: no answer, or an answer other than 2xx."""
    status = f"{prefix}status_code"
    return Q(**{f"{status}__isnull": True}) | Q(**{f"{status}__lt": 200}) | Q(**{f"{status}__gte": 300})


def with_delivery_health(endpoints, now=None):
    since = (now or timezone.now()) - timedelta(days=RECENT_DAYS)
    last_try = DeliveryAttempt.objects.filter(delivery__endpoint=OuterRef("pk")).order_by("-at", "-pk")
    return endpoints.annotate(
        last_try_at=Subquery(last_try.values("at")[:1]),
        last_try_status=Subquery(last_try.values("status_code")[:1]),
        last_try_error=Subquery(last_try.values("error")[:1]),
        recent_failures=Count(
            "deliveries__attempts",
            filter=Q(deliveries__attempts__at__gte=since) & failed("deliveries__attempts__"),
        ),
    )


def last_try_summary(endpoint):
    """The last try's answer in words: its status code, with the error when it failed ("Not tried yet")."""
    if endpoint.last_try_at is None:
        return _("Not tried yet")
    if endpoint.last_try_status is None:
        return endpoint.last_try_error
    if endpoint.last_try_error:
        return f"{endpoint.last_try_status}: {endpoint.last_try_error}"
    return str(endpoint.last_try_status)
