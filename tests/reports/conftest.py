import pytest

from tests.factories import ProductCategoryFactory


@pytest.fixture
def category(db):
    return ProductCategoryFactory(name="Chargers", slug="chargers", health_and_safety=True)


def stored_files(root):
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []
