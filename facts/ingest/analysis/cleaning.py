"""Step 2: separate the article body from page furniture and text-generator leftovers.

Each line of the input is given a role. Only title, subtitle and metadata lines feed the
article's fields; only headings, body paragraphs and list items make up `text`, the copy claim
quotes point into. Everything else is kept out of `text` and reported, so the article can be
flagged for what was found. Rules are vocabularies of patterns, not knowledge of any one site.
"""

import re
from dataclasses import dataclass, field
from enum import StrEnum

from facts.ingest.analysis import lang, prefilter
from facts.ingest.analysis.dates import parse_date_line, parse_source_line

_P = lang.process_pack()


class Role(StrEnum):
    TITLE = "title"
    SUBTITLE = "subtitle"
    BYLINE = "byline"
    DATELINE = "dateline"
    READING_TIME = "reading-time"
    VIEW_COUNT = "view-count"
    RELATIVE_DATE = "relative-date"
    FURNITURE = "furniture"
    DISCLAIMER = "disclaimer"
    GENERATOR = "generator"
    PLACEHOLDER = "placeholder"
    EPIGRAPH = "epigraph"
    BIO = "bio"
    DUPLICATE = "duplicate"
    HEADING = "heading"
    # "Date: 26 July 2023", "Perpetrators: Presidential Guard": a field of an infobox or a
    # fact sheet, a fact stated without a sentence.
    FIELD = "field"
    BODY = "body"
    LIST_ITEM = "list-item"


BODY_ROLES = {Role.HEADING, Role.BODY, Role.LIST_ITEM, Role.FIELD}


def _full(*patterns: str) -> re.Pattern:
    return re.compile(r"^(?:" + "|".join(patterns) + r")$", re.I)


FURNITURE = _full(*_P.FURNITURE)
REVISION_STAMP = re.compile(rf"^(?:{'|'.join(_P.REVISION_STAMPS)})", re.I)
READING_TIME = _full(*_P.READING_TIME)
VIEW_COUNT = _full(*_P.VIEW_COUNT)
RELATIVE_DATE = _full(*_P.RELATIVE_DATE_LINES)
DISCLAIMER = re.compile("|".join(_P.DISCLAIMERS), re.I)
BYLINE_WORD = _full(*_P.BYLINE_WORDS)
BYLINE = re.compile(rf"^(?:{'|'.join(_P.BYLINE_LEADS)})\s+(?P<name>[^\s,].{{1,80}})$", re.I)
BIO_START = _full(*_P.BIO_STARTS)
BIO_SENTENCE = re.compile(rf"\b(?:{'|'.join(_P.BIO_SENTENCES)})\b", re.I)
# Writing instructions and self-review notes that text generators leave in their output.
GENERATOR_SECTION = re.compile(rf"^(?:\W*)(?:{'|'.join(_P.GENERATOR_SECTIONS)})", re.I)
GENERATOR_LINE = re.compile(rf"(?:{'|'.join(_P.GENERATOR_LINES)})", re.I)
# A bracketed span holds no other bracket, so every attempt stops at the next "[" or "]": the
# search is linear in the line's length, where "[^\]]*" inside a look-ahead rescanned the rest
# of the line from every "[" (quadratic: 12 KB of "[ a" took 6 s).
BRACKET_INSTRUCTION = re.compile(
    rf"\[(?=[^\[\]]{{0,3000}}?\b(?:{'|'.join(_P.INSTRUCTION_WORDS)})"
    r"\b)[^\[\]]{12,3000}\]",
    re.I,
)
# "{{name}}" holds no brace: each attempt stops at the next "{", so the search stays linear
# ("[^}]*" rescanned the rest of a line from every "{{" that was never closed).
PLACEHOLDER = re.compile(r"\{\{[^{}]{0,200}\}\}|" + "|".join(_P.PLACEHOLDERS), re.I)
ATTRIBUTION = re.compile(r"^[—–―-]{1,2}\s*(?P<who>[A-Z][\w.'’ -]{1,60})$")
# A label of one to four words (a digit may number it: "Commander1"), a colon, a value.
FIELD_LINE = re.compile(r"^[A-Z][\w'’-]*(?:[ ][\w'’()-]+){0,3}\d?\s*:\s+\S")
LIST_MARK = re.compile(r"^(?:[•▪●◦·*‣⁃–-]|\d{1,2}[.)])\s+")
TERMINAL = re.compile(r"[.!?…:;\"”’)\]]$")
OPINION_MARKERS = re.compile(rf"\b(?:{'|'.join(_P.OPINION_MARKERS)})\b", re.I)


