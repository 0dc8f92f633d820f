"""Who may do what with brands and guides on the staff side (groups: migrations/0002).

Officers (triage view permission) see approved guides on a report's page and their photos. Brand reviewers
(`brands.review_guide`) read every guide and approve or reject it. The registry itself (brands, trademarks,
authorised sellers) follows the Brand model's permissions: Brand reviewers and Partner managers.
"""

from triage import permissions as triage_permissions

REVIEWERS_GROUP = "Brand reviewers"


def _staff(user):
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


def can_review_guides(user):
    return _staff(user) and user.has_perm("brands.view_guide") and user.has_perm("brands.review_guide")


def can_see_approved_guides(user):
    return triage_permissions.is_triage_staff(user) or can_review_guides(user)


def can_refer(user):
    return triage_permissions.can(user, "refer")
