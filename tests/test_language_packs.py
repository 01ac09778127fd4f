"""Language packs: every registered pack defines every table the analysis reads, with the
right shape, and the generic steps find what a pack's tables say."""

import re
import types
import typing
from datetime import date

import pytest

from facts.ingest.analysis import lang
from facts.ingest.analysis.claims import find_attribution
from facts.ingest.analysis.cleaning import Role, clean_article
from facts.ingest.analysis.context import build_context
from facts.ingest.analysis.dates import MONTH, find_dates, parse_date_line
from facts.ingest.analysis.events import find_triggers, propose_events
from facts.ingest.analysis.people import find_titled_people
from facts.ingest.analysis.sentences import split_paragraph

PACKS = sorted(lang.PACKS.items())
TABLES = typing.get_type_hints(lang.LanguagePack)
METACHARACTERS = re.compile(r"[.^$*+?{}\[\]\\|()]")


def _conforms(value: object, expected: object) -> bool:
    """Whether a value has a (parametrised) type: str, int, int | None, tuple[str, ...],
    tuple[int, int], frozenset[str], dict[str, X]."""
    origin, args = typing.get_origin(expected), typing.get_args(expected)
    if origin is None:
        return isinstance(value, expected)  # type: ignore[arg-type]  # a plain class here
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(value, arg) for arg in args)
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_conforms(item, args[0]) for item in value)
        return len(value) == len(args) and all(map(_conforms, value, args))
    if origin is frozenset:
        return isinstance(value, frozenset) and all(_conforms(item, args[0]) for item in value)
    if origin is dict:
        return isinstance(value, dict) and all(
            _conforms(k, args[0]) and _conforms(v, args[1]) for k, v in value.items()
        )
    raise AssertionError(f"no check for {expected}")


