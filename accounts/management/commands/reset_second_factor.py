"""Remove every second factor of a staff account, for when no superuser can sign in to do it in the admin."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts import second_factor


class Command(BaseCommand):
    help = (
        "Reset the second factor of USERNAME (authenticator apps, passkeys, recovery codes). "
        "They set up a new one at their next sign-in. Written to Wagtail's audit log."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No account with the username {username!r}.") from None
        removed = second_factor.reset(user)
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed {removed} second-factor device(s) of {username}. "
                "They will set up a new one the next time they sign in."
            )
        )
