"""The admin panels of a next-step rule: when it applies, then what it says."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

NEXT_STEP_PANELS = [
    MultiFieldPanel(
        [FieldPanel("name"), FieldRowPanel([FieldPanel("live"), FieldPanel("sort_order")])],
        heading=_("Rule"),
    ),
    MultiFieldPanel(
        [
            FieldPanel("product_categories", widget=forms.CheckboxSelectMultiple),
            FieldPanel("excluded_categories", widget=forms.CheckboxSelectMultiple),
            FieldPanel("harm", widget=forms.RadioSelect),
            FieldPanel("payment_methods"),
            FieldPanel("reasons"),
        ],
        heading=_("When it applies"),
    ),
    MultiFieldPanel(
        [FieldPanel("heading"), FieldPanel("text"), FieldPanel("heading_es"), FieldPanel("text_es")],
        heading=_("What reporters read"),
    ),
    InlinePanel("links", heading=_("Links"), label=_("Link"), max_num=4),
]
LINK_PANELS = [FieldPanel("label"), FieldPanel("url"), FieldPanel("label_es"), FieldPanel("url_es")]
