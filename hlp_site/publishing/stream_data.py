"""Small builders for StreamField raw data (the JSON list Wagtail stores).

Rich text is Wagtail's database HTML. Internal links are written with a page *path*
(relative to the home page, e.g. "/our-work/prevention/") in place of the page id:
`page_link("/our-work/", "Our work")` gives `<a linktype="page" id="page:/our-work/">`,
and the loader swaps in the real id once the page exists (see `resolve_page_refs`).
"""

import re
from html import escape

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
