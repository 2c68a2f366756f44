"""Every StreamField block the site uses, in one place.

Bodies are one StreamBlock subclass each (ArticleBodyBlock, ...) built from the same
pieces, so an editor meets the same blocks everywhere.
"""

import re

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtailnhsukfrontend import blocks as nhsuk

from hlp_site.core.richtext import BatchedRichText, PageLinkBatch

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Level 2"), ("h3", "Level 3"), ("h4", "Level 4")],
        default="h2",
        help_text="Start at level 2 and do not skip levels; the page title is level 1.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "Partnership working", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    def bulk_to_python(self, values):
        # The paragraphs of one body share a batch: their page links cost one query.
        values = list(values)
        batch = PageLinkBatch(values)
        return [BatchedRichText(value, batch) for value in values]

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        preview_value = "<p>Partnership working is the only way we will tackle London's most complex health challenges.</p>"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200, help_text="Who said it.")
    role = blocks.CharBlock(required=False, max_length=200, help_text="For example: HLP director")

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_value = {
            "quote": "None of this would be possible without key agencies working together.",
            "attribution": "Shaun Danielli",
            "role": "HLP director",
        }


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe the image for people who cannot see it. Leave empty only if decorative.",
    )
    decorative = blocks.BooleanBlock(
        required=False, help_text="Tick if the image adds nothing a reader needs (no alt text)."
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"


YOUTUBE_ID = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?(?:youtube\.com/(?:watch\?v=|embed/|shorts/)|youtu\.be/)"
    r"(?P<id>[A-Za-z0-9_-]{11})"
)
VIMEO_ID = re.compile(r"^(?:https?://)?(?:www\.|player\.)?vimeo\.com/(?:video/)?(?P<id>\d+)")


def video_embed_url(url):
    """The privacy-friendly player URL for a YouTube or Vimeo link, or None.

    Worked out from the URL alone, so rendering never calls the network (unlike oEmbed).
    """
    if match := YOUTUBE_ID.match(url or ""):
        return f"https://www.youtube-nocookie.com/embed/{match['id']}"
    if match := VIMEO_ID.match(url or ""):
        return f"https://player.vimeo.com/video/{match['id']}?dnt=1"
    return None


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(help_text="A YouTube or Vimeo link.")
    title = blocks.CharBlock(max_length=200, help_text="Names the video for screen readers.")
    transcript = blocks.RichTextBlock(
        required=False, features=RICH_TEXT_FEATURES, help_text="A transcript or summary."
    )

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not video_embed_url(value.get("url")):
            raise blocks.StructBlockValidationError(
                {"url": ErrorList([ValidationError("Enter a YouTube or Vimeo video link.")])}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = video_embed_url(value.get("url"))
        return context


class CallToActionBlock(blocks.StructBlock):
    """A link to a page or URL, shown as an NHS.UK action link or a card."""

    text = blocks.CharBlock(max_length=120, help_text="Say where the link goes.")
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Only for other websites.")
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = ValidationError("Choose a page or enter a URL (one of the two).")
            raise blocks.StructBlockValidationError(
                {"page": ErrorList([message]), "url": ErrorList([message])}
            )
        return value


class BaseBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    video = VideoBlock()
    call_to_action = CallToActionBlock()
    inset_text = nhsuk.InsetTextBlock()
    warning_callout = nhsuk.WarningCalloutBlock()
    action_link = nhsuk.ActionLinkBlock()
    card_group = nhsuk.CardGroupBlock()
    details = nhsuk.DetailsBlock()
    expander = nhsuk.ExpanderBlock()


class ArticleBodyBlock(BaseBodyBlock):
    pass


class ProgrammeBodyBlock(BaseBodyBlock):
    pass


class StandardBodyBlock(BaseBodyBlock):
    pass
