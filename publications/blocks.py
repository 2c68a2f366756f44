"""The chapter body: the site's usual blocks, with headings that keep their anchors."""

from django.utils.text import slugify
from wagtail import blocks

from hlp_site.core.blocks import BaseBodyBlock, HeadingBlock

# Ids the chapter and print templates use themselves; a heading never takes one.
RESERVED_IDS = frozenset(
    {"maincontent", "contents", "chapter-contents", "on-this-page", "publication-details", "top"}
)
ANCHOR_MAX = 80


class AnchoredHeadingBlock(HeadingBlock):
    """A heading whose link anchor (#anchor) is made once from its text and then kept."""

    anchor = blocks.CharBlock(
        required=False,
        max_length=ANCHOR_MAX,
        help_text=(
            "Made from the heading when first saved and kept when you change the heading, so "
            "links to this part of the chapter keep working. Leave it as it is."
        ),
    )

    class Meta:
        icon = "title"
        template = "publications/blocks/anchored_heading_block.html"
        preview_value = {"text": "Standards for schools", "level": "h2", "anchor": ""}


class ChapterBodyBlock(BaseBodyBlock):
    heading = AnchoredHeadingBlock()


def unique_anchor(text, used):
    base = slugify(text)[:ANCHOR_MAX].strip("-") or "section"
    if base[0].isdigit():  # an id may start with a digit in HTML5, but not in CSS selectors
        base = f"section-{base}"[:ANCHOR_MAX]
    anchor, n = base, 2
    while anchor in used:
        anchor = f"{base}-{n}"
        n += 1
    return anchor


def assign_anchors(body):
    """Give each heading in `body` (a StreamValue) an anchor unique within it.

    A heading keeps the anchor it has; one without (new), or with the anchor of an earlier
    heading (a duplicated block), gets one made from its text. Returns True if any changed.
    """
    used = set(RESERVED_IDS)
    changed = False
    for child in body:
        if child.block_type != "heading":
            continue
        current = slugify(child.value.get("anchor") or "")[:ANCHOR_MAX]
        anchor = current if current and current not in used else ""
        if not anchor:
            anchor = unique_anchor(child.value.get("text") or "", used)
        if anchor != child.value.get("anchor"):
            child.value["anchor"] = anchor
            changed = True
        used.add(anchor)
    return changed


def with_anchors(raw):
    """StreamField raw data (a list of {type, value}) with anchors on its headings, as
    `assign_anchors` would give them: for data written by hand (demo content, the importer)."""
    used = set(RESERVED_IDS)
    result = []
    for item in raw:
        if item["type"] == "heading":
            value = {"level": "h2", **item["value"]}
            anchor = value.get("anchor") or ""
            if not anchor or anchor in used:
                anchor = unique_anchor(value["text"], used)
            used.add(anchor)
            item = {**item, "value": {**value, "anchor": anchor}}
        result.append(item)
    return result


def headings(body, levels=("h2",)):
    """[{text, anchor, level}] for the headings of `body` at these levels, in order."""
    return [
        {
            "text": child.value["text"],
            "anchor": child.value.get("anchor") or slugify(child.value["text"]),
            "level": child.value.get("level") or "h2",
        }
        for child in body
        if child.block_type == "heading" and (child.value.get("level") or "h2") in levels
    ]
