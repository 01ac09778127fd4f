"""How a claim is anchored in its article's text (W3C Web Annotation selectors).

A quote is stored with its position (TextPositionSelector: start, end) and the text around it
(TextQuoteSelector: prefix, suffix), so anyone can check it against the article and a changed
text can be detected. Both the importer and curators' services anchor claims, so the rules live
here, below both. Plain functions: no database, no Django.
"""

import hashlib
import re

from facts.names import normalize_name

SELECTOR_CONTEXT = 32  # characters of prefix and suffix kept with each quote

# Sentence openers that join a quote to the text before it; a standalone statement drops them.
_DISCOURSE = re.compile(
    r"^(?:However|Moreover|Meanwhile|Concurrently|Instead|For instance|For example|In fact|"
    r"Most recently|Recently|Notably|Still|Yet|Additionally|Furthermore|Similarly),\s+",
    re.I,
)


def quote_selectors(text: str, start: int, end: int) -> tuple[str, str]:
    """The prefix and suffix of the quote at `start`–`end` in `text`."""
    return text[max(0, start - SELECTOR_CONTEXT) : start], text[end : end + SELECTOR_CONTEXT]


def fingerprint_key(quote: str) -> str:
    """What a fingerprint reads of a quote: its words, without case, accents or punctuation.
    Sentences with the same key are occurrences of one sentence ("> The junta left." in a
    pull-quote and "The junta left." in the body), counted apart so their keys differ."""
    return normalize_name(quote)


def fingerprint(quote: str, occurrence: int, part: int = 1) -> str:
    """A claim's key within its article: the same words (whatever their spelling of names,
    case or accents) at the same occurrence give the same key on every import. Occurrences
    are counted by `fingerprint_key`, so two claims of one article never share a key. A
    sentence that reports several events has a claim per event: `part` numbers them, the
    first keeping the sentence's own key."""
    key = f"{fingerprint_key(quote)}#{occurrence}" + (f"/{part}" if part > 1 else "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def statement_of(quote: str) -> str:
    """The first wording of a claim: its quote on one line, without a leading connective."""
    statement = _DISCOURSE.sub("", " ".join(quote.split()))
    return statement[:1].upper() + statement[1:]


def anchored_at(text: str, *, quote: str, start: int, end: int, prefix: str, suffix: str) -> bool:
    """Whether the quote is exactly where both its selectors say."""
    return (
        text[start:end] == quote and text[:start].endswith(prefix) and text[end:].startswith(suffix)
    )


def only_place_of(text: str, quote: str) -> int | None:
    """Where `quote` starts in `text` when it occurs exactly once; else None (absent, or
    ambiguous: a quote is never re-attached by guess)."""
    first = text.find(quote)
    if first < 0 or text.find(quote, first + 1) >= 0:
        return None
    return first
