"""From what a visitor typed to a query for Wagtail's search backend.

Quoted text ("mental health in schools") is a phrase; other words must all match, each
in any of its forms (singular or plural) or, for an abbreviation in `synonyms.py`, any of
its expansions. Everything that is not a letter or digit is dropped, so no input reaches
a full-text engine's own syntax (FTS5's or PostgreSQL's operators, quotes, NUL).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from wagtail.search.query import And, Or, Phrase, PlainText

from sitesearch.synonyms import SYNONYMS

MAX_QUERY_LENGTH = 200
# Bounds the SQL a query compiles to, whatever is pasted in.
MAX_TERMS = 10
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
QUOTES = re.compile(r"[\"“”„]")
WORD = re.compile(r"\w+", re.UNICODE)
# A token keeps inner &, ' and - ("A&E", "e-referral") so abbreviations can be looked up.
TOKEN = re.compile(r"\w+(?:[&'’\-]\w+)*", re.UNICODE)
# Dropped from plain words (not from phrases): PostgreSQL's English configuration ignores
# them while SQLite FTS5 would match them everywhere, so the databases would disagree.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "i",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "not",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "will",
        "with",
    ]
)


def clean_search_query(raw):
    """The query as typed, made safe to show and to log: at most 200 characters, no
    control characters, single spaces."""
    text = unicodedata.normalize("NFC", (raw or "")[:MAX_QUERY_LENGTH])
    return " ".join(CONTROL.sub(" ", text).split())


def word_forms(word):
    """The word with its plural or singular, for SQLite FTS5, which does not stem
    (PostgreSQL's English configuration does; there the forms are redundant)."""
    forms = [word]
    if len(word) > 3 and word.endswith("ies"):
        forms.append(word[:-3] + "y")
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
    elif len(word) > 2 and word.isalpha():
        forms.append(word[:-1] + "ies" if word.endswith("y") else word + "s")
    return forms


@dataclass
class Term:
    """One thing that must match: a word (in its forms) or a phrase, or an alternative."""

    text: str  # as shown and as the highlighter looks for it
    alternatives: list = field(default_factory=list)  # lower-case words or phrases
    phrase: bool = False


@dataclass
class ParsedQuery:
    text: str  # the cleaned query, as shown back to the visitor
    terms: list = field(default_factory=list)
    any_term: bool = False  # pages with any of the terms, not all of them

    def loosened(self):
        """The same terms, any of which may match (for when all of them find nothing)."""
        return ParsedQuery(text=self.text, terms=self.terms, any_term=True)

    def __bool__(self):
        return bool(self.terms)

    def highlight_words(self):
        """Lower-case words whose occurrences the snippet highlights."""
        words = set()
        for term in self.terms:
            for alternative in term.alternatives:
                words.update(WORD.findall(alternative))
        return {word for word in words if word not in STOPWORDS}

    def search_query(self):
        """The query as Wagtail's query classes (And, Or, Phrase, PlainText)."""
        parts = []
        for term in self.terms:
            options = [
                Phrase(alternative) if " " in alternative else PlainText(alternative)
                for alternative in term.alternatives
            ]
            parts.append(options[0] if len(options) == 1 else Or(options))
        if len(parts) == 1:
            return parts[0]
        return Or(parts) if self.any_term else And(parts)


def _words(text):
    return [word.lower() for word in WORD.findall(text)]


def _expansions(key):
    return [" ".join(_words(alternative)) for alternative in SYNONYMS.get(key, [])]


def parse(raw):
    """A ParsedQuery from raw input; empty (falsy) when nothing searchable is left."""
    text = clean_search_query(raw)
    terms = []
    pieces = QUOTES.split(text)
    for index, piece in enumerate(pieces):
        # Odd pieces sit between quotes; an unclosed quote's tail counts as plain words.
        quoted = index % 2 == 1 and index < len(pieces) - 1
        if quoted:
            words = _words(piece)
            if len(words) > 1:
                phrase = " ".join(words)
                terms.append(Term(piece.strip(), [phrase, *_expansions(phrase)], phrase=True))
                continue
            piece = " ".join(words)
        for token in TOKEN.findall(piece):
            key = token.lower().replace("’", "'")
            expansions = _expansions(key)
            words = [word for word in _words(key) if word not in STOPWORDS]
            if key.endswith(("'s",)):
                words = [word for word in _words(key[:-2]) if word not in STOPWORDS]
            if expansions:
                own = " ".join(_words(key))
                terms.append(Term(token, [own, *expansions]))
            else:
                terms.extend(Term(word, word_forms(word)) for word in words)
    # The same word twice adds nothing; more than MAX_TERMS is cut.
    unique, seen = [], set()
    for term in terms:
        if term.alternatives[0] not in seen:
            seen.add(term.alternatives[0])
            unique.append(term)
    return ParsedQuery(text=text, terms=unique[:MAX_TERMS])
