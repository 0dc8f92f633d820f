from django import template

register = template.Library()


@register.simple_tag
def form_error_entries(form, file_problems=None):
    """Error summary entries for a form: each message linked to its field (#id_<name>), in field order."""
    entries = []
    if form is not None and form.is_bound:
        for message in form.non_field_errors():
            entries.append({"message": message, "url": "#main-content"})
        for field in form:
            for message in field.errors:
                entries.append({"message": message, "url": f"#id_{field.name}"})
    for message in file_problems or []:
        entries.append({"message": message, "url": "#id_files"})
    return entries
