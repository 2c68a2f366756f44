"""Every StreamField block the site uses, in one place.

Bodies are one StreamBlock subclass each (ArticleBodyBlock, ...) built from the same
pieces, so an editor meets the same blocks everywhere.
"""

import hashlib
import re
from html import unescape

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.blocks.list_block import ListValue
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText
from wagtailnhsukfrontend import blocks as nhsuk

from hlp_site.core.richtext import BatchedRichText, LinkBatch

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]

# Link text that says nothing about where the link goes (WCAG 2.4.4, NHS.UK content guide).
VAGUE_LINK_TEXT = {
    "click here",
    "click",
    "here",
    "read more",
    "more",
    "link",
    "this link",
    "this page",
}
BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+/\S*$", re.IGNORECASE)
ANCHOR = re.compile(r"<a\b[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def link_text_problem(link_text):
    """Why this link text fails readers (a message for the editor), or None if it is fine."""
    shown = " ".join(unescape(TAG.sub("", link_text or "")).split())
    if not shown:
        return None
    if shown.lower().strip(" .:!…›»") in VAGUE_LINK_TEXT:
        return (
            f"Link text \u201c{shown}\u201d does not say where the link goes. Use words that "
            "make sense on their own, such as \u201cthe Prevention programme\u201d."
        )
    if BARE_URL.match(shown):
        return (
            f"Link text \u201c{shown}\u201d is a bare web address. Say where the link goes "
            "instead, such as \u201cNHS England\u2019s website\u201d."
        )
    # Typing over a selected link can leave the link on the first letter typed ("t" of
    # "the Prevention programme"): the words read as linked in the editor, but are not.
    if len(shown) == 1:
        return (
            f"A link is on the single character \u201c{shown}\u201d. Select the words that "
            "say where it goes, such as \u201cthe Prevention programme\u201d, and link them."
        )
    return None


def rich_text_link_problems(html):
    """Messages for each badly worded link in rich-text HTML, the text as saved."""
    html = html or ""
    problems = []
    for anchor in ANCHOR.finditer(html):
        if problem := link_text_problem(anchor.group(1)):
            problems.append(problem)
        elif splits_a_word(html, anchor):
            shown = " ".join(unescape(TAG.sub("", anchor.group(1))).split())
            problems.append(
                f"The link \u201c{shown}\u201d starts or ends inside a word. Link whole "
                "words, such as \u201cthe Prevention programme\u201d."
            )
    return problems


def splits_a_word(html, anchor):
    """Whether a link's text starts or ends in the middle of a word ("<a>the Prev</a>ention").

    Only the characters right beside the tag count: a tag or entity there is a boundary.
    """
    inner = unescape(TAG.sub("", anchor.group(1)))
    before = html[anchor.start() - 1 : anchor.start()]
    after = html[anchor.end() : anchor.end() + 1]
    return (inner[:1].isalnum() and before.isalnum()) or (inner[-1:].isalnum() and after.isalnum())


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

    def clean(self, value):
        value = super().clean(value)
        if problems := rich_text_link_problems(getattr(value, "source", "")):
            raise ValidationError(problems)
        return value

    def bulk_to_python(self, values):
        # The paragraphs of one body share a batch: their page links cost one query, their
        # document links another.
        values = list(values)
        batch = LinkBatch(values)
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

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") is None:  # a draft may not have one yet
            return value
        has_alt = bool((value.get("alt_text") or "").strip())
        if value.get("decorative") and has_alt:
            message = "A decorative image has no alt text: clear the alt text or untick decorative."
        elif not value.get("decorative") and not has_alt:
            message = (
                "Add alt text describing the image for people who cannot see it, or tick "
                "\u201cdecorative\u201d if it adds nothing a reader needs."
            )
        else:
            return value
        raise blocks.StructBlockValidationError({"alt_text": ErrorList([ValidationError(message)])})


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


VIDEO_FILE_TYPES = {"mp4": "video/mp4", "webm": "video/webm"}
TRANSCRIPT_REQUIRED = (
    "Add a transcript before publishing: people who cannot hear or see the video need it."
)
CAPTIONS_UNCHECKED = (
    "Tick \u201ccaptions checked by a person\u201d once someone has watched the video with "
    "its captions on and corrected them; automatic captions alone are not enough."
)


def is_webvtt(document):
    """Whether a document's file is WebVTT: it must begin "WEBVTT" (after an optional BOM),
    then a space, a tab or a line end."""
    try:
        with document.file.open("rb") as handle:
            head = handle.read(16)
    except (OSError, ValueError):
        return False
    head = head.removeprefix(b"\xef\xbb\xbf")
    return head.startswith(b"WEBVTT") and (
        len(head) == 6 or head[6:7] in (b" ", b"\t", b"\n", b"\r")
    )


class CaptionTrackBlock(blocks.StructBlock):
    """A WebVTT caption file for a video file uploaded to Documents."""

    file = DocumentChooserBlock(help_text="A WebVTT caption file (.vtt) from Documents.")
    language = blocks.CharBlock(
        max_length=35, default="en", help_text="Its language code: en for English, cy for Welsh."
    )
    label = blocks.CharBlock(max_length=60, default="English", help_text="What the player shows.")

    class Meta:
        icon = "doc-full"

    def clean(self, value):
        value = super().clean(value)
        document = value.get("file")
        if document is not None and not is_webvtt(document):
            raise blocks.StructBlockValidationError(
                {
                    "file": ErrorList(
                        [
                            ValidationError(
                                f"\u201c{document.title}\u201d is not a WebVTT caption file "
                                "(it must start with the line WEBVTT)."
                            )
                        ]
                    )
                }
            )
        return value


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        required=False, help_text="A YouTube or Vimeo link; or leave empty and choose a video file."
    )
    video_file = DocumentChooserBlock(
        required=False, help_text="Or a video file (MP4 or WebM) uploaded to Documents."
    )
    title = blocks.CharBlock(max_length=200, help_text="Names the video for screen readers.")
    transcript = blocks.RichTextBlock(
        required=False,
        features=RICH_TEXT_FEATURES,
        help_text="Everything said and shown. Needed to publish.",
    )
    captions = blocks.ListBlock(
        CaptionTrackBlock(),
        default=[],
        help_text="For a video file: its captions, one WebVTT file per language.",
    )
    captions_checked = blocks.BooleanBlock(
        required=False,
        label="Captions checked by a person",
        help_text="Needed to publish: a person has watched it with captions on and corrected them.",
    )

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        url, video_file = value.get("url"), value.get("video_file")
        if url and video_file:
            errors["url"] = "Give a link or a video file, not both."
        elif video_file is not None:
            if video_file.file_extension.lower() not in VIDEO_FILE_TYPES:
                errors["video_file"] = "Choose an MP4 or WebM video file."
        elif not video_embed_url(url):
            errors["url"] = "Enter a YouTube or Vimeo video link, or choose a video file."
        # Drafts may be saved without these; publishing and submitting for review may not.
        if not self.is_deferred_validation:
            if not strip_tags(getattr(value.get("transcript"), "source", "") or "").strip():
                errors["transcript"] = TRANSCRIPT_REQUIRED
            if not value.get("captions_checked"):
                errors["captions_checked"] = CAPTIONS_UNCHECKED
            if video_file is not None and not value.get("captions"):
                errors["captions"] = "Add the video's captions as a WebVTT file."
        if errors:
            raise blocks.StructBlockValidationError(
                {name: ErrorList([ValidationError(message)]) for name, message in errors.items()}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        embed_url = video_embed_url(value.get("url"))
        context["embed_url"] = embed_url
        # Loaded only when the visitor presses play, so it may start at once.
        context["play_url"] = (
            embed_url and f"{embed_url}{'&' if '?' in embed_url else '?'}autoplay=1"
        )
        context["host"] = "Vimeo" if embed_url and "vimeo" in embed_url else "YouTube"
        video_file = value.get("video_file")
        context["video_type"] = video_file and VIDEO_FILE_TYPES.get(
            video_file.file_extension.lower()
        )
        key = f"{value.get('url')}|{video_file.pk if video_file else ''}|{value.get('title')}"
        context["video_id"] = (
            "video-" + hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:8]
        )
        return context


