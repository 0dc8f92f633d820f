from django_tasks import task

from . import bulk_jobs, following, state


@task()
def recompute_related(report_id):
    """After a new report: raise the priority of open reports about the same seller or store."""
    from reports.models import Report

    report = Report.objects.filter(pk=report_id).first()
    return state.recompute_related(report) if report else 0


@task()
def run_bulk_job(job_id):
    """A bulk action, purge or export an officer started (see bulk_jobs.py)."""
    return bulk_jobs.run(job_id)


@task()
def match_follows(report_id):
    """After a new report: list it for the officers following a search it matches (see following.py)."""
    return following.match_report(report_id)
