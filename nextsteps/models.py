"""Next steps: what a reporter should do after sending a report, kept by editors as rules in the Wagtail admin.

A rule says when it applies (product categories, whether someone was harmed, how the reporter paid, the
reasons they gave: each left empty means "any") and what to say, in English and Spanish, with links. The
confirmation page and email show every live rule that matches the report (matching.py).
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from .forms import HTTPS_ONLY, NextStepForm
from .panels import LINK_PANELS, NEXT_STEP_PANELS


class HarmCondition(models.TextChoices):
    ANY = "any", _("Whether or not someone was harmed")
    HARMED = "harmed", _("Only when someone was hurt or property damaged")
    NOT_HARMED = "not_harmed", _("Only when nobody was harmed")


def in_language(english, spanish):
    """The Spanish text on Spanish pages when there is one, else the English."""
    return spanish if (get_language() or "en").startswith("es") and spanish else english


class NextStep(ClusterableModel):
    name = models.CharField(
        _("name"), max_length=100, help_text=_("For editors only, like “Chargeback for card payments”.")
    )
    live = models.BooleanField(_("show to reporters"), default=True)
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Steps with a lower number come first.")
    )
    # When it applies. Each empty condition means "any".
    product_categories = ParentalManyToManyField(
        "library.ProductCategory",
        blank=True,
        related_name="+",
        verbose_name=_("product categories"),
        help_text=_("Only for reports about these categories. None ticked: every category."),
    )
    excluded_categories = ParentalManyToManyField(
        "library.ProductCategory",
        blank=True,
        related_name="+",
        verbose_name=_("not for these categories"),
        help_text=_("Never for reports about these categories (for example medicines, which go to the FDA)."),
    )
    harm = models.CharField(_("harm"), max_length=12, choices=HarmCondition.choices, default=HarmCondition.ANY)
    payment_methods = models.JSONField(
        _("paid with"),
        default=list,
        blank=True,
        help_text=_("Only when the reporter paid one of these ways. None ticked: however they paid, or if not said."),
    )
    reasons = models.JSONField(
        _("reasons"),
        default=list,
        blank=True,
        help_text=_("Only when the reporter gave at least one of these reasons. None ticked: any reasons."),
    )
    # What to say.
    heading = models.CharField(_("heading"), max_length=120)
    heading_es = models.CharField(_("Spanish heading"), max_length=120, blank=True)
    text = models.TextField(_("text"), max_length=600, help_text=_("One to three short sentences in plain words."))
    text_es = models.TextField(_("Spanish text"), max_length=600, blank=True)
    # Set on the rules a migration created (defaults.py), so they can be found again; empty for editors' own.
    default_key = models.CharField(max_length=40, blank=True, editable=False)

    base_form_class = NextStepForm
    panels = NEXT_STEP_PANELS

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")

    def __str__(self):
        return self.name

    @property
    def display_heading(self):
        return in_language(self.heading, self.heading_es)

    @property
    def display_text(self):
        return in_language(self.text, self.text_es)

    def matches(self, *, category_id, harm, payment_method, reasons):
        """Whether this rule applies to a report with these answers (read the categories with prefetch_related)."""
        categories = {category.pk for category in self.product_categories.all()}
        if categories and category_id not in categories:
            return False
        if category_id in {category.pk for category in self.excluded_categories.all()}:
            return False
        if self.harm == HarmCondition.HARMED and not harm:
            return False
        if self.harm == HarmCondition.NOT_HARMED and harm:
            return False
        if self.payment_methods and payment_method not in self.payment_methods:
            return False
        return not self.reasons or bool(set(self.reasons) & set(reasons or []))


class NextStepLink(Orderable):
    step = ParentalKey(NextStep, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(
        _("link text"), max_length=120, help_text=_("Say where it leads, like “SaferProducts.gov”.")
    )
    label_es = models.CharField(_("Spanish link text"), max_length=120, blank=True)
    url = models.URLField(
        _("address"), max_length=500, validators=[HTTPS_ONLY], help_text=_("A full address starting with https://")
    )
    url_es = models.URLField(
        _("Spanish address"),
        max_length=500,
        blank=True,
        validators=[HTTPS_ONLY],
        help_text=_("A Spanish page, if there is one."),
    )

    panels = LINK_PANELS

    class Meta(Orderable.Meta):
        verbose_name = _("link")

    @property
    def display_label(self):
        return in_language(self.label, self.label_es)

    @property
    def display_url(self):
        return in_language(self.url, self.url_es)
