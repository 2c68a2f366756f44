""" "Did you mean …?": the closest words of the site's own vocabulary.

The vocabulary is every word of the live pages' titles, of the tag names and of the
programmes' names and summaries. It is kept in the SearchWord table, rebuilt when a page is
published, unpublished or deleted and when a tag is saved or deleted (`connect()`, once a
transaction, when it commits), so a
search that finds few results reads only the words of about its own words' lengths (one
query) instead of every page's title. Each query word that is not in it is replaced by its
closest word (difflib's ratio, at least 0.75); abbreviations in the synonyms list are left
alone.
"""

import difflib

from django.apps import apps
from django.db import connection, transaction
from django.db.models.functions import Length
from django.db.models.signals import post_delete, post_save
from taggit.models import Tag
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from sitesearch.query import STOPWORDS, WORD, clean_search_query
from sitesearch.synonyms import SYNONYMS

CUTOFF = 0.75
MIN_LENGTH = 4  # shorter words have too many neighbours to guess from


def content_vocabulary():
    """Lower-case words of live page titles, tag names and programme summaries (one
    query over every page)."""
    ProgrammePage = apps.get_model("programmes", "ProgrammePage")
    rows = (
        Page.objects.live()
        .filter(depth__gt=1)
        .order_by()
        .values_list("title", flat=True)
        .union(
            Tag.objects.order_by().values_list("name", flat=True),
            ProgrammePage.objects.live().order_by().values_list("summary", flat=True),
            all=True,
        )
    )
    words = set()
    for text in rows:
        words.update(word.lower() for word in WORD.findall(text or ""))
    return {word for word in words if len(word) >= MIN_LENGTH - 1 and not word.isdigit()}


def rebuild():
    """The SearchWord table made equal to the content's vocabulary (only the difference
    is written)."""
    from sitesearch.models import SearchWord

    words = content_vocabulary()
    kept = set(SearchWord.objects.values_list("word", flat=True))
    SearchWord.objects.filter(word__in=kept - words).delete()
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in sorted(words - kept)], ignore_conflicts=True
    )


def vocabulary(text=None):
    """The stored vocabulary; with `text`, only the words whose length is within two of
    one of its words' (the only ones that can be close enough)."""
    from sitesearch.models import SearchWord

    words = SearchWord.objects.all()
    if text is not None:
        lengths = {len(word) for word in WORD.findall(text)}
        if not lengths:
            return set()
        words = words.annotate(length=Length("word")).filter(
            length__gte=min(lengths) - 2, length__lte=max(lengths) + 2
        )
    return set(words.values_list("word", flat=True))


def _rebuild_if_changed():
    # Callbacks run in order after the commit: the first rebuilds for all the changes.
    if getattr(connection, "sitesearch_vocabulary_built", None) != connection.sitesearch_changes:
        connection.sitesearch_vocabulary_built = connection.sitesearch_changes
        rebuild()


def _changed(sender, **kwargs):
    """Rebuild when the transaction commits, once however many pages or tags it changed
    (a section deleted sends one signal per page; a bulk publish, one per page). A rolled
    back transaction drops its callbacks and leaves the table as it was."""
    if kwargs.get("raw"):
        return
    connection.sitesearch_changes = getattr(connection, "sitesearch_changes", 0) + 1
    transaction.on_commit(_rebuild_if_changed)


def _words_of(*texts):
    words = set()
    for text in texts:
        words.update(word.lower() for word in WORD.findall(text or ""))
    return {word for word in words if len(word) >= MIN_LENGTH - 1 and not word.isdigit()}


def _add_page_words(page):
    """A live page's title words (and a programme's summary's) at once, in the same
    transaction: the rebuild at commit only has removals left to make."""
    from sitesearch.models import SearchWord

    if not page.live or page.depth is None or page.depth < 2:
        return
    programme_page = apps.get_model("programmes", "ProgrammePage")
    summary = page.summary if isinstance(page, programme_page) else ""
    words = _words_of(page.title, summary)
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in sorted(words)], ignore_conflicts=True
    )


def _page_created(sender, instance, created=False, raw=False, **kwargs):
    """A page made live without a publish (imports, the demo content, tests)."""
    if created and not raw:
        _add_page_words(instance)


def _tag_saved(sender, instance, raw=False, **kwargs):
    from sitesearch.models import SearchWord

    if raw:
        return
    SearchWord.objects.bulk_create(
        [SearchWord(word=word) for word in sorted(_words_of(instance.name))], ignore_conflicts=True
    )
    _changed(sender, **kwargs)  # a renamed tag's old words go at commit


def _page_published(sender, instance, **kwargs):
    _add_page_words(instance)
    _changed(sender, **kwargs)


def connect():
    uid = "sitesearch.suggestions"
    page_published.connect(_page_published, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(_changed, dispatch_uid=f"{uid}.unpublished")
    post_delete.connect(_changed, sender=Page, dispatch_uid=f"{uid}.deleted")
    post_save.connect(_tag_saved, sender=Tag, dispatch_uid=f"{uid}.tag_saved")
    post_delete.connect(_changed, sender=Tag, dispatch_uid=f"{uid}.tag_deleted")
    for model in apps.get_models():
        if issubclass(model, Page):
            post_save.connect(
                _page_created, sender=model, dispatch_uid=f"{uid}.created.{model._meta.label}"
            )


def suggest(text, words=None):
    """A corrected query, or None when every word is known or nothing close is found."""
    text = clean_search_query(text)
    if not text:
        return None
    words = vocabulary(text) if words is None else words
    by_length = {}
    changed = False
    out = []
    for token in text.split():
        parts = WORD.findall(token)
        lower = token.lower()
        if (
            len(parts) != 1
            or lower in SYNONYMS
            or lower in STOPWORDS
            or len(parts[0]) < MIN_LENGTH
            or parts[0].lower() in words
            or parts[0].isdigit()
        ):
            out.append(token)
            continue
        word = parts[0].lower()
        # Only words of about the same length can reach the cutoff: a smaller list to
        # compare, which keeps this fast on a large vocabulary.
        key = len(word)
        if key not in by_length:
            by_length[key] = [w for w in words if abs(len(w) - key) <= 2]
        close = difflib.get_close_matches(word, by_length[key], n=1, cutoff=CUTOFF)
        if close:
            changed = True
            out.append(token.replace(parts[0], close[0]))
        else:
            out.append(token)
    return " ".join(out) if changed else None
