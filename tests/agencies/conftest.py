from tests.portal.conftest import portal_client, portal_member  # noqa: F401 - the portal's fixtures
