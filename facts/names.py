"""Name normalisation: one key for the spellings news prose uses for the same name.

"N'Daw", "Ndaw" and "N’DAW" share a key, as do "Goïta" and "Goita", so an alias table keyed
on it names each actor once whatever the spelling.
"""

import re
import sys
import unicodedata

_APOSTROPHES = "'’‘ʼ`´"
_JOINERS = re.compile(r"[-‐‑‒–—_/]+")
_DROPPED = re.compile(r"[.\u00b7]")
_NON_WORD = re.compile(r"[^\w\s&]+")
_SPACES = re.compile(r"\s+")


# Every combining mark (what `unicodedata.combining` is true of), to delete with one
# str.translate: the importer strips the accents of every sentence it reads.
_COMBINING = {c: None for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))}


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed if decomposed.isascii() else decomposed.translate(_COMBINING)


def normalize_name(name: str) -> str:
    """Return the comparison key of a name: no accents, case, apostrophes, dots or dashes."""
    text = strip_accents(name).casefold()
    text = text.translate({ord(ch): None for ch in _APOSTROPHES})
    text = _DROPPED.sub("", text)
    text = _JOINERS.sub(" ", text)
    text = _NON_WORD.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


_SLUG_DROPPED = re.compile(r"[^\w\s-]")
_SLUG_JOINERS = re.compile(r"[-\s]+")


def slug_of(text: str) -> str:
    """A URL slug for a name: ASCII letters and digits in lower case, joined by hyphens
    ("Assimi Goïta" -> "assimi-goita"). The same slugs as Django's `slugify`, without Django,
    so the importer's pure steps can make the keys the writer will store."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _SLUG_DROPPED.sub("", ascii_text.lower())
    return _SLUG_JOINERS.sub("-", words).strip("-_")
