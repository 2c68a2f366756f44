"""Snippets with the visitor's words marked, built escaped piece by piece, so neither the
page's text nor the query can add markup."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

SPLIT = re.compile(r"(\w+)", re.UNICODE)
SNIPPET_WORDS = 40


def _stem(word):
    return word[:-1] if len(word) > 4 and word.endswith("s") else word


def _is_match(word, wanted, wanted_stems):
    """Whether `word` is one of `wanted` or shares a stem with one of `wanted_stems` (the
    stems of the wanted words of five letters or more)."""
    lower = word.lower()
    if lower in wanted:
        return True
    stem = _stem(lower)
    return len(stem) >= 5 and any(
        stem.startswith(other) or other.startswith(stem) for other in wanted_stems
    )


def highlight(text, wanted, words=SNIPPET_WORDS):
    """`text` cut to about `words` words around the first match, escaped, with the
    `wanted` words (lower case) in <mark>."""
    wanted_stems = [_stem(w) for w in wanted if len(w) >= 5]
    pieces = SPLIT.split(text or "")
    # pieces alternate: separator, word, separator, word, ...
    word_positions = list(range(1, len(pieces), 2))
    if not word_positions:
        return ""
    first = next((i for i in word_positions if _is_match(pieces[i], wanted, wanted_stems)), None)
    start_word = 0
    if first is not None:
        index = word_positions.index(first)
        start_word = max(0, index - words // 4)
    chosen = word_positions[start_word : start_word + words]
    begin, end = chosen[0], chosen[-1]
    out = ["… " if start_word > 0 else ""]
    for i in range(begin, end + 1):
        piece = pieces[i]
        if i % 2 == 1 and _is_match(piece, wanted, wanted_stems):
            out.append(f"<mark>{escape(piece)}</mark>")
        else:
            out.append(escape(piece))
    if start_word + words < len(word_positions):
        out.append(" …")
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
