"""Rich text whose links cost one query per kind of object linked to, not one per value.

Wagtail expands each rich text value on its own: every paragraph with a page link fetches
its pages with `.specific()` (two queries), every one with a document link its documents.
Here rich text values share a `LinkBatch`, which reads the links of all its values (with
Wagtail's own reference extraction) and, the first time a link of one kind is expanded,
fetches the objects of that kind linked from any of them in one query: pages as plain Page
rows, which is all a URL needs (`url_path` and the cached site root paths).

- The paragraphs of one StreamField are converted together (`bulk_to_python`), so they
  share a batch (`BatchedRichText`): one query per body.
- Several bodies rendered on one page (a publication's print view) are converted together
  (`convert_together`) and rendered inside one batch of all their rich text, nested blocks
  included (`LinkBatch.of(...).in_use()`): one query for the whole page.

The link handlers that read the batches are registered in wagtail_hooks.py.
"""

from collections import defaultdict
from collections.abc import Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from wagtail.blocks import StreamValue
from wagtail.blocks.list_block import ListValue
from wagtail.models import Page
from wagtail.rich_text import RichText, extract_references_from_rich_text

# The batches in use, outermost first; set only while batched rich text expands.
_batches = ContextVar("hlp_link_batches", default=())


def _key(model):
    # A link to any page is a Page reference, whatever the page type.
    return Page if issubclass(model, Page) else model


def fetch_objects(model, ids):
    """Objects by id (None for a deleted one); pages as plain Page rows: enough for a URL."""
    found = dict.fromkeys(ids)
    if ids:
        manager = Page.objects if _key(model) is Page else model._default_manager
        found.update((each.pk, each) for each in manager.filter(pk__in=ids))
    return found


def linked_ids(source):
    """{model: {id, ...}} of the objects one rich text source links to (or embeds)."""
    ids = defaultdict(set)
    for model, object_id, _, _ in extract_references_from_rich_text(source or ""):
        if str(object_id).isdigit():
            ids[_key(model)].add(int(object_id))
    return ids


class LinkBatch:
    """The objects some rich text values link to: read from their sources on first use,
    fetched one query per model when a link of that model is first expanded."""

    def __init__(self, sources):
        self.sources = list(sources)
        self._ids = None
        self._objects = {}

    @classmethod
    def of(cls, values):
        """A batch of all the rich text inside these block values (stream values...)."""
        return cls(rich_text.source for value in values for rich_text in rich_texts(value))

    def ids(self):
        if self._ids is None:
            self._ids = defaultdict(set)
            for source in self.sources:
                for model, ids in linked_ids(source).items():
                    self._ids[model] |= ids
        return self._ids

    def objects(self, model, ids):
        """{id: object or None} holding `ids`, or None if they are not all this batch's."""
        key = _key(model)
        if not ids <= self.ids().get(key, set()):
            return None
        if key not in self._objects:
            self._objects[key] = fetch_objects(key, self.ids()[key])
        return self._objects[key]

    @contextmanager
    def in_use(self):
        """Within this `with` block, rich text expands with this batch's objects (those it
        holds): put it around the rendering of everything the batch was made of."""
        token = _batches.set((*_batches.get(), self))
        try:
            yield self
        finally:
            _batches.reset(token)


def batched_objects(model, ids):
    """{id: object} from the outermost batch in use that holds all `ids`, else None.

    The outermost first: a page-wide batch serves a body's paragraphs, whose own batch is
    then never fetched."""
    for batch in _batches.get():
        found = batch.objects(model, ids)
        if found is not None:
            return found
    return None


def objects_for_links(model, attrs_list):
    """For a link handler's `get_many`: the linked objects in order, None where missing;
    from a batch in use, or else in one query."""
    ids = [attrs.get("id") for attrs in attrs_list]
    int_ids = {int(id_) for id_ in ids if id_ and str(id_).isdigit()}
    found = batched_objects(model, int_ids)
    if found is None:
        found = fetch_objects(model, int_ids)
    return [found.get(int(id_)) if id_ and str(id_).isdigit() else None for id_ in ids]


class BatchedRichText(RichText):
    def __init__(self, source, batch):
        super().__init__(source)
        self.batch = batch

    def __html__(self):
        with self.batch.in_use():
            return super().__html__()


def rich_texts(value):
    """Every RichText inside a block value: a stream, its structs and lists, at any depth."""
    if isinstance(value, RichText):
        yield value
    elif isinstance(value, StreamValue):
        for child in value:
            yield from rich_texts(child.value)
    elif isinstance(value, ListValue):
        for item in value:
            yield from rich_texts(item)
    elif isinstance(value, Mapping):  # StructValue
        for item in value.values():
            yield from rich_texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from rich_texts(item)


def convert_together(stream_values):
    """Stream values of one StreamBlock, converted in one `bulk_to_python` call.

    Each stream alone converts its blocks lazily, each kind of block in one go, so a page
    showing twenty bodies with images makes twenty image queries; converted together, the
    images of all of them (and chosen pages, documents) cost one query, and all their
    paragraphs share one link batch. Returns new, fully converted StreamValues in order."""
    stream_values = list(stream_values)
    if not stream_values:
        return []
    stream_block = stream_values[0].stream_block
    if any(value.stream_block is not stream_block for value in stream_values):
        raise ValueError("convert_together needs values of one StreamBlock")
    return stream_block.bulk_to_python([list(value.raw_data) for value in stream_values])
