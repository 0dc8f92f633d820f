from django_tasks import task


@task()
def link_report_entities(report_id):
    """After a new report: link it to the entities it names, and make leads of those that cross a threshold."""
    from reports.models import Report

    from .linking import link_report

    report = Report.objects.select_related("contact").filter(pk=report_id).first()
    return len(link_report(report)) if report else 0


@task()
def promote_leads():
    """After the thresholds change: every entity that crosses them becomes a lead."""
    from .leads import promote

    return promote()
