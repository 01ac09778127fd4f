"""Step 4: sentences with their character offsets in the cleaned text.

A rule-based splitter: a sentence ends at . ! ? (and closing quotes) followed by a space and
a capital, digit or quote, unless the period belongs to an abbreviation ("U.S.", "Gen.",
"Lt. Col.") or an initial ("John W. Brennan").
"""

import re
from dataclasses import dataclass

from facts.ingest.cleaning import Paragraph, Role

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
