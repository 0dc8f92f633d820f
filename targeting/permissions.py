"""Who may see entities and leads, review leads and export the feed (groups: migrations/0002)."""


def _staff(user):
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


def can_view_entities(user):
    return _staff(user) and user.has_perm("targeting.view_entity")


def can_view_leads(user):
    return _staff(user) and user.has_perm("targeting.view_lead")


def can_review_leads(user):
    return can_view_leads(user) and user.has_perm("targeting.change_lead")


def can_export_leads(user):
    return can_view_leads(user) and user.has_perm("targeting.export_lead")