@dataclass(frozen=True)
class Line:
    role: Role
    text: str


@dataclass(frozen=True)
class Paragraph:
    """A stretch of the cleaned text: a heading, a body paragraph or a list item."""

    start: int
    end: int
    role: Role


@dataclass
class CleanedArticle:
    lines: list[Line]
    text: str
    paragraphs: list[Paragraph]
    flags: dict[str, list[str]] = field(default_factory=dict)

    def lines_with(self, *roles: Role) -> list[str]:
        return [line.text for line in self.lines if line.role in roles]


def _word_count(text: str) -> int:
    return len(text.split())


def _looks_like_title(line: str) -> bool:
    return (
        0 < _word_count(line) <= 30
        and not line.endswith(".")
        and not FURNITURE.match(line)
        and parse_date_line(line) is None
    )


_FIELD_MAX_WORDS = 60


def _field_like(line: str) -> bool:
    return bool(FIELD_LINE.match(line)) and _word_count(line) <= _FIELD_MAX_WORDS


def _is_field(lines: list[str], nonblank: list[int], position: int) -> bool:
    """A "Label: value" line among others like it (an infobox comes as a block): one on its
    own is a headline or a subtitle ("Mali: the junta's gamble")."""
    if not _field_like(lines[nonblank[position]]):
        return False
    neighbours = [p for p in (position - 1, position + 1) if 0 <= p < len(nonblank)]
    return any(_field_like(lines[nonblank[p]]) for p in neighbours)


def _is_heading(line: str) -> bool:
    return _word_count(line) <= 12 and not TERMINAL.search(line) and not LIST_MARK.match(line)


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def _classify_meta(line: str) -> Role | None:
    if READING_TIME.match(line):
        return Role.READING_TIME
    if VIEW_COUNT.match(line):
        return Role.VIEW_COUNT
    if RELATIVE_DATE.match(line):
        return Role.RELATIVE_DATE
    if parse_date_line(line) or REVISION_STAMP.match(line) or parse_source_line(line):
        return Role.DATELINE
    if BYLINE.match(line) and _word_count(line) <= 8:
        return Role.BYLINE
    if FURNITURE.match(line):
        return Role.FURNITURE
    if prefilter.search(DISCLAIMER, line):
        return Role.DISCLAIMER
    return None


def _assign_roles(raw_lines: list[str]) -> list[Line]:
    lines = [line.strip() for line in raw_lines]
    count = len(lines)
    roles: list[Role | None] = [None] * count
    nonblank = [i for i, line in enumerate(lines) if line]

    # Title: the first line of the file, when it reads like one. A file that opens with a
    # blank line or a full sentence has no title line.
    title_index = None
    if lines and lines[0] and _looks_like_title(lines[0]):
        title_index = 0
        roles[0] = Role.TITLE

    title_key = _key(lines[title_index]) if title_index is not None else None
    in_generator_section = False
    in_bio = False
    for position, i in enumerate(nonblank):
        if roles[i] is not None:
            continue
        line = lines[i]
        meta = _classify_meta(line)
        if meta in {Role.FURNITURE, Role.DISCLAIMER}:
            roles[i] = meta
            continue
        if in_generator_section:
            roles[i] = Role.GENERATOR
            continue
        if GENERATOR_SECTION.match(line):
            in_generator_section = True
            roles[i] = Role.GENERATOR
            continue
        if in_bio:
            roles[i] = Role.BIO
            continue
        if BIO_START.match(line):
            in_bio = True
            roles[i] = Role.BIO
            continue
        if meta is not None:
            roles[i] = meta
            continue
        if BYLINE_WORD.match(line):
            roles[i] = Role.BYLINE
            # The name follows ("By" / "Jane Doe"), and some sites also print it just before.
            following = nonblank[position + 1] if position + 1 < len(nonblank) else None
            if following is not None and _word_count(lines[following]) <= 5:
                roles[following] = Role.BYLINE
                previous = nonblank[position - 1] if position else None
                if (
                    previous is not None
                    and roles[previous] in {None, Role.HEADING, Role.BODY}
                    and _key(lines[previous]) == _key(lines[following])
                ):
                    roles[previous] = Role.BYLINE
            continue
        stripped = LIST_MARK.sub("", line).lstrip("…. ")
        if BRACKET_INSTRUCTION.fullmatch(stripped) or (
            BRACKET_INSTRUCTION.search(line) and _word_count(BRACKET_INSTRUCTION.sub("", line)) < 4
        ):
            roles[i] = Role.PLACEHOLDER
            continue
        if (
            BRACKET_INSTRUCTION.search(line)
            or prefilter.search(PLACEHOLDER, line)
            or prefilter.search(GENERATOR_LINE, line)
        ):
            roles[i] = Role.GENERATOR
            continue
        following = nonblank[position + 1] if position + 1 < len(nonblank) else None
        if (
            following is not None
            and ATTRIBUTION.match(lines[following])
            and _word_count(line) <= 60
        ):
            roles[i] = Role.EPIGRAPH
            roles[following] = Role.EPIGRAPH
            continue
        if prefilter.search(BIO_SENTENCE, line) and position >= len(nonblank) - 4:
            roles[i] = Role.BIO
            continue
        if title_key is not None and _key(line) == title_key:
            roles[i] = Role.DUPLICATE
            continue
        if LIST_MARK.match(line):
            roles[i] = Role.LIST_ITEM
        elif _is_field(lines, nonblank, position):
            roles[i] = Role.FIELD
        elif _is_heading(line):
            roles[i] = Role.HEADING
        else:
            roles[i] = Role.BODY

    _mark_subtitle(lines, roles, nonblank)
    return [Line(role, lines[i]) for i, role in enumerate(roles) if role is not None]


