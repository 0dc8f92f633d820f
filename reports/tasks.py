from django_tasks import task

from . import emails


@task()
def send_report_confirmation(report_id):
    return emails.send_confirmation(report_id)