def _strings(value: object) -> list[str]:
    """Every string in a table (a dict's keys, and its values where they are strings)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k) + _strings(v)]
    if isinstance(value, (tuple, frozenset)):
        return [s for item in value for s in _strings(item)]
    return []


def test_the_english_pack_is_registered():
    assert lang.pack("en") is lang.PACKS["en"]
    with pytest.raises(KeyError):
        lang.pack("xx")


@pytest.mark.parametrize("code,pack", PACKS)
def test_a_pack_defines_every_table_with_its_type(code, pack):
    missing = [name for name in TABLES if not hasattr(pack, name)]
    assert missing == [], f"{code} lacks {missing}"
    wrong = [
        name for name, expected in TABLES.items() if not _conforms(getattr(pack, name), expected)
    ]
    assert wrong == [], f"{code}: {wrong} do not have the declared type"
    empty = [name for name in TABLES if getattr(pack, name) in ("", (), {}, frozenset())]
    # Only a kind with a direct object has no preposition; every table has some words.
    assert empty == [], f"{code}: {empty} are empty"


@pytest.mark.parametrize("code,pack", PACKS)
def test_every_piece_compiles_on_its_own(code, pack):
    for name in lang.PIECE_TABLES:
        table = getattr(pack, name)
        pieces = [p for _, p in table] if name == "EXTRA_PREDICATES" else _strings(table)
        for piece in pieces:
            re.compile(piece)  # raises re.error for a broken piece
            assert re.compile(piece).groupindex == {}, f"{code}.{name}: {piece!r} names a group"


@pytest.mark.parametrize("code,pack", PACKS)
def test_words_hold_no_regex_metacharacters(code, pack):
    words_tables = set(TABLES) - lang.PIECE_TABLES - lang.TEXT_TABLES
    for name in sorted(words_tables):
        for word in _strings(getattr(pack, name)):
            assert not METACHARACTERS.search(word), f"{code}.{name}: {word!r}"


@pytest.mark.parametrize("code,pack", PACKS)
def test_tables_that_name_units_and_kinds_use_the_known_ones(code, pack):
    en = lang.pack("en")
    assert set(pack.TRIGGERS) == set(en.TRIGGERS)  # the kinds are the project's, not a language's
    assert set(pack.OBJECT_PREPOSITIONS) <= set(pack.TRIGGERS)
    assert set(pack.TIME_UNITS.values()) <= {"day", "week", "month", "year"}
    relative_units = {unit for unit, _ in pack.RELATIVE_DATES.values()}
    assert relative_units <= {"day", "week", "weekend", "month", "year"}
    assert set(pack.MONTHS.values()) == set(range(1, 13))
    assert len(pack.MONTH_THIRDS) == 3
    assert all(1 <= a <= b <= 12 for a, b in pack.YEAR_PARTS.values())
    assert all(0 <= a <= b <= 9 for a, b in pack.DECADE_PARTS.values())


# ------------------------------------------------------------ the generic steps read the pack

EN = lang.pack("en")


@pytest.mark.parametrize("word", sorted(w for w, n in EN.MONTHS.items() if len(w) > 3))
def test_every_month_name_of_the_pack_is_a_month(word):
    found = find_dates(f"It happened in {word.capitalize()} 2021, officials said.")
    assert [(d.start, d.precision) for d in found] == [(date(2021, EN.MONTHS[word], 1), MONTH)]


def test_a_weekday_and_a_label_of_the_pack_are_read_off_a_date_line():
    label, weekday = EN.DATE_LABELS[0].capitalize(), "Thursday"
    weekdays = f"(?:{'|'.join(EN.WEEKDAYS)})(?:{EN.WEEKDAY_ENDING})?"
    assert re.fullmatch(weekdays, weekday, re.I)
    mention = parse_date_line(f"{label}: {weekday}, February 5, 2026")
    assert mention is not None and mention.start == date(2026, 2, 5)


def test_a_relative_date_of_the_pack_counts_from_the_publication_date():
    for phrase, (unit, offset) in EN.RELATIVE_DATES.items():
        if unit != "day":
            continue
        (mention,) = find_dates(f"Troops moved {phrase}.", reference=date(2026, 3, 10))
        assert mention.start == mention.end == date(2026, 3, 10 + offset), phrase


def test_a_part_of_the_year_from_the_pack_gives_its_months():
    first, last = EN.YEAR_PARTS["the second half of"]
    (mention,) = find_dates("Elections are planned for the second half of 2025.")
    assert (mention.start, mention.end) == (date(2025, first, 1), date(2025, last, 31))


@pytest.mark.parametrize("kind", sorted(EN.TRIGGERS))
def test_each_kind_has_a_trigger_phrase_that_proposes_it(kind):
    example = {
        "coup": "staged a coup",
        "membership-change": "left ECOWAS",
        "withdrawal": "withdrew its troops",
        "alliance-formation": "the formation of the alliance",
        "force-creation": "launched a joint force",
        "meeting": "held talks",
        "visit": "visited the capital",
        "agreement": "signed a defence agreement",
        "aid-suspension": "suspended military aid",
        "sanction": "imposed sanctions",
        "equipment-delivery": "delivered drones",
        "intelligence-sharing": "intelligence sharing",
        "deployment": "deployed soldiers",
        "airstrike": "a drone strike",
        "attack": "ambushed a convoy",
        "expulsion": "expelled the ambassador",
        "election": "presidential elections",
        "protest": "protesters gathered",
        "statement": "condemned the attack",
        "other": "resigned from office",
    }[kind]
    assert any(re.search(piece, example, re.I) for piece in EN.TRIGGERS[kind])
    assert kind in {hit.kind for hit in find_triggers(f"Officials said they {example} there.")}


@pytest.fixture
def ctx():
    return build_context(
        countries=[
            {"alpha3": "MLI", "name": "Mali", "demonyms": ["Malian"], "capital": "Bamako"},
            {"alpha3": "RUS", "name": "Russia", "demonyms": ["Russian"]},
        ],
        actors=[
            {"slug": "mali", "name": "Mali", "kind": "state", "country": "MLI"},
            {"slug": "russia", "name": "Russia", "kind": "state", "country": "RUS"},
        ],
        aliases=[],
    )


def _events(sentence: str, ctx) -> list[str]:
    mentions = ctx.gazetteer.find(sentence)
    return [e.kind for e in propose_events(0, sentence, mentions, find_dates(sentence), ctx)]


def test_a_trigger_proposes_its_event_and_a_modal_word_of_the_pack_blocks_it(ctx):
    assert _events("Russia delivered drones to Mali in March 2024.", ctx) == ["equipment-delivery"]
    for modal in ("could", "might", "would", "should"):
        assert re.fullmatch(f"(?:{'|'.join(EN.MODAL)})", modal)
        assert _events(f"Russia {modal} deliver drones to Mali in March 2024.", ctx) == []


def test_a_negation_of_the_pack_blocks_an_event(ctx):
    assert "never" in EN.NEGATION
    assert _events("Russia never delivered drones to Mali in March 2024.", ctx) == []


def test_a_reporting_verb_of_the_pack_names_the_source(ctx):
    assert "according to" in EN.REPORTING_VERBS and "said" in EN.REPORTING_VERBS
    attribution = find_attribution("Drones arrived, a ministry spokesman said.", [], ctx)
    assert attribution.claimant_text == "a ministry spokesman"


def test_a_rank_of_the_pack_introduces_a_person():
    assert "Lieutenant General" in EN.RANKS
    (person,) = find_titled_people("Lieutenant General John Brennan arrived in the city.", [])
    assert (person.name, person.title) == ("John Brennan", "Lieutenant General")


def test_furniture_of_the_pack_stays_out_of_the_text():
    cleaned = clean_article("A title\n\nThe army moved north on Monday.\n\nContinue reading\n")
    assert ("Continue reading", Role.FURNITURE) in [
        (line.text, line.role) for line in cleaned.lines
    ]
    assert "Continue reading" not in cleaned.text


def test_an_abbreviation_of_the_pack_ends_no_sentence():
    assert "gen" in EN.ABBREVIATIONS
    text = "He met Gen. Diallo in Bamako. They spoke."
    assert [text[a:b] for a, b in split_paragraph(text, 0, len(text))] == [
        "He met Gen. Diallo in Bamako.",
        "They spoke.",
    ]


def test_the_analysis_spells_kinds_and_statuses_as_the_choices_do():
    from facts.choices import ActorKind, ReviewStatus
    from facts.ingest.analysis import kinds

    names = [name for name in vars(kinds) if name.isupper()]
    assert names, "kinds.py defines no constants"
    for name in names:
        choice = getattr(ActorKind, name, None) or getattr(ReviewStatus, name)
        assert getattr(kinds, name) == choice.value, name