_META_ROLES = {
    Role.TITLE,
    Role.BYLINE,
    Role.DATELINE,
    Role.READING_TIME,
    Role.VIEW_COUNT,
    Role.RELATIVE_DATE,
    Role.FURNITURE,
}


def _mark_subtitle(lines: list[str], roles: list[Role | None], nonblank: list[int]) -> None:
    """The standfirst: the first line after the title block that is not a full sentence."""
    if not nonblank or roles[nonblank[0]] != Role.TITLE:
        return
    for i in nonblank[1:]:
        if roles[i] in _META_ROLES:
            continue
        line = lines[i]
        if (
            roles[i] in {Role.HEADING, Role.BODY}
            and 4 <= _word_count(line) <= 60
            # A full sentence, or one that introduces what follows ("The following statement
            # was issued today by …:"), is the body's first line, not a standfirst.
            and not line.endswith((".", ":"))
        ):
            roles[i] = Role.SUBTITLE
        return


def clean_article(text: str) -> CleanedArticle:
    """Split normalised article text into roles; build the body text and its paragraphs."""
    lines = _assign_roles(text.split("\n"))
    body_parts: list[str] = []
    paragraphs: list[Paragraph] = []
    offset = 0
    for line in lines:
        if line.role not in BODY_ROLES:
            continue
        if body_parts:
            offset += 2  # the "\n\n" between paragraphs
        body_parts.append(line.text)
        paragraphs.append(Paragraph(offset, offset + len(line.text), line.role))
        offset += len(line.text)
    body = "\n\n".join(body_parts)
    return CleanedArticle(lines=lines, text=body, paragraphs=paragraphs, flags=_flags(lines, body))


def _flags(lines: list[Line], body: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}

    def add(code: str, role: Role) -> None:
        texts = [line.text for line in lines if line.role == role]
        if texts:
            found.setdefault(code, []).extend(texts)

    add("page-furniture", Role.FURNITURE)
    add("page-furniture", Role.DISCLAIMER)
    add("page-furniture", Role.VIEW_COUNT)
    add("generation-artifacts", Role.GENERATOR)
    add("generation-artifacts", Role.PLACEHOLDER)
    add("placeholder-text", Role.PLACEHOLDER)
    add("duplicated-text", Role.DUPLICATE)
    body_lines = [line for line in lines if line.role in BODY_ROLES]
    if body_lines and body_lines[-1].role == Role.BODY and not TERMINAL.search(body_lines[-1].text):
        found["truncated"] = [body_lines[-1].text[-80:]]
    opinion = OPINION_MARKERS.findall(body)
    if len(opinion) >= 2:
        found["opinion"] = sorted(set(opinion))
    return found
