from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from . import staff_views
from .viewsets import BrandsGroup


@hooks.register("register_admin_viewset")
def register_brand_viewsets():
    return BrandsGroup()


@hooks.register("register_admin_urls")
def register_brand_admin_urls():
    return [
        path("brand-photos/<int:pk>/", staff_views.photo, name="brands_photo"),
        path("brands/refer/<int:report_pk>/", staff_views.refer_to_rights_holder, name="brands_refer"),
    ]


@hooks.register("insert_global_admin_css")
def brand_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("brands/brands.css"))


@hooks.register("register_log_actions")
def register_brand_log_actions(actions):
    actions.register_action("brands.guide_submit", _("Submit a guide for review"), _("Guide submitted for review"))
    actions.register_action(
        "brands.guide_back_to_review", _("Guide changed after approval"), _("Guide changed: back to review")
    )
    actions.register_action("brands.guide_approve", _("Approve a guide"), _("Guide approved"))

    @actions.register_action("brands.guide_reject")
    class RejectGuide(LogFormatter):
        label = _("Reject a guide")

        def format_message(self, entry):
            return _("Guide not approved: %(reason)s") % {"reason": entry.data.get("reason", "")}

    @actions.register_action("brands.guide_photo_added")
    class PhotoAdded(LogFormatter):
        label = _("Add a photo to a guide")

        def format_message(self, entry):
            return _("Photo added: %(alt)s") % {"alt": entry.data.get("alt_text", "")}

    @actions.register_action("brands.guide_photo_removed")
    class PhotoRemoved(LogFormatter):
        label = _("Remove a photo from a guide")

        def format_message(self, entry):
            return _("Photo removed: %(alt)s") % {"alt": entry.data.get("alt_text", "")}
