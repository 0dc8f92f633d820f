import pytest
from django.core.exceptions import ValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from library.blocks import ComparisonSideBlock, ImageBlock


@pytest.fixture
def image(db):
    return Image.objects.create(title="Charger", file=get_test_image_file())


def test_an_image_needs_alt_text(image):
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean({"image": image, "alt_text": "", "caption": ""})
    assert block.clean({"image": image, "alt_text": "A charger with a UL mark", "caption": ""})["alt_text"]


def test_a_comparison_image_needs_alt_text(image):
    side = ComparisonSideBlock()
    with pytest.raises(ValidationError):
        side.clean({"image": image, "alt_text": "", "points": ["Heavy"]})
    assert side.clean({"image": image, "alt_text": "A white charger", "points": ["Heavy"]})["alt_text"]
