"""Step 5c: organisations the reference data does not know, proposed for review like people.

Two kinds of evidence name an organisation:

- an acronym defined after its name, "the Coordination of Azawad Movements (CMA)": the
  acronym's letters must fit the initials of the name's capitalised words, in order (small
  words such as "of" may give a letter or none) or in any order (a French acronym of an English
  name: "Coordination of Azawad Movements" is CMA, "Coordination des Mouvements de l'Azawad").
  "the capital (Bamako)" and a credit such as "(AFP)" fit no name before them and are ignored;
- a run of capitalised words whose head noun is an organisation's ("Ministry of Defence",
  "the High Council of Imams"). The head is the last capitalised word before the first small
  word ("Council" in "National Council for the Safeguard of the Homeland"), or the last word.

The head word suggests the kind (government body, armed force, armed group, international
organisation, other). Nothing is proposed from headings, from a last sentence the text cuts
off, from capitalised common words that merely open a sentence ("Security Forces said"), or
from a name the reference data knows (the gazetteer's first pass found it).
"""

import re
from collections import Counter
from dataclasses import dataclass

from facts.ingest.analysis import kinds, lang
from facts.ingest.analysis.gazetteer import Mention
from facts.ingest.analysis.sentences import Sentence
from facts.names import normalize_name, slug_of

_P = lang.process_pack()

HEADS = {head.lower(): kind for head, kind in _P.ORG_HEADS.items()}
JOINERS = frozenset(_P.ORG_JOINERS)
WITH_COMPLEMENT = frozenset(head.lower() for head in _P.ORG_HEADS_WITH_COMPLEMENT)
_AND, _THE = _P.AND, _P.DEFINITE_ARTICLE
_OF = _P.DESCRIPTION_OF
GENERIC = _P.ORG_GENERIC_WORDS
INTERNATIONAL = _P.ORG_INTERNATIONAL_WORDS
LEADING = _P.ORG_LEADING_WORDS
# Words of a person's title: "Ministry of Defence Spokesman" ends before "Spokesman".
_OFFICE_WORDS = frozenset(
    w.lower().rstrip(".") for title in (*_P.RANKS, *_P.OFFICES) for w in title.split()[:1]
)
_POSSESSIVE_END = tuple(_P.POSSESSIVE_ENDINGS)
_PLACE_JOINERS = (frozenset(_P.LOCATIVE_PREPOSITIONS) | {"on"}) & JOINERS

# A word: letters, inner apostrophes and hyphens ("d'Orsay", "Anti-Terrorism").
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?:['’]s)?")
# An acronym in brackets: two to ten letters, mostly capitals ("CMA", "FAMa", "CSP-PSA").
_ACRONYM = re.compile(r"\((?P<acronym>[A-Z][A-Za-z&-]{1,11})\)")
# A sentence names a new organisation only with an acronym in brackets or a head word: most
# sentences have neither, and are passed over without looking at their words.
_ANY_HEAD = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _P.ORG_HEADS), key=len, reverse=True)) + r")\b",
    re.I,
)
# What may end a text that was not cut off.
_COMPLETE_END = re.compile(r"[.!?…:;\"”’)\]]\s*$")

# The kinds a head word may suggest, as the analysis spells them.
KINDS = frozenset({
    kinds.GOVERNMENT_BODY, kinds.ARMED_FORCE, kinds.ARMED_GROUP,
    kinds.INTERNATIONAL_ORGANISATION, kinds.OTHER,
})  # fmt: skip


@dataclass(frozen=True)
class OrganisationMention:
    name: str
    kind: str
    acronym: str  # "" when none was defined
    start: int
    end: int
    key: str  # normalize_name(name)
    sentence: str  # the sentence it was seen in


@dataclass
class ProposedOrganisation:
    target: str  # "actor:<slug>"
    name: str
    kind: str
    acronym: str
    key: str
    seen: str  # the name as written in its sentence, for the curator


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @property
    def lower(self) -> str:
        return self.text.lower()


def _words(text: str) -> list[_Word]:
    words = []
    for match in _WORD.finditer(text):
        word = match.group(0)
        end = match.end()
        if word.endswith(_POSSESSIVE_END):
            word, end = word[:-2], end - 2
        words.append(_Word(word, match.start(), end))
    return words


def _chains(text: str) -> list[list[_Word]]:
    """Runs of capitalised words, joined by at most two small words and by spaces only; a
    possessive ("Mali's Ministry") ends a run."""
    words = _words(text)
    chains: list[list[_Word]] = []
    current: list[_Word] = []
    pending: list[_Word] = []

    def close() -> None:
        nonlocal current, pending
        if current:
            chains.append(current)
        current, pending = [], []

    for i, word in enumerate(words):
        gap = text[words[i - 1].end : word.start] if i else ""
        joined = bool(current) and gap.strip(" ") == ""
        if current and not joined:
            close()
        if len(word.text) == 1 and text[word.end : word.end + 1] == ".":
            close()  # an initial ("U.S."): no organisation's name word
            continue
        if word.capitalised:
            if current and [w.lower for w in pending] == [_AND, _THE]:
                close()  # "the African Union and the …": a new phrase starts
            elif current and any(w.lower == _AND for w in pending) and word.lower in HEADS:
                close()  # "the Army and Air Force": a new name starts after "and"
            elif current and pending:
                current += pending
                pending = []
            current.append(word)
            if text[word.end : word.end + 2] in _POSSESSIVE_END:
                close()
        elif current and word.lower in JOINERS and len(pending) < 2:
            pending.append(word)
        else:
            close()
    close()
    return chains