class LinkBlock(blocks.StructBlock):
    """A link to a page or to another website (one of the two), with meaningful text."""

    text = blocks.CharBlock(max_length=120, help_text="Say where the link goes.")
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Only for other websites.")

    class Meta:
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if bool(value.get("page")) == bool(value.get("url")):
            message = ValidationError("Choose a page or enter a URL (one of the two).")
            errors = {"page": ErrorList([message]), "url": ErrorList([message])}
        if problem := link_text_problem(value.get("text")):
            errors["text"] = ErrorList([ValidationError(problem)])
        if errors:
            raise blocks.StructBlockValidationError(errors)
        return value


class CallToActionBlock(LinkBlock):
    """A link to a page or URL, shown as an NHS.UK action link or a card."""

    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "link"
        template = "blocks/call_to_action_block.html"


HEADING_LEVELS = {"h2": 2, "h3": 3, "h4": 4}
LINK_KEYS = {"url", "page", "external_url", "internal_page"}


def nested_link_problems(value):
    """Link-text problems anywhere inside a block's value (rich text, or link "text" fields)."""
    if isinstance(value, RichText):
        return rich_text_link_problems(value.source)
    if isinstance(value, str):
        return []
    if isinstance(value, dict):  # StructValue
        problems = []
        if LINK_KEYS & set(value) and (problem := link_text_problem(value.get("text"))):
            problems.append(problem)
        for child in value.values():
            problems += nested_link_problems(child)
        return problems
    if isinstance(value, list | tuple | ListValue | blocks.StreamValue):
        problems = []
        for child in value:
            problems += nested_link_problems(getattr(child, "value", child))
        return problems
    return []


class BaseBodyBlock(blocks.StreamBlock):
    """Checks the body as a whole: heading levels, and link text inside any block."""

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

    # Blocks whose own clean() already reports their link text, on the right field.
    SELF_CHECKING = {"paragraph", "call_to_action", "heading"}

    def clean(self, value):
        value = super().clean(value)
        block_errors = {}
        non_block_errors = ErrorList()
        previous_level = 1  # the page title
        for index, child in enumerate(value):
            if child.block_type == "heading":
                level = HEADING_LEVELS.get(child.value.get("level"), 2)
                if level > previous_level + 1:
                    if previous_level == 1:
                        message = "Start with a level 2 heading: the page title is level 1."
                    else:
                        message = (
                            f"This level {level} heading follows a level {previous_level} "
                            f"heading: do not skip levels (use level {previous_level + 1})."
                        )
                    block_errors[index] = blocks.StructBlockValidationError(
                        {"level": ErrorList([ValidationError(message)])}
                    )
                previous_level = level
            elif child.block_type not in self.SELF_CHECKING:
                for problem in nested_link_problems(child.value):
                    label = self.child_blocks[child.block_type].label
                    non_block_errors.append(
                        ValidationError(f"Block {index + 1} ({label}): {problem}")
                    )
        if block_errors or non_block_errors:
            raise blocks.StreamBlockValidationError(
                block_errors=block_errors, non_block_errors=non_block_errors
            )
        return value


class ArticleBodyBlock(BaseBodyBlock):
    pass


class ProgrammeBodyBlock(BaseBodyBlock):
    pass


class StandardBodyBlock(BaseBodyBlock):
    pass
