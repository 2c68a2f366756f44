"""Rich text whose page links cost one query per body, not two per paragraph.

Wagtail expands each rich text value on its own, fetching the linked pages with
`.specific()` (two queries). Paragraphs of one StreamField are converted together
(`bulk_to_python`), so they share a `PageLinkBatch`: the first paragraph rendered fetches
the pages linked from all of them in one query, as plain Page rows, which is all a URL
needs (`url_path` and the cached site root paths).
"""

import re
from contextvars import ContextVar

from wagtail.models import Page
from wagtail.rich_text import RichText

PAGE_LINK_ID = re.compile(
    r'<a\b[^>]*\blinktype="page"[^>]*\bid="(\d+)"|<a\b[^>]*\bid="(\d+)"[^>]*\blinktype="page"'
)

# The pages of the batch being rendered; set only while a batched value expands.
_batch_pages = ContextVar("hlp_batch_pages", default=None)


def linked_page_ids(source):
    return {int(a or b) for a, b in PAGE_LINK_ID.findall(source or "")}


def fetch_link_pages(ids):
    """Pages by id (None for a deleted page), as plain Page rows: enough for a URL."""
    pages = dict.fromkeys(ids)
    if ids:
        pages.update((page.pk, page) for page in Page.objects.filter(pk__in=ids))
    return pages


class PageLinkBatch:
    def __init__(self, sources):
        self.sources = list(sources)
        self._pages = None

    def pages(self):
        if self._pages is None:
            ids = set().union(*(linked_page_ids(source) for source in self.sources))
            self._pages = fetch_link_pages(ids)
        return self._pages


class BatchedRichText(RichText):
    def __init__(self, source, batch):
        super().__init__(source)
        self.batch = batch

    def __html__(self):
        token = _batch_pages.set(self.batch.pages())
        try:
            return super().__html__()
        finally:
            _batch_pages.reset(token)


def batch_pages():
    """The pages of the batch being rendered, or None outside one."""
    return _batch_pages.get()
