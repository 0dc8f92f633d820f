"""/healthz (the process answers) and /readyz (the services it needs answer), for monitors and load balancers.

Both answer JSON, are never cached, and hold no secrets, host names or error details: a failing check says only
what is wrong in plain words, and the details go to the log. /readyz runs django-health-check's checks for the
database, the cache (Redis when configured, else the process's memory) and mail (only when an SMTP server is
configured), plus the site's own: Elasticsearch (when ELASTICSEARCH_URL is set), and how long the oldest index
update (the search outbox) and the oldest background task (the database task queue) have waited, against
HEALTH_OUTBOX_MAX_AGE_SECONDS and HEALTH_TASK_MAX_AGE_SECONDS, and whether the background worker is alive (its
newest heartbeat against HEALTH_WORKER_MAX_AGE_SECONDS). 200 when every check that decides readiness passes, 503
otherwise.

The worker's two checks (`worker`, `background_tasks`) are reported, never deciding: a stopped worker leaves
/readyz at 200 with `"attention": [...]` naming them and their own status "unavailable". Readiness decides whether
a web server gets traffic, and without the worker the site still serves every page and stores every report (the
tasks wait in the database and run when a worker is back): taking web servers out of the load balancer would turn
a delayed email into a site that is down. `/readyz/worker` answers 503 when either fails, for a monitor to alert on.
"""

import asyncio
import dataclasses
import datetime
import logging

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck
from health_check.checks import Cache, Database, Mail
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

logger = logging.getLogger(__name__)

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DATABASE_TASKS_BACKEND = "django_tasks_db.DatabaseBackend"
# Each check gives up after this long (the whole of /readyz runs the checks side by side).
CHECK_TIMEOUT = datetime.timedelta(seconds=5)


@never_cache
def healthz(request):
    """The process is up and answering. Touches nothing else (no database, no cache)."""
    return JsonResponse({"status": "alive"})


class DatabaseCheck(HealthCheck):
    """Runs in the request's own thread (and so its database connection), not in a worker thread."""

    def check(self):
        raise NotImplementedError

    async def run(self):
        try:
            await sync_to_async(self.check)()
        except DatabaseError as error:
            logger.warning("Readiness check %s could not read the database: %s", type(self).__name__, error)
            raise ServiceUnavailable("the database did not answer") from error


def _age_in_seconds(moment):
    return max(0, int((timezone.now() - moment).total_seconds())) if moment else 0


@dataclasses.dataclass
class WaitingAge(DatabaseCheck):
    """Fails when the oldest waiting item is older than the limit: whatever should take it is not running."""

    waiting: int = dataclasses.field(default=0, init=False)
    oldest_seconds: int = dataclasses.field(default=0, init=False)

    limit_seconds = 0
    what = ""

    def oldest(self):
        """(how many wait, when the oldest started waiting)."""
        raise NotImplementedError

    def check(self):
        self.waiting, oldest = self.oldest()
        self.oldest_seconds = _age_in_seconds(oldest)

    async def run(self):
        await super().run()
        if self.oldest_seconds > self.limit_seconds:
            raise ServiceUnavailable(
                f"the oldest {self.what} has waited {self.oldest_seconds} seconds (limit {self.limit_seconds})"
            )

    def details(self):
        return {"waiting": self.waiting, "oldest_seconds": self.oldest_seconds, "limit_seconds": self.limit_seconds}


@dataclasses.dataclass
class SearchOutbox(WaitingAge):
    """Index updates waiting to reach Elasticsearch (search/outbox.py). Old ones: the worker or catch-up is stuck."""

    what = "index update"

    @property
    def limit_seconds(self):
        return settings.HEALTH_OUTBOX_MAX_AGE_SECONDS

    def oldest(self):
        from django.db.models import Count, Min

        from search.models import PendingIndexUpdate

        waiting = PendingIndexUpdate.objects.filter(kept_for_rebuild=False)
        summary = waiting.aggregate(count=Count("pk"), oldest=Min("created_at"))
        return summary["count"], summary["oldest"]


@dataclasses.dataclass
class BackgroundTasks(WaitingAge):
    """Tasks ready to run in the database queue (django-tasks-db). Old ones: no `db_worker` is taking them."""

    what = "background task"

    @property
    def limit_seconds(self):
        return settings.HEALTH_TASK_MAX_AGE_SECONDS

    def oldest(self):
        from django.db.models import Case, Count, F, Min, When
        from django.db.models.functions import Greatest
        from django_tasks_db.models import DBTaskResult, get_date_max

        # A task planned for later (run_after) is only waiting from the moment it was due.
        due = Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=Greatest("enqueued_at", "run_after"))
        summary = DBTaskResult.objects.ready().aggregate(count=Count("pk"), oldest=Min(due))
        return summary["count"], summary["oldest"]


