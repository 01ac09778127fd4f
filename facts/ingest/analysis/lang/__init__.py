"""Language packs: the words of a language that the analysis steps look for, as plain data.

A pack is a module (`en.py`) of tables: tuples, sets and dicts of words and phrases, and regex
source pieces where a word has variants. The generic steps (events, claims, people, dates,
cleaning, metadata, sentences) read a pack once, at import, and compile their patterns from
it; they hold no words of their own. `en.py` documents every table.

A pack must define every name `LanguagePack` declares, with that type (a test checks every
registered pack). Strings of the tables in `PIECE_TABLES` are regex source and must compile;
strings of the tables in `TEXT_TABLES` are compared as text or escaped before use; strings
of every other table are words that go into patterns as they are, so they hold no regex
metacharacter. To add a language: write its module with the same names, add it to `PACKS`,
and test it like `en`.
"""

import os
from typing import Protocol

from facts.ingest.analysis.lang import en, fr
from facts.ingest.reading.language import LANGUAGE_VARIABLE


class LanguagePack(Protocol):
    # gazetteer
    FEATURE_BEFORE: tuple[str, ...]
    FEATURE_AFTER: tuple[str, ...]
    FACILITY_AFTER: tuple[str, ...]
    # places
    PLACE_AT: tuple[str, ...]
    PLACE_NEAR: tuple[str, ...]
    PLACE_FACILITIES: tuple[str, ...]
    FACILITY_OF: tuple[str, ...]
    PLACE_UNITS: dict[str, str]
    PLACE_PARTS: tuple[str, ...]
    PLACE_NAME_LINKS: tuple[str, ...]
    PLACE_CAPITAL: tuple[str, ...]
    PLACE_OTHER_EVENT: tuple[str, ...]
    PLACE_FOLLOWERS: frozenset[str]
    # fatalities
    FATALITY_VERBS: tuple[str, ...]
    FATALITY_AUXILIARIES: tuple[str, ...]
    FATALITY_LEADS: tuple[str, ...]
    FATALITY_QUALIFIERS: tuple[str, ...]
    FATALITY_LOWER_BOUNDS: frozenset[str]
    FATALITY_UPPER_BOUNDS: frozenset[str]
    FATALITY_RANGE_OPENERS: tuple[str, ...]
    FATALITY_RANGE_JOINS: tuple[str, ...]
    AND_WORDS: tuple[str, ...]
    NON_FATAL_WORDS: tuple[str, ...]
    # events
    TRIGGERS: dict[str, tuple[str, ...]]
    OBJECT_PREPOSITIONS: dict[str, tuple[str, ...]]
    AGENT_PHRASES: tuple[str, ...]
    PRESENT_STATEMENTS: tuple[str, ...]
    COUP_TARGET_MARKERS: tuple[str, ...]
    COUP_AGENT_VERBS: tuple[str, ...]
    COUP_LEADER_MARKERS: tuple[str, ...]
    PLURAL_EVENT_NOUNS: frozenset[str]
    MODAL: tuple[str, ...]
    HEDGE: tuple[str, ...]
    NEGATION: tuple[str, ...]
    PASSIVE_AUXILIARIES: tuple[str, ...]
    LOCATIVE_PREPOSITIONS: tuple[str, ...]
    LOCATIVE_QUALIFIERS: tuple[str, ...]
    PLACE_OF_NOUNS: tuple[str, ...]
    EXPERIENCER_VERBS: tuple[str, ...]
    PLACE_LABELS: tuple[str, ...]
    COMPLEMENTIZERS: tuple[str, ...]
    REQUEST_MARKERS: tuple[str, ...]
    STANCE_VERBS: tuple[str, ...]
    SPEAKING_OF: tuple[str, ...]
    MUTUAL_FIGHTING: tuple[str, ...]
    CROWD_NOUNS: tuple[str, ...]
    FORCE_NAME_HEADS: tuple[str, ...]
    RELATIVE_PRONOUNS: tuple[str, ...]
    OCCURRENCE_CLAUSES: tuple[str, ...]
    DEADLINE_WORDS: tuple[str, ...]
    DEADLINE_WHEN: tuple[str, ...]
    PARTICIPLE_ENDINGS: tuple[str, ...]
    CLAUSE_COORDINATORS: tuple[str, ...]
    MAIN_CLAUSE_COORDINATORS: tuple[str, ...]
    DEFINITE_ARTICLE: str
    OBJECT_DETERMINERS: tuple[str, ...]
    AGENT_PREPOSITION: str
    FORCE_NOUNS: tuple[str, ...]
    LOOSE_POSSESSIVE: str
    POSSESSIVE_ENDINGS: tuple[str, ...]
    COUNT_WORDS: dict[str, int | None]
    RECIPIENT_PREPOSITION: str
    LIST_INTRODUCERS: tuple[str, ...]
    AND: str
    PERSON_FIELD_LABELS: tuple[str, ...]
    OR: str
    BETWEEN: str
    # claims
    EXTRA_PREDICATES: tuple[tuple[str, str], ...]
    OPINION_OPENERS: tuple[str, ...]
    OPINION_PHRASES: tuple[str, ...]
    REPORTING_VERBS: tuple[str, ...]
    ANONYMOUS_DETERMINERS: tuple[str, ...]
    ACCORDING_TO: str
    SOURCE_NOISE: str
    APPROXIMATORS: tuple[str, ...]
    MONEY_MAGNITUDES: tuple[str, ...]
    STRENGTH_SUFFIX: str
    QUANTITY_QUALIFIER: str
    QUANTITY_NOUNS: tuple[str, ...]
    NON_SUBJECT_PREPOSITIONS: tuple[str, ...]
    # people
    RANKS: tuple[str, ...]
    OFFICES: tuple[str, ...]
    TITLE_WORDS: frozenset[str]
    NAME_PARTICLES: tuple[str, ...]
    TITLE_QUALIFIERS: tuple[str, ...]
    TITLE_COMPLEMENTS: tuple[str, ...]
    TITLE_JOINERS: tuple[str, ...]
    ARTICLES: tuple[str, ...]
    APPOSITIVE_ROLES: tuple[str, ...]
    POSSESSIVE: str
    # organisations
    ORG_HEADS: dict[str, str]
    ORG_HEADS_WITH_COMPLEMENT: frozenset[str]
    ORG_JOINERS: tuple[str, ...]
    ORG_GENERIC_WORDS: frozenset[str]
    ORG_INTERNATIONAL_WORDS: frozenset[str]
    ORG_LEADING_WORDS: frozenset[str]
    # descriptions
    GOVERNMENT_NOUNS: tuple[str, ...]
    GOVERNMENT_QUALIFIERS: tuple[str, ...]
    ARMY_NOUNS: tuple[str, ...]
    JUNTA_NOUNS: tuple[str, ...]
    DESCRIPTION_OF: str
    DESCRIPTION_IN: str
    METONYMS: dict[str, str]
    PLURAL_DEMONYM: tuple[str, str]
    # dates
    MONTHS: dict[str, int]
    WORDLIKE_MONTHS: frozenset[str]
    ORDINAL_SUFFIXES: tuple[str, ...]
    MONTH_OF: str
    MONTH_THIRDS: tuple[str, ...]
    YEAR_PARTS: dict[str, tuple[int, int]]
    PART_LINKS: tuple[str, ...]
    DECADE_ARTICLE: str
    DECADE_PARTS: dict[str, tuple[int, int]]
    DECADE_SUFFIX: str
    YEAR_REFERENCES: dict[str, int]
    YEAR_WORD: str
    THAT_YEAR_LEADS: tuple[str, ...]
    NARRATIVE_STEPS: dict[str, int]
    NARRATIVE_UNITS: dict[str, str]
    NARRATIVE_DIRECTIONS: dict[str, int]
    NARRATIVE_SAME_DAY: tuple[str, ...]
    NAMED_EVENT_OPENERS: tuple[str, ...]
    BARE_ARMY_NOUNS: tuple[str, ...]
    THAT_YEAR_PREPOSITION: str
    RELATIVE_DATES: dict[str, tuple[str, int]]
    MONTH_RELATIVES: dict[str, int]
    NUMBER_WORDS: dict[str, int | None]
    NUMBER_TENS: dict[str, int]
    THOUSANDS_SEPARATORS: tuple[str, ...]
    ONE_VICTIM: tuple[str, ...]
    ONE_VICTIM_NOT: tuple[str, ...]
    TIME_UNITS: dict[str, str]
    PLURAL_ENDING: str
    AGO: str
    COUNT_NOUNS: tuple[str, ...]
    RANGE_JOINS: tuple[str, ...]
    RANGE_OPENERS: tuple[str, ...]
    DATE_HINT_WORDS: tuple[str, ...]
    DATE_LABELS: tuple[str, ...]
    DATE_LABEL_ON: str
    DATED_PHRASES: tuple[str, ...]
    SOURCE_LEADS: tuple[str, ...]
    WEEKDAYS: tuple[str, ...]
    WEEKDAY_ENDING: str
    WEEKDAY_NAMES: dict[str, int]
    MONTH_PREPOSITIONS: tuple[str, ...]
    MONTH_UP_TO_NOW: tuple[str, ...]
    TIME_PREPOSITION: str
    TIME_SUFFIXES: tuple[str, ...]
    # cleaning
    REVISION_STAMPS: tuple[str, ...]
    FURNITURE: tuple[str, ...]
    READING_TIME: tuple[str, ...]
    VIEW_COUNT: tuple[str, ...]
    RELATIVE_DATE_LINES: tuple[str, ...]
    DISCLAIMERS: tuple[str, ...]
    BYLINE_WORDS: tuple[str, ...]
    BYLINE_LEADS: tuple[str, ...]
    BIO_STARTS: tuple[str, ...]
    BIO_SENTENCES: tuple[str, ...]
    GENERATOR_SECTIONS: tuple[str, ...]
    GENERATOR_LINES: tuple[str, ...]
    INSTRUCTION_WORDS: tuple[str, ...]
    PLACEHOLDERS: tuple[str, ...]
    OPINION_MARKERS: tuple[str, ...]
    # metadata
    UNTITLED: str
    # sentences
    ABBREVIATIONS: frozenset[str]
    SENTENCE_FINAL_ABBREVIATIONS: frozenset[str]
    SENTENCE_STARTERS: frozenset[str]
    DISCOURSE_MARKERS: tuple[str, ...]
    SUBORDINATE_OPENERS: tuple[str, ...]
    MAIN_STARTERS: tuple[str, ...]
    SUBORDINATORS: tuple[str, ...]
    CLAUSE_BREAK_WORDS: tuple[str, ...]
    LIST_CONTINUATIONS: tuple[str, ...]


