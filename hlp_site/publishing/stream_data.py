"""Small builders for StreamField raw data (the JSON list Wagtail stores).

Rich text is Wagtail's database HTML. Internal links are written with a page *path*
(relative to the home page, e.g. "/our-work/prevention/") in place of the page id:
`page_link("/our-work/", "Our work")` gives `<a linktype="page" id="page:/our-work/">`,
and the loader swaps in the real id once the page exists (see `resolve_page_refs`).
"""

import re
from html import escape

from wagtail import blocks

PAGE_REF = re.compile(r"page:(/[a-z0-9/-]*)")
RICH_TEXT_PAGE_REF = re.compile(r'linktype="page" id="page:(/[a-z0-9/-]*)"')


def text(value):
    """Plain text made safe for rich text (& < > escaped, quotes left alone)."""
    return escape(value, quote=False)


def page_link(path, link_text):
    return f'<a linktype="page" id="page:{path}">{text(link_text)}</a>'


def external_link(url, link_text):
    return f'<a href="{escape(url)}">{text(link_text)}</a>'


def paragraph(*paragraphs):
    """A paragraph block; each argument is one <p>, given as rich-text HTML."""
    return {"type": "paragraph", "value": "".join(f"<p>{html}</p>" for html in paragraphs)}


def bullets(*items, lead=None):
    """A paragraph block holding a bulleted list (and an optional lead-in <p>)."""
    lead_html = f"<p>{lead}</p>" if lead else ""
    items_html = "".join(f"<li>{item}</li>" for item in items)
    return {"type": "paragraph", "value": f"{lead_html}<ul>{items_html}</ul>"}


def heading(heading_text, level="h2"):
    return {"type": "heading", "value": {"text": heading_text, "level": level}}


def quote(quote_text, attribution="", role=""):
    return {
        "type": "quote",
        "value": {"quote": quote_text, "attribution": attribution, "role": role},
    }


def inset_text(*paragraphs):
    return {
        "type": "inset_text",
        "value": {"body": "".join(f"<p>{html}</p>" for html in paragraphs)},
    }


def video(url, title, *transcript):
    """A hosted video with its transcript; the demo's captions count as checked."""
    return {
        "type": "video",
        "value": {
            "url": url,
            "title": title,
            "transcript": "".join(f"<p>{html}</p>" for html in transcript),
            "captions_checked": True,
        },
    }


def call_to_action(link_text, *, page=None, url="", description=""):
    """A link card; `page` is a page path such as "/partners/" (resolved at load time)."""
    return {
        "type": "call_to_action",
        "value": {
            "text": link_text,
            "page": f"page:{page}" if page else None,
            "url": url,
            "description": description,
        },
    }


def resolve_page_refs(data, page_id):
    """Replace every "page:/path/" marker in `data` with `page_id(path)`.

    Markers inside rich text become `id="<number>"`; a marker that is a whole value
    (a page chooser) becomes the number itself.
    """
    if isinstance(data, dict):
        return {key: resolve_page_refs(value, page_id) for key, value in data.items()}
    if isinstance(data, list):
        return [resolve_page_refs(value, page_id) for value in data]
    if isinstance(data, str):
        whole = PAGE_REF.fullmatch(data)
        if whole:
            return page_id(whole[1])
        return RICH_TEXT_PAGE_REF.sub(
            lambda match: f'linktype="page" id="{page_id(match[1])}"', data
        )
    return data


def as_the_editor_saves_it(stream_block, raw_data):
    """`raw_data` as the page editor would store it, ready to assign to the StreamField.

    The editor (Draftail) gives every paragraph and list item of rich text a
    `data-block-key`, and keeps it from then on. Content stored without them gains them
    on its first edit, so comparing that edit with the revision before it would mark
    every untouched paragraph as changed. Each rich text goes through the editor's own
    conversion (database HTML to Draftail's format and back) once, here.
    """
    value = stream_block.to_python(raw_data)
    _through_the_editor(stream_block, value)
    return stream_block.get_prep_value(value)


def _through_the_editor(block, value):
    if isinstance(block, blocks.RichTextBlock):
        widget = block.field.widget
        value.source = widget.value_from_datadict(
            {"rich_text": widget.format_value(value.source)}, {}, "rich_text"
        )
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            _through_the_editor(child.block, child.value)
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            if value.get(name) is not None:
                _through_the_editor(child_block, value[name])
    elif isinstance(block, blocks.ListBlock):
        for item in value.bound_blocks:
            _through_the_editor(item.block, item.value)


BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')


def without_block_key_values(raw_json):
    """Stored StreamField JSON (as a string) with each `data-block-key`'s value blanked.

    Keys are made at random, so two conversions of the same content differ only there;
    whether a paragraph has its key still counts.
    """
    return BLOCK_KEY.sub(' data-block-key=""', raw_json)
