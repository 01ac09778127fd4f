"""Step 5b: people named with a title, and people referred to by surname alone.

"Foreign Minister Abdoulaye Diop", "Lieutenant General John Brennan", "U.S. Ambassador to
Mali, Rachna Korhonen" and "Rudy Atallah, counterterrorism adviser to …" name a person and
their title. Known people are linked; unknown ones are proposed as new actors for review, once
per name however often and however spelt ("Goïta"/"Goita"). Later in the same article
"Atallah said" refers to the Rudy Atallah named before.
"""

import re
from dataclasses import dataclass

from facts.ingest.analysis.gazetteer import Entry, Gazetteer, Mention
from facts.names import normalize_name

RANKS = [
    "Field Marshal", "Marshal", "Lieutenant General", "Major General", "Brigadier General",
    "General", "Lieutenant Colonel", "Colonel", "Major", "Captain", "Lieutenant", "Sergeant",
    "Vice Admiral", "Rear Admiral", "Admiral", "Commandant",
    "Lt. Gen.", "Maj. Gen.", "Brig. Gen.", "Gen.", "Lt. Col.", "Col.", "Maj.", "Capt.", "Lt.",
    "Sgt.", "Adm.",
]  # fmt: skip
OFFICES = [
    "President", "Vice President", "Vice-President", "Prime Minister", "Minister", "Secretary",
    "Ambassador", "Envoy", "Spokesman", "Spokeswoman", "Spokesperson", "Senator", "Governor",
    "Mayor", "Chief of Staff", "Chief", "Commander", "Director", "Chairman", "Chairwoman",
    "Chairperson", "King", "Queen", "Emir", "Sheikh", "Imam", "Chancellor", "Adviser", "Advisor",
    "Leader", "Head", "Coordinator", "Representative", "Deputy",
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Professor", "Monsieur", "Madame",
]  # fmt: skip
# Words that belong to a title, never to a name ("Secretary of State for African Affairs").
TITLE_WORDS = {
    "affairs", "state", "defence", "defense", "foreign", "african", "africa", "staff", "command",
    "forces", "force", "army", "navy", "air", "republic", "council", "ministry", "department",
    "operations", "intelligence", "security", "cooperation", "international", "development",
    "office", "bureau", "transition", "transitional", "homeland", "mission", "embassy", "affair",
    "interior", "finance", "justice", "economy", "national", "armed", "general", "deputy",
    "assistant", "acting", "interim", "former", "senior", "special", "principal", "chief",
    "united", "nations", "union", "the", "counterterrorism", "counter-terrorism", "military",
    "joint", "regional", "commander", "minister", "president", "secretary", "ambassador",
} | {w.lower().rstrip(".") for title in RANKS + OFFICES for w in title.split()}  # fmt: skip
PARTICLES = {"al", "el", "ag", "ould", "ben", "bin", "ibn", "de", "da", "dos", "du", "van", "von",
             "le", "la", "abu", "bint", "di", "del"}  # fmt: skip

_NAME_WORD = r"[A-Z][a-zà-ÿ]*(?:['’][A-Z]?[a-zà-ÿ]+)*(?:-[A-Z][a-zà-ÿ]+)?"
_NAME = (
    rf"{_NAME_WORD}(?:\s+(?:[A-Z]\.\s*){{0,3}}(?:(?:{'|'.join(PARTICLES)})\s+)?{_NAME_WORD}){{1,3}}"
)
_HEAD = "|".join(re.escape(t) for t in sorted(RANKS + OFFICES, key=len, reverse=True))
# A title: optional qualifiers, a head word, an optional "of/for/to …" complement, then a name.
TITLED = re.compile(
    rf"(?P<title>(?:(?:[A-Z][\w.'’-]*|former|acting|interim|deputy)[ ]+){{0,4}}(?:{_HEAD})"
    rf"(?:\s+(?:of|for|to|at)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+(?:and\s+|for\s+|of\s+)?[A-Z][\w.'’-]*)*?)?)"
    rf",?[ ]+(?P<name>{_NAME})"
)
APPOSITIVE = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:the\s+|a\s+|an\s+)?(?P<title>(?:[\w.'’-]+\s+){{0,4}}?"
    rf"(?:adviser|advisor|minister|commander|spokes(?:man|woman|person)|ambassador|president|"
    rf"chief|director|envoy|leader|secretary|official|general|colonel|captain|head))\b"
)


@dataclass(frozen=True)
class PersonMention:
    name: str
    title: str
    start: int
    end: int
    key: str  # normalize_name(name)
    title_start: int = 0


_POSSESSOR = re.compile(r"^(?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*['’]s\s+")


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
    for pattern in (TITLED, APPOSITIVE):
        for match in pattern.finditer(text):
            title, name = _split_title_and_name(match.group("title"), match.group("name"))
            start = match.start("name") + match.group("name").index(name)
            end = start + len(name)
            if any(s < end and start < e for s, e in known_spans):
                continue  # "General Mali" or a country inside the "name": not a person
            if name.split()[-1].lower() in TITLE_WORDS or len(name.split()) < 2:
                continue
            title_start = match.start("title") if pattern is TITLED else end
            people.append(PersonMention(name, title, start, end, normalize_name(name), title_start))
    unique: dict[tuple[int, int], PersonMention] = {}
    for person in people:
        unique.setdefault((person.start, person.end), person)
    return sorted(unique.values(), key=lambda p: p.start)


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