# Tables whose strings are regex source (for EXTRA_PREDICATES: the second of each pair).
PIECE_TABLES = frozenset({
    "TRIGGERS", "AGENT_PHRASES", "PRESENT_STATEMENTS", "COUP_TARGET_MARKERS",
    "COUP_AGENT_VERBS", "COUP_LEADER_MARKERS", "REQUEST_MARKERS", "SPEAKING_OF",
    "MUTUAL_FIGHTING", "CROWD_NOUNS", "NARRATIVE_SAME_DAY", "PLACE_NEAR", "PLACE_CAPITAL",
    "MODAL", "HEDGE", "FORCE_NOUNS", "LOOSE_POSSESSIVE", "EXTRA_PREDICATES",
    "OPINION_OPENERS", "OPINION_PHRASES", "OCCURRENCE_CLAUSES", "SOURCE_NOISE",
    "APPOSITIVE_ROLES", "POSSESSIVE",
    "DECADE_SUFFIX", "WEEKDAYS", "FURNITURE", "REVISION_STAMPS", "READING_TIME", "VIEW_COUNT",
    "RELATIVE_DATE_LINES", "DISCLAIMERS", "BIO_STARTS", "BIO_SENTENCES", "GENERATOR_SECTIONS",
    "GENERATOR_LINES", "INSTRUCTION_WORDS", "PLACEHOLDERS", "OPINION_MARKERS",
})  # fmt: skip
# Tables whose strings are compared as text, or escaped before they go into a pattern.
TEXT_TABLES = frozenset({
    "PLURAL_EVENT_NOUNS", "POSSESSIVE_ENDINGS", "RANKS", "OFFICES", "TITLE_WORDS",
    "YEAR_PARTS", "WORDLIKE_MONTHS", "THOUSANDS_SEPARATORS", "UNTITLED", "ABBREVIATIONS",
    "SENTENCE_FINAL_ABBREVIATIONS", "SENTENCE_STARTERS", "TIME_SUFFIXES", "ORG_HEADS",
    "ORG_GENERIC_WORDS", "ORG_HEADS_WITH_COMPLEMENT", "ORG_INTERNATIONAL_WORDS",
    "ORG_LEADING_WORDS", "METONYMS",
})  # fmt: skip

PACKS: dict[str, LanguagePack] = {"en": en, "fr": fr}


def pack(code: str) -> LanguagePack:
    """The pack of a language, by its code ("en"); KeyError for a language without one."""
    return PACKS[code]


# The steps compile their patterns from one pack, once, when they are imported: the language
# of a process's analysis is therefore fixed when the process starts, by this variable
# (English when unset). facts.ingest.languages analyses each document in a process started
# for the document's language.
DEFAULT_LANGUAGE = "en"


def process_language() -> str:
    """The language this process analyses in (a code with a pack)."""
    code = os.environ.get(LANGUAGE_VARIABLE, "") or DEFAULT_LANGUAGE
    if code not in PACKS:
        known = ", ".join(sorted(PACKS))
        raise RuntimeError(f"{LANGUAGE_VARIABLE}={code!r}: no language pack (packs: {known})")
    return code


def process_pack() -> LanguagePack:
    return pack(process_language())


def analysis_language(code: str) -> str:
    """The pack a document in language `code` is analysed with: its own, or, for a language
    without one, the default's (names, numbers and dates in Latin script still match)."""
    return code if code in PACKS else DEFAULT_LANGUAGE
