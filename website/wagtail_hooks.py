from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def admin_widgets_without_inline_scripts():
    """Starts the admin's date and time pickers (see templates/wagtailadmin/widgets/), as the CSP forbids inline scripts."""
    return format_html('<script src="{}"></script>', static("js/admin-widgets.js"))
