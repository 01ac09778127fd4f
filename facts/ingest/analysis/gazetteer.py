"""Step 5a: find known countries and actors in text, on word boundaries, whatever the spelling.

Names are compared by their normalised tokens (facts.names.normalize_name), so "Goïta" and
"Goita", "N'Daw" and "Ndaw", "al-Qaeda" and "al Qaeda" meet. Matching is token by token, so
"Niger" never matches inside "Nigeria" and "Nigerien" never matches "Nigerian". Capitalised
name words must be capitalised in the text too ("turkey" is a bird), and acronyms must match
letter for letter ("US" is the United States, "us" is not). The longest name wins: "Malian
Armed Forces" is the army, not a demonym.
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from facts.ingest.analysis import lang
from facts.names import normalize_name

# A word, keeping inner apostrophes and dots ("N'Daw", "U.S"), and a final dot only after an
# inner one ("U.S." but not the full stop of "Mali.").
# An elided article or preposition ("l'ONU", "d'Assimi Goïta", "qu'au Mali") is a word of its
# own, so the name after it is found; upper-case "N'" stays, being part of names ("N'Daw").
_ELISION = r"(?<![^\W_])(?:[lLdDjJmMsStTcC]|n|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)['’](?=[^\W\d_])"
_TOKEN = re.compile(_ELISION + r"|[^\W_]+(?:['’.][^\W_]+)*(?:(?<=\.[^\W_])\.|(?<=\.[^\W_]{2})\.)?")
_POSSESSIVE = ("'s", "'S", "’s", "’S")  # a final 's, as str.endswith reads it

_P = lang.process_pack()
# A country's name that names a geographic feature ("Gulf of Guinea", "Niger River"). The
# words are those of the text's own line: a feature's name does not cross a line or a stop.
_FEATURE_BEFORE = re.compile(
    r"\b(?:" + "|".join(map(re.escape, _P.FEATURE_BEFORE)) + r")[ \t]+$", re.I
)
_FEATURE_AFTER = re.compile(
    r"[ \t]+(?:" + "|".join(map(re.escape, _P.FEATURE_AFTER)) + r")\b", re.I
)
_COUNTRY_KINDS = frozenset({"country-name", "demonym", "capital"})

# Whose mention wins when one name has several meanings (lower is stronger).
PRIORITY = {"actor-name": 0, "actor-alias": 1, "country-name": 2, "demonym": 3, "capital": 4}
_INNER_SCAN_MIN_TOKENS = 4


@dataclass(frozen=True)
class Entry:
    """One name the gazetteer knows: what it points at and how it must be written."""

    surface: str
    target: str  # "country:MLI" or "actor:jnim"
    kind: str  # a PRIORITY key
    case_sensitive: bool = False


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    target: str
    kind: str

    @property
    def target_type(self) -> str:
        return self.target.split(":", 1)[0]

    @property
    def target_key(self) -> str:
        return self.target.split(":", 1)[1]


class Token(NamedTuple):
    # A tuple, not a dataclass: a long article has thousands and they are built twice as fast.
    start: int
    end: int
    key: str
    capitalised: bool
    letters: str


def _is_acronym(surface: str) -> bool:
    letters = re.sub(r"[^\w]", "", surface)
    return 1 < len(letters) <= 6 and letters.isupper() and " " not in surface.strip()


@lru_cache(maxsize=200_000)
def _word_key(word: str) -> tuple[str, str]:
    """(comparison key, letters) of one word; words repeat, so this is cached."""
    return normalize_name(word).replace(" ", ""), re.sub(r"\W", "", word)


@lru_cache(maxsize=200_000)
def _word(word: str) -> tuple[int, str, bool, str] | None:
    """(characters dropped at the end, key, capitalised, letters) of a word as matched, or
    None for a word with no key: all a token needs, cached like the key."""
    cut = 2 if len(word) > 3 and word.endswith(_POSSESSIVE) else 0
    if cut:
        word = word[:-cut]
    key, letters = _word_key(word)
    return (cut, key, word[:1].isupper(), letters) if key else None


def tokenize(text: str) -> list[Token]:
    tokens = []
    for match in _TOKEN.finditer(text):
        found = _word(match.group(0))
        if found is not None:
            cut, key, capitalised, letters = found
            tokens.append(Token(match.start(), match.end() - cut, key, capitalised, letters))
    return tokens


@dataclass
class _Pattern:
    entry: Entry
    capitals: tuple[bool, ...]
    letters: str
    exact: bool = False  # compared letter for letter (case-sensitive names and acronyms)


@dataclass
class Gazetteer:
    """A name index. Build it once per import run; `find` is pure and fast."""

    entries: list[Entry]
    _index: dict[tuple[str, ...], list[_Pattern]] = field(init=False, repr=False)
    _lengths: dict[str, tuple[int, ...]] = field(init=False, repr=False)
    _longest: int = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = {}
        self._lengths = {}
        self._longest = 0
        self._add(self.entries)

    def _add(self, entries: list[Entry]) -> None:
        touched = set()
        for entry in entries:
            words = tokenize(entry.surface)
            if not words:
                continue
            key = tuple(t.key for t in words)
            pattern = _Pattern(
                entry=entry,
                capitals=tuple(t.capitalised for t in words),
                letters="".join(t.letters for t in words),
                exact=entry.case_sensitive or _is_acronym(entry.surface),
            )
            self._index[key] = [*self._index.get(key, []), pattern]
            touched.add(key)
            self._longest = max(self._longest, len(key))
            # Which name lengths can start with this word: most words start no name at all.
            lengths = self._lengths.get(key[0], ())
            if len(key) not in lengths:
                self._lengths[key[0]] = tuple(sorted({*lengths, len(key)}, reverse=True))
        for key in touched:
            self._index[key].sort(key=lambda p: PRIORITY.get(p.entry.kind, 9))

    def extended(self, extra: list[Entry]) -> "Gazetteer":
        """A copy that also knows `extra`; the original is unchanged (lists are not shared
        for the keys that change, so copying is cheap)."""
        if not extra:
            return self
        copy = object.__new__(Gazetteer)
        copy.entries = [*self.entries, *extra]
        copy._index = dict(self._index)
        copy._lengths = dict(self._lengths)
        copy._longest = self._longest
        copy._add(extra)
        return copy

    def _accept(self, pattern: _Pattern, tokens: list[Token]) -> bool:
        if pattern.exact:
            return "".join(t.letters for t in tokens) == pattern.letters
        return all(
            t.capitalised or not cap for t, cap in zip(tokens, pattern.capitals, strict=True)
        )

    def _match_at(self, tokens: list[Token], i: int, limit: int) -> tuple[int, Entry] | None:
        for length in self._lengths.get(tokens[i].key, ()):
            if i + length > limit:
                continue
            window = tokens[i : i + length]
            patterns = self._index.get(tuple(t.key for t in window))
            if not patterns:
                continue
            for pattern in patterns:
                if self._accept(pattern, window):
                    return length, pattern.entry
        return None

    def find(self, text: str, tokens: list[Token] | None = None) -> list[Mention]:
        """Mentions in `text`; `tokens` are `tokenize(text)`, when the caller has them."""
        if tokens is None:
            tokens = tokenize(text)
        mentions: list[Mention] = []
        starts = self._lengths  # most words start no name: skip them without a call
        i = 0
        while i < len(tokens):
            if tokens[i].key not in starts:
                i += 1
                continue
            found = self._match_at(tokens, i, len(tokens))
            if not found:
                i += 1
                continue
            length, entry = found
            start, end = tokens[i].start, tokens[i + length - 1].end
            if entry.surface.endswith(")") and text[end : end + 1] == ")":
                end += 1
            if entry.kind == "country-name" and _names_a_feature(text, start, end):
                i += length
                continue
            if entry.target.startswith("actor:") and _FACILITY_AFTER.match(text, end, end + 30):
                # "Modibo Keïta International Airport": a place named after someone
                i += length
                continue
            mentions.append(Mention(start, end, text[start:end], entry.target, entry.kind))
            # A country's long name is one name: "Democratic Republic of the Congo" does not
            # also name the Republic of the Congo.
            if length >= _INNER_SCAN_MIN_TOKENS and entry.kind not in _COUNTRY_KINDS:
                mentions.extend(self._inner(text, tokens[i + 1 : i + length], entry.target))
            i += length
        return mentions

    def _inner(self, text: str, tokens: list[Token], outer: str) -> list[Mention]:
        """Names inside a long name ("Wagner Group (now rebranded as Africa Corps)")."""
        inner = []
        j = 0
        while j < len(tokens):
            found = self._match_at(tokens, j, len(tokens))
            if found and found[1].target != outer:
                length, entry = found
                start, end = tokens[j].start, tokens[j + length - 1].end
                inner.append(Mention(start, end, text[start:end], entry.target, entry.kind))
                j += length
            else:
                j += 1
        return inner


_FACILITY_AFTER = re.compile(
    rf"[ \t]+(?:International[ \t]+)?(?:{'|'.join(map(re.escape, _P.FACILITY_AFTER))})\b"
)


def _names_a_feature(text: str, start: int, end: int) -> bool:
    """Whether the country name at start–end is part of a geographic feature's name."""
    return bool(
        _FEATURE_BEFORE.search(text, max(0, start - 20), start)
        or _FEATURE_AFTER.match(text, end, end + 20)
    )


def country_entries(
    alpha3: str, names: list[str], demonyms: list[str], capital: str
) -> list[Entry]:
    target = f"country:{alpha3}"
    entries = [Entry(name, target, "country-name") for name in names if name]
    entries += [Entry(demonym, target, "demonym") for demonym in demonyms if demonym]
    # "six Russians", "Malians": the people of a country name it too.
    entries += [
        Entry(demonym + _P.PLURAL_DEMONYM[1], target, "demonym")
        for demonym in demonyms
        if demonym and demonym.endswith(_P.PLURAL_DEMONYM[0])
    ]
    if capital:
        entries.append(Entry(capital, target, "capital"))
    return entries


def actor_entries(slug: str, name: str, aliases: list[tuple[str, bool]]) -> list[Entry]:
    target = f"actor:{slug}"
    entries = [Entry(name, target, "actor-name")]
    entries += [
        Entry(alias, target, "actor-alias", case_sensitive=sensitive)
        for alias, sensitive in aliases
    ]
    return entries
