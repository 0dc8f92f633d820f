"""Wagtail's chooser widgets without an inline script, so the admin runs under the Content-Security-Policy.

Outside StreamField, Wagtail 8's chooser widgets (page, image, document and snippet choosers: `BaseChooser`)
end their HTML with `<script>new PageChooser("id", {...});</script>`, which a policy without inline scripts
blocks, and Wagtail has no setting or hook to change that. `install()` (called once at startup by
website.apps) makes them write the same call as data, `<span hidden data-admin-chooser="PageChooser"
data-for="id" data-options="{...}">`, and website/static/js/admin-widgets.js makes the call (only for names
ending in "Chooser", with the options parsed as JSON: nothing is evaluated). A chooser that overrides
`render_js_init` with other code (Wagtail's workflow task chooser, superusers only) keeps Wagtail's own output.
"""

import json

from django.utils.html import format_html
from wagtail.admin.widgets.chooser import BaseChooser

_wagtail_render = BaseChooser.render


def render_without_inline_script(self, name, value, attrs=None, renderer=None):
    if type(self).render_js_init is not BaseChooser.render_js_init or not (attrs or {}).get("id"):
        return _wagtail_render(self, name, value, attrs=attrs, renderer=renderer)
    value_data = self.get_value_data(value)
    options = self.get_js_init_options(attrs["id"], name, value_data)
    return format_html(
        '{}<span hidden data-admin-chooser="{}" data-for="{}" data-options="{}"></span>',
        self.render_html(name, value_data, attrs),
        self.js_constructor,
        attrs["id"],
        json.dumps(options),
    )


def install():
    BaseChooser.render = render_without_inline_script
