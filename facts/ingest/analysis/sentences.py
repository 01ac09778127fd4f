"""Step 4: sentences with their character offsets in the cleaned text.

A rule-based splitter: a sentence ends at . ! ? (and closing quotes) followed by a space and
a capital, digit or quote, unless the period belongs to an abbreviation ("U.S.", "Gen.",
"Lt. Col.") or an initial ("John W. Brennan").
"""

import re
from dataclasses import dataclass

from facts.ingest.analysis import lang
from facts.ingest.analysis.cleaning import Paragraph, Role

_P = lang.process_pack()

ABBREVIATIONS = _P.ABBREVIATIONS
# Abbreviations that can also end a sentence ("... based in the U.S. The ...").
_SENTENCE_FINAL_ABBREVIATIONS = _P.SENTENCE_FINAL_ABBREVIATIONS
_STARTERS = _P.SENTENCE_STARTERS
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
    sentences: list[Sentence] = []
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


_DISCOURSE_MARKER = re.compile(rf"^(?:{'|'.join(_P.DISCOURSE_MARKERS)}),\s+")
_SUBORDINATE_OPENERS = re.compile(rf"(?:{'|'.join(_P.SUBORDINATE_OPENERS)})\b")
_MAIN_STARTER = re.compile(rf"(?:{'|'.join(_P.MAIN_STARTERS)}|[A-Z][\w.'’-]*(?!,))\b")
_SUBORDINATORS = "|".join(_P.SUBORDINATORS)
_SUBORDINATOR = re.compile(rf"(?:{_SUBORDINATORS})\b", re.I)
_CLAUSE_BREAK = re.compile(
    rf"(?:;\s+|,\s+(?=(?:{'|'.join(_P.CLAUSE_BREAK_WORDS)})\b)"
    # "changed the calculus in Paris: the following day the Élysée launched …"
    r"|:\s+(?=(?-i:[a-z]))"
    # "…, President François Hollande visiting Timbuktu": a clause of its own subject and
    # participle
    r"|,\s+(?=(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*){0,4}\s+(?-i:[a-z])\w+ing\b)"
    # ", and the mission took over …": a main clause with a subject of its own (not a list's
    # last name, "…, and the AES").
    rf"|,\s+{_P.AND}\s+(?=(?:{'|'.join(_P.MAIN_STARTERS)})\s+(?-i:[a-z])|an?\s"
    # ", and in June 2025 the group announced …": a fronted phrase opens the next clause
    rf"|(?:{'|'.join((*_P.LOCATIVE_PREPOSITIONS, *_P.RANGE_OPENERS, _P.DATE_LABEL_ON))})\s))"
)
_LIST_CONTINUATION = re.compile(rf"(?:{'|'.join(_P.LIST_CONTINUATIONS)})\b")


def _end_of_opening_clause(sentence: str, after: int) -> int | None:
    """Where "While X, such as Y, have been Z, Washington …" turns to its main clause."""
    for match in re.finditer(r",\s+", sentence[after:]):
        position = after + match.end()
        following = sentence[position:]
        if _LIST_CONTINUATION.match(following):
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
        if _SUBORDINATOR.match(sentence, match.end()):
            comma = sentence.find(", ", match.end())
            if comma > 0:
                cuts.append(comma + 2)
    cuts = sorted(set(cuts))
    clauses = []
    for i, start in enumerate(cuts):
        end = cuts[i + 1] if i + 1 < len(cuts) else len(sentence)
        text = sentence[start:end]
        subordinate = (opening_end is not None and end <= opening_end) or bool(
            _SUBORDINATOR.match(text)
        )
        clauses.append(Clause(start, end, subordinate))
    return clauses


def clause_at(clauses: list[Clause], position: int) -> Clause:
    for clause in clauses:
        if clause.start <= position < clause.end:
            return clause
    return clauses[-1]
