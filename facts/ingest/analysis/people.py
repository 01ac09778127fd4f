"""Step 5b: people named with a title, and people referred to by surname alone.

"Foreign Minister Abdoulaye Diop", "Lieutenant General John Brennan", "U.S. Ambassador to
Mali, Rachna Korhonen" and "Rudy Atallah, counterterrorism adviser to …" name a person and
their title. Known people are linked; unknown ones are proposed as new actors for review, once
per name however often and however spelt ("Goïta"/"Goita"). Later in the same article
"Atallah said" refers to the Rudy Atallah named before.
"""

import re
from dataclasses import dataclass

from facts.ingest.analysis import lang
from facts.ingest.analysis.gazetteer import Entry, Gazetteer, Mention
from facts.names import normalize_name

_P = lang.process_pack()

RANKS = list(_P.RANKS)
OFFICES = list(_P.OFFICES)
# Words that belong to a title, never to a name ("Secretary of State for African Affairs").
TITLE_WORDS = set(_P.TITLE_WORDS) | {
    w.lower().rstrip(".") for title in RANKS + OFFICES for w in title.split()
}
PARTICLES = _P.NAME_PARTICLES

_NAME_WORD = r"[A-Z][a-zà-ÿ]*(?:['’][A-Z]?[a-zà-ÿ]+)*(?:-[A-Z][a-zà-ÿ]+)?"
# A name is written on one line: words on the next line are another line's start.
_NAME = (
    rf"{_NAME_WORD}(?:[ \t]+(?:[A-Z]\.[ \t]*){{0,3}}(?:(?:{'|'.join(PARTICLES)})(?:[ \t]+|-))?"
    rf"{_NAME_WORD}){{1,3}}"
)
_HEAD = "|".join(re.escape(t) for t in sorted(RANKS + OFFICES, key=len, reverse=True))
# A title: optional qualifiers, a head word, an optional "of/for/to …" complement, then a name.
_QUALIFIER = "|".join(_P.TITLE_QUALIFIERS)
_COMPLEMENT = "|".join(_P.TITLE_COMPLEMENTS)
_JOINER = "|".join(rf"{word}\s+" for word in _P.TITLE_JOINERS)
_THE = _P.DEFINITE_ARTICLE
TITLED = re.compile(
    rf"(?P<title>(?:(?:[A-Z][\w.'’-]*|{_QUALIFIER})[ ]+){{0,4}}(?:{_HEAD})"
    rf"(?:\s+(?:{_COMPLEMENT})\s+(?:{_THE}\s+)?[A-Z][\w.'’-]*"
    rf"(?:\s+(?:{_JOINER})?[A-Z][\w.'’-]*)*?)?)"
    rf",?[ ]+(?P<name>{_NAME})"
)
_ARTICLE = "|".join(rf"{word}\s+" for word in _P.ARTICLES)
APPOSITIVE = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:{_ARTICLE})?(?P<title>(?:[\w.'’-]+\s+){{0,4}}?"
    rf"(?:{'|'.join(_P.APPOSITIVE_ROLES)}))\b"
)

# A lower-case title set off before the name: "the Russian president, Vladimir Putin",
# "Mali's defence minister, Sadio Camara".
_LEAD = rf"(?:(?:{_ARTICLE})|[A-Z][\w'’-]*{_P.POSSESSIVE}\s+)"
TITLE_FIRST = re.compile(
    rf"\b{_LEAD}(?:[A-Z][\w'’-]*\s+){{0,2}}"
    rf"(?P<title>(?:[a-z][\w-]*\s+){{0,2}}(?:{'|'.join(_P.APPOSITIVE_ROLES)})),\s+"
    rf"(?P<name>{_NAME})"
)
# A lower-case role after the body or country it serves, right before the name: "UNHCR
# spokesperson Andrej Mahecic", "France24 journalist Wassim Nasr".
ROLE_BEFORE = re.compile(
    rf"(?<![\w.])(?P<title>(?:[A-Z][\w.'’-]*\s+){{1,3}}"
    rf"(?:{'|'.join(_P.APPOSITIVE_ROLES)}))[ ]+(?P<name>{_NAME})"
)
# A fact sheet's field of people: "Commander2: Assimi Goïta, Malick Diaw", "Leader: X".
PERSON_FIELD = re.compile(
    rf"^(?P<title>(?:[A-Z][\w-]*[ ]){{0,2}}(?i:{'|'.join(_P.PERSON_FIELD_LABELS)})s?)\d?[ \t]*:"
    r"[ \t]*(?P<values>[^\n]+)$",
    re.MULTILINE,
)
_VALUE_SPLIT = re.compile(rf"\s*(?:[,;]|\b(?:{_P.AND})\b)\s*")
_WHOLE_NAME = re.compile(rf"{_NAME}")
_POSSESSIVE_END = tuple(_P.POSSESSIVE_ENDINGS)


@dataclass(frozen=True)
class PersonMention:
    name: str
    title: str
    start: int
    end: int
    key: str  # normalize_name(name)
    title_start: int = 0


_POSSESSOR = re.compile(rf"^(?:[A-Z][\w.-]*\s+){{0,2}}[A-Z][\w.-]*{_P.POSSESSIVE}\s+")


def _possessive_end(name: str) -> str:
    return next((ending for ending in _POSSESSIVE_END if name.endswith(ending)), "")


def _split_title_and_name(title: str, name: str) -> tuple[str, str]:
    """Move leading words that belong to the title ("African Affairs Molly Phee") over, and
    drop a possessor ("Mali’s Foreign Minister" is titled "Foreign Minister")."""
    title = _POSSESSOR.sub("", title)
    words = name.split()
    while len(words) > 2 and words[0].lower().strip(".,") in TITLE_WORDS:
        title = f"{title} {words.pop(0)}"
    return title.strip(), " ".join(words)


def find_titled_people(text: str, gazetteer_mentions: list[Mention]) -> list[PersonMention]:
    """Names introduced by a title or an appositive role, excluding known non-person names."""
    known_spans = [(m.start, m.end) for m in gazetteer_mentions if m.target_type == "country"]
    people = []
    for pattern in (TITLED, APPOSITIVE, TITLE_FIRST, ROLE_BEFORE):
        for match in pattern.finditer(text):
            title, name = _split_title_and_name(match.group("title"), match.group("name"))
            # "Traoré's government": the person is Traoré.
            name = name[: -len(ending)] if (ending := _possessive_end(name)) else name
            offset = match.group("name").find(name)
            if offset < 0:  # the words moved to the title were not the name's first ones
                continue
            start = match.start("name") + offset
            end = start + len(name)
            if any(s < end and start < e for s, e in known_spans):
                continue  # "General Mali" or a country inside the "name": not a person
            if name.split()[-1].lower() in TITLE_WORDS or len(name.split()) < 2:
                continue
            title_start = match.start("title") if pattern is not APPOSITIVE else end
            people.append(PersonMention(name, title, start, end, normalize_name(name), title_start))
    people += _field_people(text, known_spans)
    unique: dict[tuple[int, int], PersonMention] = {}
    for person in people:
        unique.setdefault((person.start, person.end), person)
    return sorted(unique.values(), key=lambda p: p.start)


def _field_people(text: str, known_spans: list[tuple[int, int]]) -> list[PersonMention]:
    """The names a field of people lists, each a person titled by the field's label."""
    found = []
    for field in PERSON_FIELD.finditer(text):
        title = field.group("title")
        cursor = field.start("values")
        for value in _VALUE_SPLIT.split(field.group("values")):
            start = text.find(value, cursor)
            if start < 0 or not value:
                continue
            cursor = start + len(value)
            match = _WHOLE_NAME.fullmatch(value.strip(" ."))
            if match is None or any(s < cursor and start < e for s, e in known_spans):
                continue
            name = match.group(0)
            if name.split()[-1].lower() in TITLE_WORDS:
                continue
            found.append(
                PersonMention(
                    name, title, start, start + len(name), normalize_name(name), field.start()
                )
            )
    return found


def surname_entries(people: dict[str, str]) -> list[Entry]:
    """Article-local entries so a surname alone finds the person named in full before.

    `people` maps an actor target ("actor:rudy-atallah") to the full name as written. A
    surname shared by two people in the article is left out rather than guessed.
    """
    by_surname: dict[str, set[str]] = {}
    spelling: dict[str, str] = {}
    for target, name in people.items():
        surname = name.split()[-1]
        if len(surname) < 3 or not surname[0].isupper():
            continue
        key = normalize_name(surname)
        by_surname.setdefault(key, set()).add(target)
        spelling[key] = surname
    return [
        Entry(spelling[key], next(iter(targets)), "actor-alias")
        for key, targets in by_surname.items()
        if len(targets) == 1
    ]


def with_surnames(gazetteer: Gazetteer, people: dict[str, str]) -> Gazetteer:
    extra = surname_entries(people)
    return gazetteer.extended(extra) if extra else gazetteer