def _head(words: list[_Word]) -> _Word:
    """The head noun: the last capitalised word before the first small word, or the last."""
    for i, word in enumerate(words):
        if not word.capitalised:
            return words[i - 1]
    return words[-1]


def _kind(words: list[_Word], head: _Word | None) -> str:
    kind = HEADS.get(head.lower, kinds.OTHER) if head else kinds.OTHER
    if kind in {kinds.GOVERNMENT_BODY, kinds.OTHER} and any(
        w.lower in INTERNATIONAL for w in words
    ):
        return kinds.INTERNATIONAL_ORGANISATION
    return kind


def _letters_fit(acronym: str, words: list[_Word]) -> bool:
    """Whether the acronym's capitals are the initials of the capitalised words (each gives
    its initial, or the initials of its hyphenated parts), small words giving theirs or none:
    in order, or in any order (French word order)."""
    letters = "".join(c for c in acronym if c.isupper())
    if len(letters) < 2:
        return False
    required: list[list[str]] = []  # each capitalised word: the letter strings it may give
    optional: list[str] = []
    for word in words:
        if word.capitalised:
            parts = [p for p in re.split(r"[-']", word.text) if p]
            choices = [word.text[0].upper()]
            if len(parts) > 1:
                choices.append("".join(p[0].upper() for p in parts if p[0].isupper()))
            required.append(choices)
        else:
            optional.append(word.text[0].upper())

    def in_order(i: int, j: int) -> bool:
        if i == len(words):
            return j == len(letters)
        word = words[i]
        if not word.capitalised:
            return in_order(i + 1, j) or (
                j < len(letters) and letters[j] == word.text[0].upper() and in_order(i + 1, j + 1)
            )
        options = required[sum(w.capitalised for w in words[:i])]
        return any(
            letters.startswith(option, j) and in_order(i + 1, j + len(option))
            for option in dict.fromkeys(options)
        )

    if in_order(0, 0):
        return True
    initials = Counter(choices[0] for choices in required)
    extra = Counter(letters) - initials
    return not (initials - Counter(letters)) and not (extra - Counter(optional))


def _strip_leading(words: list[_Word], at_start: bool) -> list[_Word]:
    """Drop small words and sentence-opening words before a name ("The", "In")."""
    while words and (not words[0].capitalised or (at_start and words[0].lower in LEADING)):
        words = words[1:]
        at_start = False
    while words and not words[-1].capitalised:
        words = words[:-1]
    return words


def _cut_at_office(words: list[_Word]) -> list[_Word]:
    """A person's title inside the run ends the name: "Ministry of Defence Spokesman"."""
    for i, word in enumerate(words):
        if i and word.capitalised and word.lower in _OFFICE_WORDS and word.lower not in HEADS:
            words = words[:i]
            break
    while words and not words[-1].capitalised:
        words = words[:-1]
    return words


