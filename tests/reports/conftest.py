import pytest

from tests.factories import ProductCategoryFactory


@pytest.fixture(autouse=True)
def report_files(settings, tmp_path):
    """Report files go to a temporary folder, never to var/."""
    settings.REPORT_FILES_ROOT = tmp_path / "report-files"
    return settings.REPORT_FILES_ROOT


@pytest.fixture
def category(db):
    return ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []
