from django import template

from ..matching import approved_guides, brands_named, genuine_signs
from ..permissions import can_refer, can_see_approved_guides
from ..staff_views import ReferToRightsHolderForm

register = template.Library()


@register.simple_tag(takes_context=True)
def report_brand_panel(context, report):
    """For a report's page: the registered brands it names, their approved guides, the "possibly genuine"
    signs, and a referral form per active rights holder (for officers who may refer)."""
    user = context["request"].user
    if not can_see_approved_guides(user):
        return None
    brands = list(brands_named(report))
    guides = {guide.brand_id: guide for guide in approved_guides(brands)} if brands else {}
    refer = can_refer(user)
    return {
        "brands": [
            {
                "brand": brand,
                "guide": guides.get(brand.pk),
                "refer_form": ReferToRightsHolderForm(initial={"brand": brand.pk}, auto_id=f"id_brand{brand.pk}_%s")
                if refer and brand.owner.active
                else None,
            }
            for brand in brands
        ],
        "signs": genuine_signs(report, brands),
    }