def _covered(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _is_name(words: list[_Word], sentence_start: bool, country_words: set[int]) -> bool:
    """Whether a run with an organisation's head is a name rather than common words."""
    capitalised = [w for w in words if w.capitalised]
    if len(capitalised) < 2:
        return False
    # Some capitalised word other than a head, a generic word or a country's name.
    if not any(
        w.lower not in HEADS and w.lower not in GENERIC and w.start not in country_words
        for w in capitalised
    ):
        return False
    if sentence_start:
        # The first word is capitalised because it opens the sentence: the name must stand
        # without it, or be built as "<Head> of <Name>" ("Ministry of Defence").
        rest = capitalised[1:]
        built = words[0].lower in HEADS and not words[1].capitalised
        return built or len(rest) >= 2
    return True


def _named_part(words: list[_Word], at_start: bool, country_words: set[int]) -> list[_Word] | None:
    """The part of a run that names an organisation by its head word: the run itself or,
    failing that, what follows a determiner inside it ("Imams of the High Council of
    Imams"). A place after the name ("… for Strategic Action in Kidal") is left out: "in" and
    "on" belong to a name only just after its head ("Mission in Mali")."""
    for i, word in enumerate(words):
        # A later start only after a determiner: "Imams of the High Council of Imams", but
        # not "Rally of Patriotic Forces", whose end names no body of its own.
        if i and (not word.capitalised or words[i - 1].lower != _THE):
            continue
        part = words[i:]
        head = _head(part)
        if head.lower not in HEADS:
            continue
        position = part.index(head)
        if head.lower in WITH_COMPLEMENT and part[position + 1 : position + 2] == []:
            continue  # "the Barsalogho Department": a place
        if head.lower in WITH_COMPLEMENT and part[position + 1].lower != _OF:
            continue
        for j, inner in enumerate(part):
            if not j or inner.lower not in _PLACE_JOINERS:
                continue
            # "Mission in Mali" is a name; "… Action in Kidal", "Council on Monday" are not.
            nxt = part[j + 1] if j + 1 < len(part) else None
            if part[j - 1] is not head or nxt is None or nxt.start not in country_words:
                part = part[:j]
                break
        if _is_name(part, at_start and i == 0, country_words):
            return part
    return None


def find_organisations(
    text: str,
    sentences: list[Sentence],
    first_pass: list[Mention],
    person_spans: list[tuple[int, int]],
) -> list[OrganisationMention]:
    """New organisations named in `text`. `first_pass` are the gazetteer's mentions (names
    it knows are not proposed again); `person_spans` are the names and titles of people."""
    known = [(m.start, m.end) for m in first_pass if m.target_type in {"actor", "blocked"}]
    countries = [(m.start, m.end) for m in first_pass if m.target_type == "country"]
    found: list[OrganisationMention] = []
    truncated = not _COMPLETE_END.search(text)
    for index, sentence in enumerate(sentences):
        if sentence.is_heading or (truncated and index == len(sentences) - 1):
            continue
        found += _in_sentence(sentence, known, countries, person_spans)
    unique: dict[tuple[int, int], OrganisationMention] = {}
    for org in found:
        unique.setdefault((org.start, org.end), org)
    return sorted(unique.values(), key=lambda o: o.start)


def _in_sentence(
    sentence: Sentence,
    known: list[tuple[int, int]],
    countries: list[tuple[int, int]],
    person_spans: list[tuple[int, int]],
) -> list[OrganisationMention]:
    text = sentence.text
    if not (_ACRONYM.search(text) or _ANY_HEAD.search(text)):
        return []
    base = sentence.start
    opening = len(text) - len(text.lstrip(" \t\n\"“‘'(["))
    here = [(s, e) for s, e in countries if s < base + len(text) and base < e]
    country_words = {
        w.start
        for w in (_words(text) if here else ())
        if any(s <= base + w.start and base + w.end <= e for s, e in here)
    }
    acronyms = {m.start(): m.group("acronym") for m in _ACRONYM.finditer(text)}
    found = []
    for chain in _chains(text):
        at_start = chain[0].start <= opening
        words = _strip_leading(chain, at_start)
        at_start = at_start and words[:1] == chain[:1]
        words = _cut_at_office(words)
        if not words:
            continue
        acronym = ""
        after = text[words[-1].end :]
        bracket = len(after) - len(after.lstrip(" "))
        candidate = acronyms.get(words[-1].end + bracket)
        if candidate and words == _cut_at_office(chain[chain.index(words[0]) :]):
            # The longest end of the run whose initials fit: "the Coordination of … (CMA)".
            for i, word in enumerate(words):
                if word.capitalised and _letters_fit(candidate, words[i:]):
                    words, acronym = words[i:], candidate
                    at_start = at_start and i == 0
                    break
        if not acronym:
            named = _named_part(words, at_start, country_words)
            if named is None:
                continue
            words = named
        head = _head(words)
        if acronym and all(w.start in country_words for w in words if w.capitalised):
            continue  # "United States (US)": a country
        start, end = base + words[0].start, base + words[-1].end
        if _covered(start, end, known) or _covered(start, end, person_spans):
            continue
        name = text[words[0].start : words[-1].end]
        kind = _kind(words, head if head.lower in HEADS else None)
        found.append(
            OrganisationMention(name, kind, acronym, start, end, normalize_name(name), text)
        )
    return found


def propose_organisations(
    found: list[OrganisationMention], known_targets: set[str]
) -> list[ProposedOrganisation]:
    """One proposal per organisation however often it is named; an acronym defined at any
    mention is kept. `known_targets` are actors already known (and the article's people)."""
    proposed: dict[str, ProposedOrganisation] = {}
    for org in found:
        target = f"actor:{slug_of(org.name)[:100] or 'organisation'}"
        if target in known_targets:
            continue
        current = proposed.get(org.key)
        if current is None:
            seen = f"{org.name} ({org.acronym})" if org.acronym else org.name
            proposed[org.key] = ProposedOrganisation(
                target, org.name, org.kind, org.acronym, org.key, seen
            )
        elif org.acronym and not current.acronym:
            current.acronym = org.acronym
            current.seen = f"{org.name} ({org.acronym})"
    # An acronym defined for two names points at neither.
    by_acronym = Counter(p.acronym for p in proposed.values() if p.acronym)
    for proposal in proposed.values():
        if by_acronym[proposal.acronym] > 1:
            proposal.acronym = ""
    return list(proposed.values())
