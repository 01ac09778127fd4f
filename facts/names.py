"""Name normalisation: one key for the spellings news prose uses for the same name.

"N'Daw", "Ndaw" and "N’DAW" share a key, as do "Goïta" and "Goita", so an alias table keyed
on it names each actor once whatever the spelling.
"""

import re
import sys
import unicodedata

_APOSTROPHES = "'’‘ʼ`´"
# Apostrophes and dots go ("N'Daw", "U.S."); dashes, slashes, underscores and other marks
# part words ("Jama'at Nusrat al-Islam"); one table and one pattern for every name read.
_DELETED = {ord(ch): None for ch in _APOSTROPHES + ".\u00b7"}
_PARTING = re.compile(r"[^\w\s&]+|_+")
_SPACES = re.compile(r"\s+")


# Every combining mark (what `unicodedata.combining` is true of), to delete with one
# str.translate: the importer strips the accents of every sentence it reads.
_COMBINING = {c: None for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))}


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed if decomposed.isascii() else decomposed.translate(_COMBINING)


def normalize_name(name: str) -> str:
    """Return the comparison key of a name: no accents, case, apostrophes, dots or dashes."""
    text = strip_accents(name).casefold().translate(_DELETED)
    return " ".join(_PARTING.sub(" ", text).split())


def joined_keys(names) -> str:
    """The keys of several names as one text, "|key|key|": a lookup by any spelling is then
    one `contains "|key|"` test on a column."""
    keys = dict.fromkeys(key for key in map(normalize_name, names) if key)
    return "|" + "|".join(keys) + "|" if keys else ""


_SLUG_DROPPED = re.compile(r"[^\w\s-]")
_SLUG_JOINERS = re.compile(r"[-\s]+")


def slug_of(text: str) -> str:
    """A URL slug for a name: ASCII letters and digits in lower case, joined by hyphens
    ("Assimi Goïta" -> "assimi-goita"). The same slugs as Django's `slugify`, without Django,
    so the importer's pure steps can make the keys the writer will store."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = _SLUG_DROPPED.sub("", ascii_text.lower())
    return _SLUG_JOINERS.sub("-", words).strip("-_")
