"""Local development: `make run`. SQLite and database search unless told otherwise."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = ["*"]

# The `make run` demo admin (`admin`, made by `load_demo_content --with-demo-admin`) skips the second
# factor so the demo works out of the box. DEV_REQUIRE_SECOND_FACTOR=true to try enrolment with it too.
# Honoured only with DEBUG on; production refuses any exemption.
STAFF_SECOND_FACTOR_EXEMPT_USERNAMES = [] if env_bool("DEV_REQUIRE_SECOND_FACTOR") else ["admin"]
