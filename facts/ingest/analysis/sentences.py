"""Step 4: sentences with their character offsets in the cleaned text.

A rule-based splitter: a sentence ends at . ! ? (and closing quotes) followed by a space and
a capital, digit or quote, unless the period belongs to an abbreviation ("U.S.", "Gen.",
"Lt. Col.") or an initial ("John W. Brennan").
"""

import re
from dataclasses import dataclass

from facts.ingest.analysis.cleaning import Paragraph, Role

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm",
    "cmdr", "brig", "rep", "sen", "gov", "pres", "amb", "st", "mt", "ft", "no", "nos", "vol",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "ltd", "co", "corp", "jr", "sr", "vs", "etc", "approx", "est", "cf", "al", "e.g",
    "i.e", "u.s", "u.k", "u.n", "e.u", "a.u", "d.c",
}  # fmt: skip
# Abbreviations that can also end a sentence ("... based in the U.S. The ...").
_SENTENCE_FINAL_ABBREVIATIONS = {
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "a.u",
    "d.c",
    "etc",
    "inc",
    "ltd",
    "co",
}
_STARTERS = {
    "The", "This", "That", "These", "Those", "It", "In", "On", "At", "But", "However", "A", "An",
    "He", "She", "They", "We", "Its", "Their", "His", "Her", "As", "After", "Since", "While",
    "Meanwhile", "According", "For", "Yet", "And",
}  # fmt: skip
_BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9À-Ý])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph_role: Role
    index: int

    @property
    def is_heading(self) -> bool:
        return self.paragraph_role == Role.HEADING


def _is_abbreviation(chunk: str, next_word: str) -> bool:
    match = _WORD_BEFORE.search(chunk)
    if not match:
        return False
    word = match.group(1).rstrip(".").lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "John W. Brennan"
    if word in _SENTENCE_FINAL_ABBREVIATIONS:
        return next_word not in _STARTERS
    return word in ABBREVIATIONS


def split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        boundary = match.end()
        following = text[boundary:end].lstrip()
        next_word = re.match(r"[\"“‘(\[]?(\w+)", following)
        if match.group(0).startswith(".") and _is_abbreviation(
            text[cursor : match.start() + 1], next_word.group(1) if next_word else ""
        ):
            continue
        spans.append((cursor, boundary))
        cursor = boundary
        while cursor < end and text[cursor].isspace():
            cursor += 1
    if cursor < end:
        spans.append((cursor, end))
    return spans


def split_sentences(text: str, paragraphs: list[Paragraph]) -> list[Sentence]:
    sentences = []
    for paragraph in paragraphs:
        for start, end in split_paragraph(text, paragraph.start, paragraph.end):
            # Offsets exclude surrounding spaces and list markers, so quotes start on a word.
            while start < end and (text[start].isspace() or text[start] in "•▪●◦·*‣⁃"):
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if start < end:
                sentences.append(
                    Sentence(start, end, text[start:end], paragraph.role, len(sentences))
                )
    return sentences


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    subordinate: bool


_DISCOURSE_MARKER = re.compile(
    r"^(?:For instance|For example|In fact|Most recently|Recently|However|Moreover|Meanwhile|"
    r"Concurrently|Instead|Notably|Still|Yet|Additionally|Furthermore|Similarly|In addition),\s+"
)
_SUBORDINATE_OPENERS = re.compile(
    r"(?:While|Although|Though|As|After|Following|following|Despite|despite|Since|"
    r"In response to|Between|Amid|If|When|Before|Because|Unlike|Beyond|Parallel to|Formed|"
    r"Founded|Created|Established)\b"
)
_MAIN_STARTER = re.compile(
    r"(?:the|a|an|this|these|those|its|their|it|they|he|she|we|[A-Z][\w.'’-]*(?!,))\b"
)
_SUBORDINATORS = r"while|whereas|although|though|following|despite|after|before|since|amid|albeit"
_CLAUSE_BREAK = re.compile(
    rf"(?:;\s+|,\s+(?=(?:but|{_SUBORDINATORS}|which|who|whose|with|marking|leading|signaling|"
    r"signalling|creating|underscoring|reflecting|emphasizing|emphasising|tasked|rather than|"
    r"often|even as|adhering|acknowledging|bringing|seizing|filling|raising|particularly|"
    r"especially|notably)\b))"
)


def _end_of_opening_clause(sentence: str, after: int) -> int | None:
    """Where "While X, such as Y, have been Z, Washington …" turns to its main clause."""
    for match in re.finditer(r",\s+", sentence[after:]):
        position = after + match.end()
        following = sentence[position:]
        if re.match(r"(?:and|or|such as|including|like)\b", following):
            continue
        if re.match(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*,", following):
            continue  # a list item: "Mali, Niger, and Burkina Faso"
        if _MAIN_STARTER.match(following):
            return position
    return None


def split_clauses(sentence: str) -> list[Clause]:
    """Rough clause boundaries: enough to keep one clause's names out of another's event."""
    cuts = [0]
    marker = _DISCOURSE_MARKER.match(sentence)
    body_start = marker.end() if marker else 0
    opener = _SUBORDINATE_OPENERS.match(sentence, body_start)
    opening_end = None
    if opener:
        opening_end = _end_of_opening_clause(sentence, opener.end())
        if opening_end:
            cuts.append(opening_end)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= cuts[-1]:
            continue
        cuts.append(match.end())
        # A subordinate clause inside the sentence ends at its next comma: "…, despite the
        # coup, approximately 1,000 troops remain …".
        if re.match(rf"(?:{_SUBORDINATORS})\b", sentence[match.end() :], re.I):
            comma = sentence.find(", ", match.end())
            if comma > 0:
                cuts.append(comma + 2)
    cuts = sorted(set(cuts))
    clauses = []
    for i, start in enumerate(cuts):
        end = cuts[i + 1] if i + 1 < len(cuts) else len(sentence)
        text = sentence[start:end]
        subordinate = (opening_end is not None and end <= opening_end) or bool(
            re.match(rf"(?:{_SUBORDINATORS})\b", text, re.I)
        )
        clauses.append(Clause(start, end, subordinate))
    return clauses


def clause_at(clauses: list[Clause], position: int) -> Clause:
    for clause in clauses:
        if clause.start <= position < clause.end:
            return clause
    return clauses[-1]
