"""What the admin lets anyone do with partners, keys and the call log, superusers included.

Partners and keys are never deleted (deactivate a partner, revoke a key: the history and the call log keep
pointing at them). The call log is only read.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class PolicyWithout(ModelPermissionPolicy):
    """The model's Django permissions, less some actions that nobody may take."""

    def __init__(self, model, denied):
        super().__init__(model)
        self.denied = frozenset(denied)

    def user_has_permission(self, user, action):
        return action not in self.denied and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [action for action in actions if action not in self.denied])

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.denied]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)


def register():
    from .models import ApiCall, ApiKey, Partner

    register_permission_policy(Partner, PolicyWithout(Partner, {"delete"}))
    register_permission_policy(ApiKey, PolicyWithout(ApiKey, {"delete"}))
    register_permission_policy(ApiCall, PolicyWithout(ApiCall, {"add", "change", "delete"}))
