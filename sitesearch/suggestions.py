""" "Did you mean …?": the closest words of the site's own vocabulary.

The vocabulary is every word of the live pages' titles, of the tag names and of the
programmes' names and summaries, read in one query when a search finds few results. Each query
word that is not in it is replaced by its closest word (difflib's ratio, at least 0.75);
abbreviations in the synonyms list are left alone.
"""

import difflib

from django.apps import apps
from taggit.models import Tag
from wagtail.models import Page

from sitesearch.query import STOPWORDS, WORD, clean_search_query
from sitesearch.synonyms import SYNONYMS

CUTOFF = 0.75
MIN_LENGTH = 4  # shorter words have too many neighbours to guess from


def vocabulary():
    """Lower-case words of live page titles, tag names and programme summaries (one
    query)."""
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


def suggest(text, words=None):
    """A corrected query, or None when every word is known or nothing close is found."""
    text = clean_search_query(text)
    if not text:
        return None
    words = vocabulary() if words is None else words
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
