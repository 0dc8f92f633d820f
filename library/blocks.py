"""StreamField blocks for library articles. Each renders with templates/blocks/<name>.html."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(choices=[("h2", _("Section heading")), ("h3", _("Subsection heading"))], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        description = _("A section heading. Keep headings in order: h2, then h3.")
        preview_value = {"text": "How to spot a fake charger", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[
            ("info", _("Information")),
            ("warning", _("Warning")),
            ("emergency", _("Emergency")),
            ("success", _("Tip")),
        ],
        default="warning",
    )
    heading = blocks.CharBlock(max_length=120, required=False)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"
        description = _("A highlighted box for a warning, an emergency or a tip.")
        preview_value = {
            "style": "emergency",
            "heading": "If someone is hurt",
            "text": "<p>Call 911 or Poison Control at 1-800-222-1222.</p>",
        }


class ChecklistBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, required=False)
    items = blocks.ListBlock(blocks.CharBlock(max_length=300), min_num=1)

    class Meta:
        icon = "tasks"
        template = "blocks/checklist.html"
        description = _("A list of things to check, shown with check boxes.")
        preview_value = {"heading": "Before you buy", "items": ["Read reviews", "Compare the price"]}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        description = _("An image with required alternative text.")


class ComparisonSideBlock(blocks.StructBlock):
    image = ImageChooserBlock(required=False)
    alt_text = blocks.CharBlock(max_length=250, required=False)
    points = blocks.ListBlock(blocks.CharBlock(max_length=300), min_num=1)

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("alt_text"):
            from django.core.exceptions import ValidationError
            from wagtail.blocks import StructBlockValidationError

            raise StructBlockValidationError(
                {"alt_text": ValidationError(_("Describe the image for people who cannot see it."))}
            )
        return value


class ComparisonBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    genuine = ComparisonSideBlock(label=_("Real"))
    fake = ComparisonSideBlock(label=_("Fake"))

    class Meta:
        icon = "doc-full"
        template = "blocks/comparison.html"
        description = _("Real versus fake, side by side.")
        preview_value = {
            "heading": "Real vs fake charger",
            "genuine": {"points": ["Heavy for its size", "Clear UL mark"]},
            "fake": {"points": ["Light and hollow", "Blurry or missing marks"]},
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(max_length=200, required=False, help_text=_("Defaults to the document's title."))

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/document.html"
        description = _("A document people can download.")


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(help_text=_("Link to the video, for example on YouTube."))
    title = blocks.CharBlock(max_length=200)
    transcript = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, required=False)

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        description = _("An embedded video with a title and an optional transcript.")


class ArticleBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, icon="pilcrow", template="blocks/paragraph.html")
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    image = ImageBlock()
    comparison = ComparisonBlock()
    document = DocumentBlock()
    video = VideoBlock()
