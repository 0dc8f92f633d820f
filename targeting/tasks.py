from django_tasks import task


@task()
def link_report_entities(report_id):
    """After a new report: link it to the entities it names, make leads of those that cross a threshold, and list
    it for the officers following one of its entities (triage/following.py)."""
    from reports.models import Report
    from triage.following import ENTITY_KINDS, match_report

    from .linking import link_report

    report = Report.objects.select_related("contact").filter(pk=report_id).first()
    if report is None:
        return 0
    linked = link_report(report)
    if linked:
        match_report(report_id, kinds=ENTITY_KINDS)
    return len(linked)


@task()
def promote_leads():
    """After the thresholds change: every entity that crosses them becomes a lead."""
    from .leads import promote

    return promote()