@dataclasses.dataclass
class Elasticsearch(HealthCheck):
    """The cluster answers and is not red (every index has its primary shards)."""

    status: str = dataclasses.field(default="", init=False)

    def run(self):
        from search.availability import ELASTICSEARCH_ERRORS
        from search.connection import get_client

        try:
            self.status = get_client().cluster.health()["status"]
        except ELASTICSEARCH_ERRORS as error:
            logger.warning("Readiness check: Elasticsearch did not answer: %s", error)
            raise ServiceUnavailable("Elasticsearch did not answer; searches use the database") from error
        if self.status == "red":
            raise ServiceUnavailable("Elasticsearch is red: some indexes have no copy available")

    def details(self):
        return {"cluster_status": self.status} if self.status else {}


@dataclasses.dataclass
class Worker(DatabaseCheck):
    """A background worker (`manage.py db_worker`) beat within HEALTH_WORKER_MAX_AGE_SECONDS (workers/heartbeat.py):
    caught even when no task is waiting."""

    alive: int = dataclasses.field(default=0, init=False)
    last_beat_seconds: int | None = dataclasses.field(default=None, init=False)

    @property
    def limit_seconds(self):
        return settings.HEALTH_WORKER_MAX_AGE_SECONDS

    def check(self):
        from workers.heartbeat import latest

        newest, self.alive = latest(self.limit_seconds)
        self.last_beat_seconds = _age_in_seconds(newest) if newest else None

    async def run(self):
        await super().run()
        if self.last_beat_seconds is None:
            raise ServiceUnavailable("no background worker has ever reported; start manage.py db_worker")
        if self.last_beat_seconds > self.limit_seconds:
            raise ServiceUnavailable(
                f"no background worker has reported for {self.last_beat_seconds} seconds (limit "
                f"{self.limit_seconds}); tasks wait until one runs"
            )

    def details(self):
        return {"alive": self.alive, "last_beat_seconds": self.last_beat_seconds, "limit_seconds": self.limit_seconds}


# The name each check has in the JSON answer.
NAMES = {
    Database: "database",
    Cache: "cache",
    Mail: "mail",
    Elasticsearch: "elasticsearch",
    SearchOutbox: "search_outbox",
    BackgroundTasks: "background_tasks",
    Worker: "worker",
}
# Checks that are reported but never make /readyz fail: the site works without the worker (see the top).
REPORTED_ONLY = {Worker, BackgroundTasks}
# What a failing library check says (their own messages may quote the server's error).
LIBRARY_MESSAGES = {
    Database: "the database did not answer",
    Cache: "the cache did not answer",
    Mail: "the mail server did not answer",
}


class ReadinessView(HealthCheckView):
    ready_word = "ready"

    def decides(self, kind):
        """Whether a failing check of this kind makes the answer 503."""
        return kind not in REPORTED_ONLY

    def get_checks(self):
        yield Database()
        yield Cache()
        if settings.EMAIL_BACKEND == SMTP_BACKEND:
            yield Mail(timeout=CHECK_TIMEOUT)
        if settings.ELASTICSEARCH_URL:
            yield Elasticsearch()
            yield SearchOutbox()
        yield from worker_checks()

    async def get(self, request, *args, **kwargs):
        self.results = await asyncio.gather(*(check.get_result() for check in self.get_checks()))
        checks = {}
        for result in self.results:
            kind = type(result.check)
            answer = {"status": "ok" if result.error is None else "unavailable"}
            if result.error is not None:
                own = kind not in LIBRARY_MESSAGES and isinstance(result.error, ServiceUnavailable)
                answer["problem"] = result.error.message if own else LIBRARY_MESSAGES.get(kind, "unknown error")
            if hasattr(result.check, "details"):
                answer.update(result.check.details())
            checks[NAMES[kind]] = answer
        ready = all(result.error is None for result in self.results if self.decides(type(result.check)))
        answer = {"status": self.ready_word if ready else "unavailable", "checks": checks}
        attention = [NAMES[type(result.check)] for result in self.results if result.error is not None]
        if ready and attention:
            answer["attention"] = attention
        response = JsonResponse(answer)
        if not ready:
            response.status_code = 503
            response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response


def worker_checks():
    """The worker's checks, when tasks go through the database queue (otherwise they run in the request)."""
    if settings.TASKS["default"]["BACKEND"] == DATABASE_TASKS_BACKEND:
        yield Worker()
        yield BackgroundTasks()


class WorkerView(ReadinessView):
    """/readyz/worker: 503 when no worker is alive or tasks wait too long. For alerts, not for load balancers."""

    ready_word = "ok"

    def decides(self, kind):
        return True

    def get_checks(self):
        return worker_checks()


readyz = ReadinessView.as_view()
readyz_worker = WorkerView.as_view()
