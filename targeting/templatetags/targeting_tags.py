from django import template

register = template.Library()


@register.simple_tag
def report_entities(report):
    """The entities a report is linked to, most reported first."""
    from targeting.models import Entity

    return list(Entity.objects.filter(links__report_id=report.pk).order_by("kind", "-report_count")[:50])
