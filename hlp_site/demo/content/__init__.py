"""The demo site's content, as YAML files beside this module, and how to read them.

site.yaml (name, hero images, home page, sections, authors), tags.yaml (each tag's slug
and name; the other files name tags by slug), programmes.yaml, partners.yaml, posts.yaml,
review_2018.yaml (the reference post), resources.yaml and pages.yaml. `load_demo_content`
builds the pages from them; images.py draws the pictures they name. Pages are named by their path under the home page ("/our-work/prevention/").

A body is a list of blocks. Each block is a mapping with one key naming its type, beside
that type's options; where a value may hold several paragraphs, a list gives one each:

    - paragraph: Rich text.                  (or a list of paragraphs)
    - heading: What we do                    level: h3 (h2 if not given)
    - bullets: [Rich text, Rich text]        lead: a paragraph before the list
    - quote: Plain text.                     attribution:, role: (a list: paragraphs)
    - inset_text: Rich text.                 (or a list of paragraphs)
    - video: https://www.youtube.com/...     title:, transcript: (paragraphs)
    - call_to_action: Link text              page: /path/, url:, description:
"""

from pathlib import Path

import yaml

from hlp_site.publishing import stream_data

FOLDER = Path(__file__).parent


def read(name):
    """The data in `<name>.yaml` (dates come back as `datetime.date`)."""
    with (FOLDER / f"{name}.yaml").open(encoding="utf-8") as data:
        return yaml.safe_load(data)


def paragraphs(value):
    return [value] if isinstance(value, str) else list(value)


def rich_text(value):
    """One paragraph or a list of them, as rich-text HTML."""
    return "".join(f"<p>{html}</p>" for html in paragraphs(value))


def _paragraph(value):
    return stream_data.paragraph(*paragraphs(value))


def _heading(value, level="h2"):
    return stream_data.heading(value, level)


def _bullets(value, lead=None):
    return stream_data.bullets(*value, lead=lead)


def _quote(value, attribution="", role=""):
    return stream_data.quote("\n\n".join(paragraphs(value)), attribution, role)


def _inset_text(value):
    return stream_data.inset_text(*paragraphs(value))


def _video(value, title, transcript=()):
    return stream_data.video(value, title, *paragraphs(transcript))


def _call_to_action(value, page=None, url="", description=""):
    return stream_data.call_to_action(value, page=page, url=url, description=description)


BLOCKS = {
    "paragraph": _paragraph,
    "heading": _heading,
    "bullets": _bullets,
    "quote": _quote,
    "inset_text": _inset_text,
    "video": _video,
    "call_to_action": _call_to_action,
}


def stream(blocks):
    """A body from a data file as StreamField raw data (page links still as paths)."""
    return [_block(block) for block in blocks]


def _block(block):
    kinds = [key for key in block if key in BLOCKS]
    if len(kinds) != 1:
        raise ValueError(f"A block needs one of {', '.join(BLOCKS)} as a key: {block}")
    kind = kinds[0]
    options = {key: value for key, value in block.items() if key != kind}
    try:
        return BLOCKS[kind](block[kind], **options)
    except TypeError as error:
        raise ValueError(f"A {kind} block takes other options than these: {block}") from error
