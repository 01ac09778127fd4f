"""Step 7: events proposed from trigger phrases, with participants, places and dates.

Each event kind has a vocabulary of trigger phrases. In a sentence, each date is given to the
nearest trigger; a plural trigger with several dates ("two coups, first in August 2020 and
again in May 2021") becomes several events, and a count larger than the dates given ("two
coups in 2022, … in September of that year") keeps the undated remainder at the coarser date.
Hedged sentences ("could", "might", "is expected to") propose no events.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from facts.ingest.analysis import kinds, lang, prefilter
from facts.ingest.analysis.context import ExtractionContext
from facts.ingest.analysis.dates import DateMention, contains, span_of
from facts.ingest.analysis.fatalities import Fatalities
from facts.ingest.analysis.gazetteer import Mention
from facts.ingest.analysis.places import PlaceFinding, PlaceRules, locate
from facts.ingest.analysis.sentences import Clause, clause_at, split_clauses

_P = lang.process_pack()


def _p(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


def _any(words: tuple[str, ...] | list[str]) -> str:
    """An alternation of a pack's words (or pieces), in the pack's order."""
    return "|".join(words)


TRIGGERS: dict[str, list[re.Pattern]] = {
    kind: [_p(piece) for piece in pieces] for kind, pieces in _P.TRIGGERS.items()
}

# Kinds whose events can be counted in deaths (the sentence's count goes to the first one).
DEADLY_KINDS = {"attack", "airstrike", "coup", "protest"}
# Kinds where a country is only ever the place, never a participant.
PLACE_ONLY_KINDS = {"coup", "attack", "airstrike", "election", "protest"}
# Kinds where a country named is where it happened, never a side: those above, and the
# events of no kind (a rebellion "in northern Burkina Faso", a death "in Russia").
COUNTRY_PLACE_KINDS = PLACE_ONLY_KINDS | {"other"}
# What each kind's words may place (places.PlaceRules): statements are not placed by what
# they speak of; only what strikes takes "on X"; a sanction's target country is no place.
PLACE_RULES = {
    kind: PlaceRules(
        placed=kind != "statement",
        struck=kind in PLACE_ONLY_KINDS,
        by_country=kind in COUNTRY_PLACE_KINDS | {"deployment", "withdrawal", "visit"},
        # "MINUSMA was deployed", in an article about Mali: a mission goes where the story is
        home=kind in COUNTRY_PLACE_KINDS | {"deployment", "withdrawal", "force-creation"},
        destination=kind in {"visit", "deployment"},
        by_sides=kind == "coup",
        left=kind in {"withdrawal", "expulsion"},
    )
    for kind in (*TRIGGERS, "other")
}
# Kinds that must have a date (or an unresolved date as written) to create an event; without
# one they can still be linked to a single matching event that already exists.
POINT_KINDS = {
    "coup",
    "attack",
    "airstrike",
    "election",
    "protest",
    "alliance-formation",
    "statement",
    "other",
}
# Role of an actor before and after the trigger phrase.
ROLES: dict[str, tuple[str, str]] = {
    "coup": ("perpetrator", "target"),
    "withdrawal": ("party", "party"),
    "deployment": ("party", "party"),
    "alliance-formation": ("party", "party"),
    "force-creation": ("party", "party"),
    # "Mali left ECOWAS", "the AU suspended Mali": the body left or the member suspended is
    # the other side.
    "membership-change": ("party", "target"),
    "meeting": ("party", "party"),
    "visit": ("visitor", "host"),
    "agreement": ("party", "party"),
    "aid-suspension": ("party", "target"),
    "sanction": ("perpetrator", "target"),
    "equipment-delivery": ("supplier", "recipient"),
    "intelligence-sharing": ("supplier", "recipient"),
    "attack": ("perpetrator", "target"),
    "airstrike": ("perpetrator", "target"),
    "expulsion": ("perpetrator", "target"),
    "election": ("party", "party"),
    "protest": ("party", "target"),
    "statement": ("party", "party"),
    "other": ("party", "party"),
}
# Kinds whose perpetrator, when a person, led it: soldiers carry out a coup that an officer
# leads.
LED_KINDS = {"coup", "attack"}
# Prepositions that introduce the other side of the event (recipient, host, partner).
OBJECT_PREPOSITIONS = {kind: _any(words) for kind, words in _P.OBJECT_PREPOSITIONS.items()}
REQUIRES_ORGANISATION = {"alliance-formation", "membership-change"}
# Bodies that others join, leave or pledge allegiance to: blocs, and armed groups (a faction
# joining the Islamic State).
ORGANISATION_KINDS = {kinds.INTERNATIONAL_ORGANISATION, kinds.ARMED_GROUP}
# What a formation word ("was created", "the establishment of") forms when it names one of
# these: a force, not an alliance.
FORCE_KINDS = {kinds.ARMED_FORCE, kinds.ARMED_GROUP, kinds.MILITARY_OPERATION, kinds.MERCENARY}
_FORMATION_WORDS = [_p(piece) for piece in _P.TRIGGERS["alliance-formation"][:2]]
# "carried out by X", "claimed by X": X did what the trigger names, even after it.
_AGENT_PHRASE = re.compile(
    rf"\b(?:{_any(_P.AGENT_PHRASES)})\s+{_P.AGENT_PREPOSITION}\s+(?:[\w.'’-]+,?\s+){{0,4}}$",
    re.I,
)
_COUP_TARGET = re.compile(
    rf"\b(?:{_any(_P.COUP_TARGET_MARKERS)})\s+(?:{_P.DEFINITE_ARTICLE}\s+)?(?:[\w.'’-]+\s+){{0,4}}$",
    re.I,
)
_COUP_LEADER = re.compile(rf"\b(?:{_any(_P.COUP_LEADER_MARKERS)})\s+(?:[\w.'’-]+\s+){{0,4}}$", re.I)
_COUP_PATIENT = re.compile(
    rf"^(?:[^,;]{{0,40}}?)\s+(?:{_any(_P.PASSIVE_AUXILIARIES)}|had\s+been|has\s+been)\s+"
    rf"(?:\w+\s+)?(?:{_any(_P.COUP_TARGET_MARKERS)})\b",
    re.I,
)
_COUP_AGENT = re.compile(
    rf"^(?:\s*,[^,;]{{0,60}},)?\s+(?:who\s+|that\s+|had\s+|has\s+|then\s+)?"
    rf"(?:{_any(_P.COUP_AGENT_VERBS)})\b",
    re.I,
)
PLURAL_NOUNS = _P.PLURAL_EVENT_NOUNS
_THE = _P.DEFINITE_ARTICLE
# Modal verbs make a statement a forecast or a possibility: no event, no claim.
MODAL = re.compile(rf"\b(?:{_any(_P.MODAL)})\b")
# Softer hedges lower a claim's confidence.
HEDGE = re.compile(rf"\b(?:{_any(_P.HEDGE)})\b", re.I)
NEGATION = re.compile(rf"\b(?:{_any(_P.NEGATION)})\s+(?:\w+\s+){{0,2}}$", re.I)
_PASSIVE = re.compile(rf"\b(?:{_any(_P.PASSIVE_AUXILIARIES)})\s+(?:\w+\s+)?$", re.I)
_COMPASS = _any(_P.LOCATIVE_QUALIFIERS)
_LOCATIVE = re.compile(
    rf"\b(?:{_any(_P.LOCATIVE_PREPOSITIONS)})\s+(?:{_THE}\s+)?"
    rf"(?:(?:{_COMPASS})\s+(?:(?:{_P.AND}|{_P.OR})\s+(?:{_COMPASS})\s+)?)?$",
    re.I,
)
_PLACE_OF = re.compile(rf"\b(?:{_any(_P.PLACE_OF_NOUNS)})\s+of\s+(?:{_THE}\s+)?$", re.I)
# The lower-case word after a country's name: "in U.S. training programs" is no place.
_NEXT_LOWER = re.compile(r"\s+([a-z][a-z'’-]*)\b")


def _attributive(after: str) -> bool:
    """Whether a country's name, followed by `after`, qualifies the next word (an adjective,
    "U.S. training") rather than naming a place ("in Mali on Monday", "in Niger and Chad")."""
    following = _NEXT_LOWER.match(after)
    return following is not None and following.group(1) not in _P.PLACE_FOLLOWERS


# Public names, for the claims' reading of a country named as a place.
LOCATIVE, PLACE_OF = _LOCATIVE, _PLACE_OF
_EXPERIENCER = re.compile(rf"^{_P.LOOSE_POSSESSIVE}\s+(?:{_any(_P.EXPERIENCER_VERBS)})\b", re.I)
_BY = re.compile(rf"\b{_P.AGENT_PREPOSITION}\s+(?:[\w.'’-]+,?\s+){{0,4}}$", re.I)
# After a demonym, an office: "the Malian foreign minister, Abdoulaye Diop": a nationality,
# the person acts.
_OFFICE_AFTER = re.compile(rf"\s+(?:[a-z]+\s+){{0,2}}(?:{_any(_P.OFFICES)})\b", re.I)
# Right after a name: a request that name makes ("Diop, asked the Council to withdraw …").
_REQUESTER = re.compile(rf"\W{{0,3}}(?:{_any(_P.REQUEST_MARKERS)})\b", re.I)
_FORCE_AFTER = re.compile(
    rf"^{_P.LOOSE_POSSESSIVE}\s+(?:{_any(_P.FORCE_NOUNS)})\b",
    re.I,
)
_COUNT = re.compile(rf"\b({_any(list(_P.COUNT_WORDS))})\b", re.I)
_COUNT_VALUES = {word: n for word, n in _P.COUNT_WORDS.items() if n is not None}
_RECIPIENT_SPLIT = re.compile(rf"\b{_P.RECIPIENT_PREPOSITION}\s+(?:{_THE}\s+)?$", re.I)
_LIST_INTRODUCER = re.compile(rf"^\W*(?:{_any(_P.LIST_INTRODUCERS)})\s+")
_TRAILING_RECIPIENT = re.compile(rf"\s+{_P.RECIPIENT_PREPOSITION}\s*$")
# "between Washington and the AES": after "between", and after its "and" (with a few words).
_BETWEEN_AND_NEAR = re.compile(
    rf"\b{_P.BETWEEN}\b[^,;]*\b{_P.AND}\s+(?:{_THE}\s+)?(?:[\w-]+\s+){{0,2}}$", re.I
)
_BETWEEN_AND = re.compile(rf"\b{_P.BETWEEN}\b[^,;]*\b{_P.AND}\s+(?:{_THE}\s+)?$", re.I)
_BETWEEN = re.compile(rf"\b{_P.BETWEEN}\s+(?:{_THE}\s+)?$", re.I)
_OBJECT_DETERMINERS = "|".join(rf"{word}\s+" for word in _P.OBJECT_DETERMINERS)
_OBJECT_DETERMINERS_ALT = "|".join(_P.OBJECT_DETERMINERS)
# Per kind: a name introduced as the other side ("to Mali", "with Nigeria").
_OBJECT_SIDE = {
    kind: re.compile(
        rf"\b(?:{prepositions})\s+(?:{_OBJECT_DETERMINERS})?(?:[\w.'’-]+\s+){{0,2}}$", re.I
    )
    for kind, prepositions in OBJECT_PREPOSITIONS.items()
    if prepositions
}


@dataclass(frozen=True)
class TriggerHit:
    kind: str
    start: int
    end: int
    text: str


@dataclass
class EventProposal:
    kind: str
    sentence_index: int
    trigger: str
    date: DateMention | None
    countries: list[str] = field(default_factory=list)  # "country:MLI"
    participants: list[tuple[str, str]] = field(default_factory=list)  # ("actor:x", role)
    detail: str = ""
    link_only: bool = False
    fatalities: Fatalities | None = None
    trigger_at: int = 0  # where the trigger starts in the sentence
    place: PlaceFinding | None = None

    @property
    def core(self) -> set[str]:
        return {target for target, _ in self.participants}


# One pass over all trigger vocabularies tells whether a sentence needs the detailed look.
_ANY_TRIGGER = re.compile(
    "|".join(f"(?:{p.pattern})" for ps in TRIGGERS.values() for p in ps), re.I
)
# Cheaper still, on ASCII sentences (most of them): the words without which a vocabulary
# cannot match (prefilter.py), looked for in the lower-cased sentence.
_WORDS = {p: prefilter.required_words(p) for ps in TRIGGERS.values() for p in ps}
_KNOWN_WORDS = [words for words in _WORDS.values() if words]
_ANY_WORDS = frozenset[str]().union(*_KNOWN_WORDS) if len(_KNOWN_WORDS) == len(_WORDS) else None


# Every vocabulary in order (kinds in the pack's order, the first listed wins a place), and
# for each word the vocabularies that need it: a sentence runs only those of its words.
_ORDERED = [(kind, pattern) for kind, patterns in TRIGGERS.items() for pattern in patterns]
_NEEDING: dict[str, list[int]] = {}
for _index, (_, _pattern) in enumerate(_ORDERED):
    for _word in _WORDS[_pattern] or ():
        _NEEDING.setdefault(_word, []).append(_index)


def find_triggers(sentence: str) -> list[TriggerHit]:
    present = prefilter.words_in(_ANY_WORDS, sentence) if _ANY_WORDS is not None else None
    if present is None:
        if not _ANY_TRIGGER.search(sentence):
            return []
        candidates: Iterable[int] = range(len(_ORDERED))
    elif not present:
        return []
    else:  # only the vocabularies one of whose words the sentence holds
        candidates = sorted({i for word in present for i in _NEEDING.get(word, ())})
    hits: list[TriggerHit] = []
    for index in candidates:
        kind, pattern = _ORDERED[index]
        for match in pattern.finditer(sentence):
            if any(h.start < match.end() and match.start() < h.end for h in hits):
                continue
            hits.append(TriggerHit(kind, match.start(), match.end(), match.group(0)))
    return sorted(hits, key=lambda h: h.start)


def _distance(hit: TriggerHit, start: int, end: int) -> int:
    if end <= hit.start:
        return hit.start - end
    if start >= hit.end:
        return start - hit.end
    return 0


def _assign_dates(
    sentence: str, hits: list[TriggerHit], dates: list[DateMention]
) -> dict[int, list[DateMention]]:
    """Each date to the trigger it belongs to: the nearest one, except that a date followed by
    a coordinator before the next trigger ("seized power in 2020 and ousted …") closes the
    trigger before it."""
    assigned: dict[int, list[DateMention]] = {i: [] for i in range(len(hits))}
    for date in dates:
        nearest = min(
            range(len(hits)), key=lambda i: _distance(hits[i], date.start_offset, date.end_offset)
        )
        before = [i for i, h in enumerate(hits) if h.end <= date.start_offset]
        after = [i for i, h in enumerate(hits) if h.start >= date.end_offset]
        if before and after and nearest == after[0]:
            gap = sentence[date.end_offset : hits[after[0]].start]
            if _COORDINATED.search(gap) or _ONLY_PLACES.fullmatch(
                sentence, hits[before[-1]].end, date.start_offset
            ):
                # "signed in Ouagadougou in June allowed an election": only the place of
                # the act before stands between it and the date.
                nearest = before[-1]
        if (
            after
            and nearest == after[0]
            and _TIME_REFERENCE.search(sentence, date.end_offset, hits[nearest].start)
        ):
            # "resumed operations in September after a pause following the coup": the coup
            # is named as a point in time, the date is the act's before it.
            if not before:
                continue
            nearest = before[-1]
        elif after and nearest == after[0]:
            gap = sentence[date.end_offset : hits[after[0]].start]
            if _CLAUSE_CLOSED.search(gap) and any(
                d.start_offset >= hits[after[0]].end
                and not _object_of_a_verb(sentence, hits[after[0]], d)
                for d in dates
            ):
                # "seized northern Mali in 2012, and a French-led operation drove them out
                # in January 2013": the first clause's act, which no trigger names; the act
                # after it has its own date ("on Saturday, and crowds attacked" has not).
                continue
        if _DEADLINE.search(
            sentence, max(0, date.start_offset - 20), date.start_offset
        ) and not _DEADLINE_WHEN.match(sentence, date.end_offset):
            continue  # "extended the mandate until 30 June 2015": when it ends, not the act
        if before and _OCCURRED.match(sentence, hits[before[-1]].end, date.start_offset):
            # "the attack on the hotel, which was carried out on 20 November": the clause
            # tells when the act it follows happened.
            assigned[before[-1]].append(date)
            continue
        if nearest in before and _IN_RELATIVE.search(
            sentence, hits[nearest].end, date.start_offset
        ):
            # "withdrawal from the G5 Sahel, which Mali had left in May 2022": the relative
            # clause's date, not the withdrawal's.
            continue
        if _THE_BEFORE.search(sentence, max(0, date.start_offset - 8), date.start_offset) and not (
            nearest in after
            and _NAMED_NEXT.fullmatch(sentence, date.end_offset, hits[nearest].start)
        ):
            continue  # "leading to the 2023–2024 Niger crisis": the date names the crisis
        if nearest in before and ";" in sentence[hits[nearest].end : date.start_offset]:
            continue  # "…; a year later, on 1 August 2014, Serval was folded into …"
        if nearest in before and _IN_SUBORDINATE.search(
            sentence, hits[nearest].end, date.start_offset
        ):
            continue  # that clause's act, which no trigger names
        if nearest in before and _object_of_a_verb(sentence, hits[nearest], date):
            # "condemned the takeover on Friday", "backed the coup a day later": the date
            # is the verb's, the event named only as one already known.
            if nearest > 0 and _object_of_previous(sentence, hits, nearest, date):
                assigned[nearest - 1].append(date)
            continue
        assigned[nearest].append(date)
    return _left_to_the_undated(hits, assigned)


def _left_to_the_undated(
    hits: list[TriggerHit], assigned: dict[int, list[DateMention]]
) -> dict[int, list[DateMention]]:
    """A trigger with a date of its own after it gives a date it took from before it to the
    trigger before that date, when that one has none: "an agreement signed in June allowed an
    election in August" dates the signing in June and the election in August."""
    for i, hit in enumerate(hits):
        own_after = [d for d in assigned[i] if d.start_offset >= hit.end]
        taken_before = [d for d in assigned[i] if d.end_offset <= hit.start]
        if not own_after or len(taken_before) != 1:
            continue
        date = taken_before[0]
        earlier = [j for j, h in enumerate(hits) if h.end <= date.start_offset]
        if earlier and not assigned[earlier[-1]]:
            assigned[earlier[-1]].append(date)
            assigned[i].remove(date)
    return assigned


_MUTUAL = re.compile(rf"(?:{_any(_P.MUTUAL_FIGHTING)})", re.I)
# A date that opens the sentence and frames it: "26 Jul 2023: …", "On 6 July 2024, …".
# "On Saturday 16 September, …", "Le samedi 16 septembre, …": a weekday may stand before it.
_FRAME_BEFORE = re.compile(
    rf"^\W*(?:(?:{_any(_P.LOCATIVE_PREPOSITIONS)}|{_P.DATE_LABEL_ON}|since|by|during)\s+)?"
    rf"(?:(?:{_any(tuple(_P.WEEKDAY_NAMES))}),?\s+)?$",
    re.I,
)
_FRAME_AFTER = re.compile(r"^\s*[:,–—-]")
_REQUESTED = re.compile(rf"\b(?:{_any(_P.REQUEST_MARKERS)})\b[^.;,]*$", re.I)
_RELATIVE = re.compile(rf",\s*(?:{_any(_P.RELATIVE_PRONOUNS)})\b", re.I)
# A verb of speaking of an event or taking a stance on it ("condemns the sanctions").
_SPEAKS_OF = re.compile(rf"\b(?:{_any(_P.SPEAKING_OF)})\b", re.I)
# A date inside a relative clause that is still open where the date is written.
_IN_RELATIVE = re.compile(rf",\s*(?:{_any(_P.RELATIVE_PRONOUNS)})\b[^,;]*$", re.I)
_DETERMINERS = _any((*_P.OBJECT_DETERMINERS, *_P.ARTICLES))
_DEADLINE = re.compile(rf"(?<![\w'’])(?:{_any(_P.DEADLINE_WORDS)})\s+$", re.I)
_DEADLINE_WHEN = re.compile(rf"\s*,?\s*(?:{_any(_P.DEADLINE_WHEN)})(?![\w])", re.I)
# Between an act and a date: a relative clause of its occurrence, right before the date.
_OCCURRED = re.compile(
    rf"[^;]{{0,150}}?,\s*(?:{'|'.join(_P.OCCURRENCE_CLAUSES)})\s+"
    rf"(?:(?:{_P.DATE_LABEL_ON}|{_any(_P.LOCATIVE_PREPOSITIONS)})\s+)?$",
    re.I,
)
# Before a trigger: the event named as a point in time ("after the coup", "following a
# pause"), not reported.
_TIME_REFERENCE = re.compile(rf"\b(?:{_any(_P.SUBORDINATORS)})\s+(?:{_DETERMINERS})\b[^,;]*$", re.I)
# A date that qualifies the noun after it ("the 2023–2024 Niger crisis"), and what may stand
# between it and that noun when the noun is the event's ("the 2020 Malian coup d'état").
_THE_BEFORE = re.compile(rf"\b{_THE}\s+$", re.I)
_NAMED_NEXT = re.compile(r"\s+(?:[\w'’-]+\s+){0,3}")
# Right before a trigger: the event named as a point in time ("following the 2012 coup").
_NAMED_AS_TIME = re.compile(
    rf"\b(?:{_any(_P.NAMED_EVENT_OPENERS)})\s+(?:{_DETERMINERS})\s+"
    rf"(?:[\w'’-]+\s+){{0,3}}$",
    re.I,
)
_NAMED_AS_SOURCE = re.compile(
    rf"\b{_P.ACCORDING_TO}\s+(?:{_any(_P.ANONYMOUS_DETERMINERS)})\s+(?:[\w'’-]+\s+){{0,2}}$", re.I
)
# Between a trigger and a date: nothing but where the act took place ("in Ouagadougou").
_ONLY_PLACES = re.compile(
    rf"(?:\s+(?:{_any(_P.LOCATIVE_PREPOSITIONS)})\s+(?:{_THE}\s+)?"
    rf"(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)*)*\s*",
    re.I,
)
# Between a date and the first trigger after it: the date's clause has ended ("in 2012, and
# a French-led operation …"); a comma alone does not end it ("In 2012, gunmen attacked").
_CLAUSE_CLOSED = re.compile(rf";|,\s*(?:{_any(_P.MAIN_CLAUSE_COORDINATORS)})\b", re.I)
# A date inside a subordinate clause with its own subject, still open where the date is
# written ("troops left Agadez, after the French had left the country the previous December").
_IN_SUBORDINATE = re.compile(
    rf",\s*(?:{_any(_P.SUBORDINATORS)})\s+(?:(?:{_any(_P.MAIN_STARTERS)})\b|(?-i:[A-Z]))[^;]*$",
    re.I,
)


def _requested(sentence: str, clauses: list[Clause], hit: TriggerHit) -> bool:
    clause = clause_at(clauses, hit.start)
    return bool(_REQUESTED.search(sentence, max(clause.start, hit.start - 60), hit.start))


def _framed(
    sentence: str, hits: list[TriggerHit], by_hit: dict[int, list[DateMention]], dates
) -> dict[int, list[DateMention]]:
    """A date that opens the sentence, set off by a colon or a comma, dates every act the
    sentence reports without a date of its own ("26 Jul 2023: ECOWAS leaders meeting in
    Abuja impose sanctions …; demonstrators gather …"), except an act only asked for
    ("called for the withdrawal") or told in a relative clause ("which seized power")."""
    first = min(dates, key=lambda d: d.start_offset, default=None)
    if (
        first is None
        or not first.resolved
        or any(h.start < first.end_offset for h in hits)
        or not _FRAME_BEFORE.match(sentence[: first.start_offset])
        or not _FRAME_AFTER.match(sentence[first.end_offset :])
    ):
        return by_hit
    framed = dict(by_hit)
    for i, hit in enumerate(hits):
        if by_hit[i]:
            continue
        between = sentence[first.end_offset : hit.start]
        if _REQUESTED.search(between) or _RELATIVE.search(between):
            continue
        framed[i] = [first]
    return framed


_DETERMINERS_ONLY = re.compile(rf"^\s+(?:{_OBJECT_DETERMINERS_ALT})\s+$", re.I)
# Between a trigger and its date: nothing but a place ("the coup in Niger a day later").
_DATE_RIGHT_AFTER = re.compile(
    rf"^\s*(?:(?:{_any(_P.LOCATIVE_PREPOSITIONS)})\s+(?-i:[A-Z])[\w'’.-]*(?:\s+(?-i:[A-Z])[\w'’.-]*)*,?\s*)?"
    rf"(?:(?:{_P.DATE_LABEL_ON}|in)\s+)?$",
    re.I,
)


_STANCE_ON = re.compile(rf"\b(?:{_any(_P.STANCE_VERBS)})\s+(?:{_OBJECT_DETERMINERS_ALT})\s+$", re.I)


def _object_of_a_verb(sentence: str, hit: TriggerHit, date: DateMention) -> bool:
    """Whether a trigger is a known event that someone took a stance on, with the date right
    after it: "condemned the takeover on Friday", "backed the coup a day later" (a stance
    follows the event; "noted the visit to Niamey on 30 July" dates the visit)."""
    return (
        hit.end <= date.start_offset
        and not _PARTICIPLE.match(hit.text)
        and bool(_STANCE_ON.search(sentence, 0, hit.start))
        and bool(_DATE_RIGHT_AFTER.match(sentence[hit.end : date.start_offset]))
    )


def _object_of_previous(
    sentence: str, hits: list[TriggerHit], index: int, date: DateMention
) -> bool:
    """Whether a trigger is the object of the one before it ("condemned the takeover",
    "denounced the attack") with the date right after it: the date is when the verb's act
    happened, the object named only as something known."""
    hit, previous = hits[index], hits[index - 1]
    return (
        previous.kind != hit.kind
        and not _PARTICIPLE.match(hit.text)
        and bool(_DETERMINERS_ONLY.match(sentence[previous.end : hit.start]))
        and bool(_DATE_RIGHT_AFTER.match(sentence[hit.end : date.start_offset]))
    )


def _count_for(sentence: str, hits: list[TriggerHit], kind: str) -> int | None:
    for hit in hits:
        if hit.kind != kind:
            continue
        before = sentence[max(0, hit.start - 25) : hit.start]
        match = _COUNT.search(before)
        if match:
            return _COUNT_VALUES.get(match.group(1).lower())
    return None


def _object_side(kind: str, before: str) -> bool:
    """Whether a name is introduced as the other side: "to Mali", "with Nigeria", "between
    Washington and the AES"."""
    if _BETWEEN_AND_NEAR.search(before):
        return True
    if _BETWEEN.search(before):
        return True
    pattern = _OBJECT_SIDE.get(kind)
    return pattern is not None and bool(pattern.search(before))


# Between two dates of one list: "in late 2021 and early 2022", "in 2020, 2021 and 2022".
_DATE_LIST_JOIN = re.compile(
    rf"^\s*,?\s*(?:(?:{_P.AND}|{_P.OR})\s+)?(?:(?:{_any(_P.LOCATIVE_PREPOSITIONS)}|{_P.DATE_LABEL_ON})\s+)?$",
    re.I,
)
_LIST_JOIN = re.compile(
    rf"^(?:,\s*(?:{_P.AND}\s+|{_P.OR}\s+)?|\s+(?:{_P.AND}|{_P.OR})\s+)(?:{_THE}\s+)?$", re.I
)
_COMPLEMENT = re.compile(rf"\b(?:{_any(_P.COMPLEMENTIZERS)})\b", re.I)
_PARTICIPLE = re.compile(rf"^\w+(?:{_any(_P.PARTICIPLE_ENDINGS)})\b", re.I)
# Between a date and the next trigger: the date closes the trigger before it.
_COORDINATED = re.compile(rf"[,;]|\b(?:{_any(_P.CLAUSE_COORDINATORS)})\b", re.I)
# Who can carry out a coup, attack or strike: not a state or an international organisation.
AGENT_KINDS = {
    kinds.PERSON,
    kinds.ARMED_FORCE,
    kinds.ARMED_GROUP,
    kinds.MERCENARY,
    kinds.GOVERNMENT_BODY,
}
_PLACE_WINDOW = 20
# A place that opens the sentence: "In Niger, …", "In northern Mali and …".
_FRONTED_PLACE = re.compile(
    rf"^\W*(?:{_any(_P.LOCATIVE_PREPOSITIONS)})\s+(?:{_THE}\s+)?(?:[\w'’-]+,?\s+){{0,4}}$", re.I
)
# Kinds whose event noun takes its doer after "of" ("the visit of President Déby", "the
# arrival of the delegation").
AGENT_OF_KINDS = {"visit", "meeting", "statement"}
_AGENT_OF = re.compile(rf"\bof\s+(?:{_THE}\s+)?(?:(?-i:[A-Z])[\w.'’-]*\s+){{0,3}}$", re.I)
# Kinds whose trigger phrase names the other side ("left ECOWAS", "suspended Mali's
# membership").
OBJECT_INSIDE_KINDS = {"membership-change"}
_OF_END = re.compile(rf"\bof\s+(?:{_THE}\s+)?$", re.I)
# Kinds whose other side, when a country, is where the visitor or the troops went or left.
DESTINATION_KINDS = {"visit", "withdrawal", "deployment"}
# Kinds whose people named after "led by" led them (coups and attacks: LED_KINDS): "protests
# led by imam Mahmoud Dicko", "elements under the leadership of al-Sahrawi pledged allegiance".
LEADER_KINDS = {"protest", "alliance-formation", "force-creation", "membership-change"}
# "mercenaries of the Wagner Group", "fighters from JNIM": the body a list's item belongs to.
_OF_CHAIN = re.compile(
    rf"^\s+(?:{_P.AND}\s+)?(?:[\w-]+\s+){{1,2}}(?:of|from)\s+(?:{_P.DEFINITE_ARTICLE}\s+)?$", re.I
)
# "Russia's Wagner Group", "Mali's President Goïta": the country qualifies who follows.
_QUALIFYING_POSSESSIVE = re.compile(rf"^{_P.POSSESSIVE}\s+(?:[\w.-]+\s+){{0,3}}$")
# "Keïta … had faced mass protests": the subject undergoes the event, it does not make it.
_UNDERGOES = re.compile(
    # Not a bare "had": "JNIM had attacked" is JNIM's act.
    rf"\b(?:{_any([v for v in _P.EXPERIENCER_VERBS if v != 'had'])})\s+(?:[\w-]+\s+){{0,3}}$",
    re.I,
)


def _participants_in_clause(
    kind: str,
    hit: TriggerHit,
    sentence: str,
    clause: Clause,
    mentions: list[Mention],
    ctx: ExtractionContext,
    exclude: list[tuple[int, int]] | None,
    others: list[TriggerHit],
) -> tuple[list[tuple[str, str, int]], list[tuple[str, int]]]:
    """(participant, role, offset) and (country place, offset) for one trigger, from its own
    clause; the offset is where the name is written.

    Names in `exclude` spans can still be places but never participants; `others` are the
    sentence's triggers of other events: a name after one of them, past this trigger, is that
    event's ("re-elected in 2018, had faced protests led by X": X led the protests)."""
    actor_spans = [(m.start, m.end) for m in mentions if m.target_type == "actor"]
    person_spans = [
        (m.start, m.end)
        for m in mentions
        if m.target_type == "actor" and ctx.actor_kinds.get(m.target) == kinds.PERSON
    ]
    object_role = ROLES[kind][1]
    # "was attacked" is passive; "was visiting" is not.
    passive = bool(_PASSIVE.search(sentence[: hit.start])) and not _PARTICIPLE.match(hit.text)
    participants: list[tuple[str, str, int]] = []
    countries: list[tuple[str, int]] = []
    previous: tuple[Mention, str | None] | None = None
    # Where "following the" of an event named as a point in time starts, if it is one.
    # Likewise for a source named after "according to": whoever acts before it is not its
    # author ("troops killed 500 people, according to a report published by the UN").
    as_time = _NAMED_AS_TIME.search(sentence, clause.start, hit.start) or _NAMED_AS_SOURCE.search(
        sentence, clause.start, hit.start
    )
    time_word_at = as_time.start() if as_time else -1
    # An event named as a point in time is its phrase: "after a military coup in Mali in
    # 2012, Islamist rebels, some with links to al-Qaeda, seized …" ends at the comma.
    phrase_end = len(sentence)
    if as_time and (comma := sentence.find(",", hit.end)) >= 0:
        phrase_end = comma
    for mention in mentions:
        if not (clause.start <= mention.start < clause.end):
            continue
        if mention.target_type not in {"actor", "country"}:
            continue
        if mention.target_type == "country" and _inside_a_name(mention, actor_spans):
            continue
        if mention.target_type == "actor" and _inside_a_name(mention, person_spans):
            continue  # "Idriss Déby Itno" in "Mahamat Idriss Déby Itno": the one person
        before = sentence[clause.start : mention.start]
        after = sentence[mention.end :]
        inside = hit.start <= mention.start < hit.end
        subject_side = mention.end <= hit.start or inside
        holds_object = (
            inside
            and kind in OBJECT_INSIDE_KINDS
            and mention.start > hit.start
            and not _OF_END.search(sentence, hit.start, mention.start)  # "withdrawal of Mali"
        )
        if holds_object:
            # "withdrawal from the G5 Sahel", "suspended Mali's membership": the trigger
            # holds its object.
            inside = subject_side = False
        if kind not in AGENT_OF_KINDS and (
            _REQUESTER.match(sentence, mention.end)
            or (mention.kind == "demonym" and _OFFICE_AFTER.match(sentence, mention.end))
        ):
            # "Diop asked the Security Council to withdraw MINUSMA, and the Council ended the
            # mission": who asks takes no part in the act, whoever does it; "the Malian
            # foreign minister" names a person's nationality, not the state.
            previous = (mention, None)
            continue
        if mention.start < time_word_at or mention.start > phrase_end:
            # "U.S. forces resumed operations after a pause following the coup": the coup is
            # a point in time; who acts before it takes no part in it.
            continue
        if _belongs_to_another(hit, mention, others, subject_side, kind, sentence, clause):
            previous = (mention, None)
            continue
        if (
            subject_side
            and not inside
            and (
                (
                    kind != "statement"
                    and (
                        _COMPLEMENT.search(sentence, mention.end, hit.start)
                        or _SPEAKS_OF.search(sentence, mention.end, hit.start)
                        or _REQUESTED.search(sentence, mention.end, hit.start)
                    )
                )
                # "The Ministry welcomes the joint communiqué issued by …": another's
                # statement, which the Ministry speaks of
                or (
                    kind == "statement"
                    and not _SPEAKS_OF.fullmatch(hit.text)
                    and _SPEAKS_OF.search(sentence, mention.end, hit.start)
                )
            )
        ):
            # "The Ministry notes that Nigeria has cut off …", "The Ministry takes note of the
            # visit …", "Diop asked the Security Council to withdraw MINUSMA": who speaks of
            # an act, or asks for it, takes no part in it.
            continue
        if (
            kind == "statement"
            and not passive
            and mention.start >= hit.end
            and (
                _COMPLEMENT.search(sentence, hit.end, mention.start)
                or _SPEAKS_OF.fullmatch(hit.text)
            )
        ):
            # "announced that French forces would leave", "condemns the sanctions decided by
            # ECOWAS": what the statement says, or speaks of, is not who makes it.
            previous = (mention, None)
            continue
        # A direct object ("visited Bamako", "ousted Bazoum") is the other side, like "to X",
        # for kinds that have one; for a withdrawal ("departed Burkina Faso") it is the place.
        direct = mention.start >= hit.end and not sentence[hit.end : mention.start].strip(" ")
        object_side = (
            (direct and bool(OBJECT_PREPOSITIONS.get(kind)))
            or _object_side(kind, before)
            or holds_object
        )
        locative = (direct or bool(_LOCATIVE.search(before) or _PLACE_OF.search(before))) and not (
            mention.kind == "country-name" and _attributive(after)
        )
        joined = sentence[previous[0].end : mention.start] if previous is not None else ""
        listed = previous is not None and (
            _LIST_JOIN.match(joined)
            # "… and Russian mercenaries from the Wagner Group", the trigger not between
            or (_OF_CHAIN.match(joined) and not previous[0].end <= hit.start < mention.start)
        )
        role: str | None
        if _BETWEEN_AND.search(before):
            role = object_role  # "between Washington and the AES": the second party
            target = (
                ctx.as_actor(mention.target) if mention.target_type == "country" else mention.target
            )
            if mention.target_type == "country":
                countries.append((mention.target, mention.start))
        elif listed and previous is not None:
            role = previous[1]  # "by Mali, Niger, and Burkina Faso": same part as the first
            target = (
                ctx.as_actor(mention.target) if mention.target_type == "country" else mention.target
            )
            if mention.kind == "demonym" and not _FORCE_AFTER.match(after):
                # "Malian forces and Russian mercenaries of the Wagner Group": a nationality,
                # not the state; the names it qualifies keep the list's part.
                target = None
            # A place only when the first was one ("in Mali and Niger"), not for "Burkina
            # Faso and Mali have vowed …", whose first is no place.
            if mention.target_type == "country" and any(
                at == previous[0].start for _, at in countries
            ):
                countries.append((mention.target, mention.start))
        elif mention.target_type == "country":
            # A demonym, or a description ("the government of Mali"), names the state.
            # A description ("the government of Mali", "Malian troops") names the state or its
            # forces; a bare demonym ("the Malian capital") names neither.
            force_word = bool(_FORCE_AFTER.match(after)) or mention.kind == "description"
            near = min(abs(hit.start - mention.end), abs(mention.start - hit.end)) <= _PLACE_WINDOW
            if kind in COUNTRY_PLACE_KINDS:
                if (
                    locative
                    or near
                    or after.startswith(_P.POSSESSIVE_ENDINGS)
                    or _EXPERIENCER.match(after)
                ):
                    countries.append((mention.target, mention.start))
            elif kind in DESTINATION_KINDS:
                # "departed Burkina Faso", "visited Mali": where they went or left; "U.S.
                # troops", "France withdrew": who went, not where.
                if locative or (not subject_side and (object_side or direct)):
                    countries.append((mention.target, mention.start))
            elif locative or subject_side or force_word or object_side:
                countries.append((mention.target, mention.start))
            target = ctx.as_actor(mention.target)
            if (
                target is not None
                and kind in AGENT_OF_KINDS
                and not subject_side
                and _BY.search(sentence, clause.start, mention.start)
                and not locative
                and not (mention.kind == "demonym" and _OFFICE_AFTER.match(sentence, mention.end))
            ):
                # "a joint communiqué issued on 31 July by the Governments of Burkina Faso
                # and Mali": the states that made it
                role = ROLES[kind][0]
            elif (
                target is None
                or (kind in COUNTRY_PLACE_KINDS and not force_word)
                # "traveled to Mali", "withdrew from Niger": where, not who.
                or (
                    kind in DESTINATION_KINDS
                    and not subject_side
                    and not force_word
                    and not before.rstrip().lower().endswith(" of")  # "the withdrawal of France"
                )
                or (locative and not object_side)
                or (not subject_side and not force_word and not object_side)
            ):
                role = None
            elif (
                kind in OBJECT_PREPOSITIONS
                and not OBJECT_PREPOSITIONS[kind]
                and not subject_side
                and not object_side
            ):
                role = None  # "the death of X … led the Kremlin to …": no other side
            elif kind == "coup":
                # "the coup had been motivated by the Burkinabe government's inability": who
                # a coup removed or who carried it out, by the coup's own markers only.
                role = _coup_role(sentence, before, mention, hit, subject_side, passive)
            else:
                role = _role(kind, subject_side, passive, sentence, mention, before, object_side)
        else:
            target = mention.target
            role = (
                _coup_role(sentence, before, mention, hit, subject_side, passive)
                if kind == "coup"
                else _role(kind, subject_side, passive, sentence, mention, before, object_side)
            )
            agent = role == ROLES[kind][0] and bool(_BY.search(sentence[: mention.start]))
            if not subject_side and kind in OBJECT_PREPOSITIONS and not object_side and not agent:
                # After the trigger but not introduced as the other side: a target for armed
                # groups ("intelligence … to confront JNIM"), otherwise no part in the event.
                if (
                    ctx.actor_kinds.get(target) == kinds.ARMED_GROUP
                    and kind == "intelligence-sharing"
                ):
                    role = "target"
                elif kind in AGENT_OF_KINDS and _AGENT_OF.search(before):
                    role = ROLES[kind][0]  # "the visit to Niamey … of President Déby"
                elif kind not in {"withdrawal", "deployment", "force-creation"}:
                    role = None
            if kind in PLACE_ONLY_KINDS and ctx.actor_kinds.get(target) not in AGENT_KINDS:
                role = None
            if (
                role
                and kind in LEADER_KINDS
                and ctx.actor_kinds.get(target) == kinds.PERSON
                and _COUP_LEADER.search(before)
            ):
                role = "leader"  # "protests led by imam Mahmoud Dicko"
        if _qualifies_next(mention, sentence, actor_spans):
            role = None  # "Russia's Wagner Group", "AQIM's Jama'at Nasr al-Islam"
        if (
            role
            and subject_side
            and not inside
            and role == ROLES[kind][0]
            and ROLES[kind][1] != role
            and _UNDERGOES.search(sentence, mention.end, hit.start)
        ):
            role = ROLES[kind][1]
        if role in ROLES["attack"] and kind == "attack" and _MUTUAL.fullmatch(hit.text):
            role = "party"  # "clashes with Tuareg separatists and JNIM": no side attacked
        if role and target and not _excluded(mention, exclude):
            if (
                kind in LED_KINDS
                and role == ROLES[kind][0]
                and ctx.actor_kinds.get(target) == kinds.PERSON
            ):
                role = "leader"
            participants.append((target, role, mention.start))
        previous = (mention, role)
    return participants, countries


def _inside_a_name(mention: Mention, actor_spans: list[tuple[int, int]]) -> bool:
    """Whether a country's name is part of a body's ("… of the Republic of Niger")."""
    return any(
        start <= mention.start
        and mention.end <= end
        and (start, end) != (mention.start, mention.end)
        for start, end in actor_spans
    )


def _qualifies_next(mention: Mention, sentence: str, actor_spans: list[tuple[int, int]]) -> bool:
    """Whether a name is a possessive before a body or person ("Russia's Wagner Group",
    "Niger's President Bazoum", "AQIM's JNIM"): it says whose, it takes no part; a country
    may still say where."""
    return any(
        start >= mention.end and _QUALIFYING_POSSESSIVE.match(sentence[mention.end : start])
        for start, _ in actor_spans
    )


# The most words between an event of no kind and the name that did it ("JNIM launched an
# insurgency", "the authorities postponed the vote").
_OTHER_SUBJECT_WORDS = 4


# Between a name and the event noun it qualifies: nothing, or a possessive ("Mali's coup").
_ATTACHED = re.compile(rf"\s*(?:{_P.POSSESSIVE})?\s*$")


def _belongs_to_another(
    hit: TriggerHit,
    mention: Mention,
    others: list[TriggerHit],
    subject_side: bool,
    kind: str,
    sentence: str,
    clause: Clause,
) -> bool:
    """Whether another event's trigger in the clause takes the name: after this trigger, a
    name past another event's trigger is that event's; before it, a name right after another
    event's trigger is its object ("ousted President Keïta in August 2020, then seized power
    again in May 2021": Keïta is the first coup's, not the second's), while the subject they
    share stays ("Goïta … ousted …, then seized power"). An event of no kind (a "rebellion",
    a "death") has no subject of its own: it loses a name before it to any other event, or
    far from it."""
    here = [o for o in others if clause.start <= o.start < clause.end]
    if not subject_side:
        return any(hit.end <= o.start and o.end <= mention.start for o in here)
    attached = _ATTACHED.match(sentence, mention.end, hit.start)  # "the 2020 Malian coup"
    if not attached and any(o.end <= mention.start and mention.end <= hit.start for o in here):
        return True
    if kind != "other":
        return False
    # Nor, far from it: "the government's inability to contain the insurgency".
    return len(sentence[mention.end : hit.start].split()) > _OTHER_SUBJECT_WORDS or any(
        mention.end <= o.start and o.end <= hit.start for o in here
    )


def _coup_role(
    sentence: str,
    before: str,
    mention: Mention,
    hit: TriggerHit,
    subject_side: bool,
    passive: bool,
) -> str | None:
    """A name's side in a coup, from the words around it: "ousted President X" and "the coup
    against X" removed X; "led by X", "X seized power" and "X, who led the mutiny," carried
    it out, as did the names a colon lists after an active trigger ("officers who seized
    power in coups: X in Mali, Y in Niger"). A name after the trigger with none of these takes
    no side."""
    perpetrator, target = ROLES["coup"]
    if _COUP_LEADER.search(before) or (passive and _BY.search(sentence[: mention.start])):
        return perpetrator
    if _COUP_TARGET.search(before):
        return target
    if _COUP_PATIENT.match(sentence[mention.end :]):
        return target  # "President Keïta was arrested …"
    if _COUP_AGENT.match(sentence[mention.end :]):
        return perpetrator
    if not passive and ":" in sentence[hit.end : mention.start]:
        return perpetrator
    if subject_side:
        return target if passive else perpetrator
    return None


def _role(
    kind: str,
    subject_side: bool,
    passive: bool,
    sentence: str,
    mention: Mention,
    before: str,
    object_side: bool,
) -> str:
    subject_role, object_role = ROLES[kind]
    if _BETWEEN.search(before):
        return subject_role  # "between Washington and the AES": the first named leads
    if subject_side and object_side:
        return object_role  # "support to AES countries, supplying equipment"
    if subject_side:
        # "U.S. programs … have been scaled back": what is suspended is the suspender's own.
        return object_role if passive and kind != "aid-suspension" else subject_role
    if _BY.search(sentence[: mention.start]) and (
        passive or _AGENT_PHRASE.search(sentence[: mention.start])
    ):
        return subject_role  # "was attacked by X", "the massacre, carried out by X"
    return object_role


def _same_side(
    participants: list[tuple[str, str]], kind: str, ctx: ExtractionContext
) -> list[tuple[str, str]]:
    """A body of the same country as a subject is on the subject's side ("the U.S. paused …
    including Millennium Challenge Corporation programs")."""
    if kind in PLACE_ONLY_KINDS:
        return participants
    subject_role, _ = ROLES[kind]
    home = {ctx.country_of.get(t) for t, r in participants if r == subject_role} - {None}
    return [
        (
            t,
            subject_role
            if ctx.country_of.get(t) in home
            and ctx.actor_kinds.get(t) not in {kinds.PERSON, kinds.STATE}
            else r,
        )
        for t, r in participants
    ]


def _excluded(mention: Mention, spans: list[tuple[int, int]] | None) -> bool:
    return any(start <= mention.start < end for start, end in spans or [])


def _split_recipients(
    proposal_args: dict, sentence: str, hit: TriggerHit, mentions: list[Mention], ctx
) -> list[dict]:
    """'L-39 jets to Mali and Mi-35 helicopters to Niger': one delivery per recipient."""
    recipients = [
        m
        for m in mentions
        if m.start >= hit.start
        and m.target_type == "country"
        and _RECIPIENT_SPLIT.search(sentence[: m.start])
    ]
    if len(recipients) < 2:
        return [proposal_args]
    result = []
    previous_end = hit.start
    for recipient in recipients:
        actor = ctx.as_actor(recipient.target)
        chunk = sentence[previous_end : recipient.start]
        detail = _LIST_INTRODUCER.sub("", chunk.split(",")[-1]).strip()
        detail = _TRAILING_RECIPIENT.sub("", detail)
        suppliers = [(t, r) for t, r in proposal_args["participants"] if r == "supplier"]
        result.append(
            {
                **proposal_args,
                "participants": suppliers + ([(actor, "recipient")] if actor else []),
                "countries": [recipient.target],
                "detail": detail,
            }
        )
        previous_end = recipient.end
    return result


def _one_role_each(participants: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An actor takes one side of an event: the role it was found in first (nearest the
    trigger's own clause), never both perpetrator and target."""
    roles: dict[str, str] = {}
    for target, role in participants:
        roles.setdefault(target, role)
    return list(roles.items())


def propose_events(
    sentence_index: int,
    sentence: str,
    mentions: list[Mention],
    dates: list[DateMention],
    ctx: ExtractionContext,
    exclude: list[tuple[int, int]] | None = None,
    triggers: list[TriggerHit] | None = None,
    home: str | None = None,
) -> list[EventProposal]:
    """Events a single sentence reports. Offsets in mentions and dates are sentence-relative.

    `exclude` holds spans whose names take no part (the person quoted and their title);
    `triggers` are the sentence's `find_triggers`, when the caller has them already; `home`
    is the country the article is about, the place of an attack or a coup whose sentence
    names none ("gunmen opened fire at a restaurant in the capital").
    """
    if sentence.rstrip().endswith("?"):
        return []
    if triggers is None:
        triggers = find_triggers(sentence)
    if not triggers:  # most sentences: no need to find their clauses
        return []
    clauses = split_clauses(sentence)
    hits = [
        h
        for h in triggers
        if not NEGATION.search(sentence[max(0, h.start - 30) : h.start])
        and not MODAL.search(sentence[clause_at(clauses, h.start).start : h.end])
    ]
    if not hits:
        return []
    hits = [_formed_kind(h, clauses, mentions, ctx, sentence) for h in hits]
    hits = [_crowd_kind(h, sentence, clauses) for h in hits]
    by_hit = _assign_dates(sentence, hits, dates) if dates else {i: [] for i in range(len(hits))}
    by_hit = _share_clause_dates(hits, by_hit, clauses)
    if dates:
        by_hit = _framed(sentence, hits, by_hit, dates)
        # "demanded the withdrawal of MINUSMA": an act asked for has not happened yet.
        by_hit = {
            i: [] if _requested(sentence, clauses, hits[i]) else found
            for i, found in by_hit.items()
        }
    organisations = [m for m in mentions if ctx.actor_kinds.get(m.target) in ORGANISATION_KINDS]
    proposals: list[EventProposal] = []
    for kind in dict.fromkeys(h.kind for h in hits):
        kind_hits = [(i, h) for i, h in enumerate(hits) if h.kind == kind]
        if kind in REQUIRES_ORGANISATION and not organisations:
            continue
        for unit in _units(kind_hits, by_hit):
            proposals += _unit_events(
                kind,
                unit,
                hits,
                by_hit,
                sentence_index,
                sentence,
                clauses,
                mentions,
                ctx,
                exclude,
                home,
            )
    return proposals


_FORCE_HEADS = frozenset(_P.FORCE_NAME_HEADS)
_FORCE_FORMED = re.compile(
    rf"[^.;]{{0,60}}?\b(?:{_any([h.lower() for h in _P.FORCE_NAME_HEADS])})s?\b", re.I
)


_CROWD_BEFORE = re.compile(rf"\b(?:{_any(_P.CROWD_NOUNS)})\s+(?:\w+\s+){{0,2}}$", re.I)


def _crowd_kind(hit: TriggerHit, sentence: str, clauses: list[Clause]) -> TriggerHit:
    """An attack by a crowd is a protest turned violent ("crowds attacked the French
    embassy", "protesters set fire to the party's headquarters")."""
    if hit.kind != "attack":
        return hit
    clause = clause_at(clauses, hit.start)
    if _CROWD_BEFORE.search(sentence, clause.start, hit.start):
        return TriggerHit("protest", hit.start, hit.end, hit.text)
    return hit


def _formed_kind(
    hit: TriggerHit,
    clauses: list[Clause],
    mentions: list[Mention],
    ctx: ExtractionContext,
    sentence: str,
) -> TriggerHit:
    """A formation word ("was created", "the establishment of") forms a force when the
    nearest name in its clause is an armed force, group or operation; an alliance otherwise."""
    if hit.kind != "alliance-formation" or not any(p.fullmatch(hit.text) for p in _FORMATION_WORDS):
        return hit
    clause = clause_at(clauses, hit.start)
    named = [
        m for m in mentions if m.target_type == "actor" and clause.start <= m.start < clause.end
    ]
    force = TriggerHit("force-creation", hit.start, hit.end, hit.text)
    # "was established on 25 April 2013 by United Nations Security Council Resolution 2100":
    # a name after "by" is who formed it, not what was formed.
    after = [m for m in named if m.start >= hit.end and not _BY.search(sentence, hit.end, m.start)]
    if not after and _FORCE_FORMED.match(sentence, hit.end, clause.end):
        return force  # "approved the creation of a 12,600-member peacekeeping force"
    if not named:
        return hit
    # What is formed is named after the word ("created MINUSMA"), or before it ("IS-GS was
    # formed").
    nearest = min(after or named, key=lambda m: _distance(hit, m.start, m.end))
    name_words = set(ctx.names.get(nearest.target, "").split())
    if ctx.actor_kinds.get(nearest.target) in FORCE_KINDS or name_words & _FORCE_HEADS:
        return force  # "created MINUSMA", the United Nations' Mission in Mali
    return hit


# The share of an article's places that makes one country what it is about.
HOME_SHARE = 0.5
HOME_MIN_MENTIONS = 2


def home_country(text: str, mentions: list[Mention]) -> str | None:
    """The country an article is about: the one that at least half of the places it names
    ("in Mali", "the north of Mali") are in, named so at least twice; None when no country
    dominates. Countries named as actors ("Washington said", "the U.S. paused aid") do not
    count: they act, they are not where things happen."""
    counts: dict[str, int] = {}
    for mention in mentions:
        if mention.target_type != "country":
            continue
        before = text[max(0, mention.start - 60) : mention.start]
        if _LOCATIVE.search(before) or _PLACE_OF.search(before):
            counts[mention.target] = counts.get(mention.target, 0) + 1
    if not counts:
        return None
    top, count = max(counts.items(), key=lambda item: item[1])
    total = sum(counts.values())
    return top if count >= HOME_MIN_MENTIONS and count / total >= HOME_SHARE else None


def title_home(title: str, ctx: ExtractionContext) -> str | None:
    """The country a title places its story in, when it names one so: as the whole title
    ("Mali"), after a preposition of place ("Press Statement on Situation in Burkina Faso",
    "siege of a hotel in Mali's capital") or as a demonym ("2023 Nigerien coup d'état"). Not a
    country that acts in it ("Russia's security footprint in the central Sahel")."""
    placed = {
        m.target
        for m in ctx.gazetteer.find(title)
        if m.target_type == "country"
        and (title.strip() == m.text or m.kind == "demonym" or _LOCATIVE.search(title[: m.start]))
    }
    return next(iter(placed)) if len(placed) == 1 else None


def _share_clause_dates(
    hits: list[TriggerHit], by_hit: dict[int, list[DateMention]], clauses: list[Clause]
) -> dict[int, list[DateMention]]:
    """A participle with no date of its own ("creating", "establishing", "killing") takes the
    date of the dated trigger before it in its clause: "signed the charter on 16 September,
    creating the alliance" dates both the signing and the creation."""
    shared = dict(by_hit)
    for i, hit in enumerate(hits):
        if by_hit[i] or not _PARTICIPLE.match(hit.text):
            continue
        clause = clause_at(clauses, hit.start)
        donors = [
            j
            for j, other in enumerate(hits)
            if by_hit[j]
            and other.kind != hit.kind
            and clause.start <= other.start
            and other.end <= hit.start
        ]
        if donors:
            nearest = min(donors, key=lambda j: _distance(hit, hits[j].start, hits[j].end))
            shared[i] = by_hit[nearest]
    return shared


def _nested(ranges: set) -> bool:
    """Whether of every two ranges, one lies inside the other."""
    spans = sorted(ranges)
    return all(
        (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])
        for i, a in enumerate(spans)
        for b in spans[i + 1 :]
    )


def _units(
    kind_hits: list[tuple[int, TriggerHit]], by_hit: dict[int, list[DateMention]]
) -> list[list[tuple[int, TriggerHit]]]:
    """The events of one kind a sentence reports: one per trigger that has its own date
    ("seized power in 2020 and ousted the civilian leaders the following year": two coups),
    the undated triggers joining the nearest dated one; all triggers as one event when at
    most one of them is dated, or all are dated alike."""
    stances = [(i, h) for i, h in kind_hits if _SPEAKS_OF.fullmatch(h.text)]
    spoken = [(i, h) for i, h in kind_hits if not _SPEAKS_OF.fullmatch(h.text)]
    if kind_hits[0][1].kind == "statement" and stances and spoken:
        # "The Ministry welcomes the joint communiqué issued on 31 July by Mali": a statement
        # on another's statement, two events.
        return [stances, spoken]
    dated = [(i, h) for i, h in kind_hits if any(d.resolved for d in by_hit[i])]
    first_date = min(
        (d.start_offset for i, _ in dated for d in by_hit[i] if d.resolved), default=None
    )
    if any(
        h.text.lower().split()[-1] in PLURAL_NOUNS and (first_date is None or h.end <= first_date)
        for _, h in kind_hits
    ):
        # "two coups, first in August 2020 and again in May 2021": the dates list the plural's
        # events. A plural after them ("…the following year, heralding a wave of coups")
        # lists none.
        return [kind_hits]
    ranges = {(d.start, d.end) for i, _ in dated for d in by_hit[i] if d.resolved}
    # "killed 50 soldiers on 1 November 2019 in the 2019 Indelimane attack": one event, said
    # finely and coarsely.
    if len(dated) <= 1 or len(ranges) <= 1 or _nested(ranges):
        return [kind_hits]
    units: dict[int, list[tuple[int, TriggerHit]]] = {i: [(i, h)] for i, h in dated}
    for i, hit in kind_hits:
        if i in units:
            continue
        nearest = min(dated, key=lambda jd: _distance(hit, jd[1].start, jd[1].end))[0]
        units[nearest].append((i, hit))
    return [sorted(unit, key=lambda ih: ih[1].start) for unit in units.values()]


def _nearest_date(
    sentence: str, dates: list[DateMention], hits: list[TriggerHit]
) -> DateMention | None:
    """The date of one event: the date nearest its trigger, with the dates written in one
    list with it ("deploying in late 2021 and early 2022": one span). Dates apart from it
    ("the visit on 30 July …, and the arrival today") date other things."""
    if not dates:
        return None
    ordered = sorted(dates, key=lambda d: d.start_offset)
    nearest = min(
        ordered, key=lambda d: min(_distance(h, d.start_offset, d.end_offset) for h in hits)
    )
    first = last = ordered.index(nearest)
    while first > 0 and _DATE_LIST_JOIN.match(
        sentence[ordered[first - 1].end_offset : ordered[first].start_offset]
    ):
        first -= 1
    while last < len(ordered) - 1 and _DATE_LIST_JOIN.match(
        sentence[ordered[last].end_offset : ordered[last + 1].start_offset]
    ):
        last += 1
    return span_of(ordered[first : last + 1])


def _distributed(
    participants: list[tuple[str, str, int]],
    countries: list[tuple[str, int]],
    specific: list[DateMention],
    first_trigger: int,
) -> list[tuple[list[tuple[str, str]], list[str]]]:
    """Per date of a plural trigger, the names of its own list item: "coups in Mali in 2020
    and 2021, in Burkina Faso in September 2022": each coup gets the names written before its
    date and after the previous one (a date with none shares the previous item's). The names
    before the trigger, and after the last date ("…, bringing Goïta to power"), are every
    coup's."""
    ordered = sorted(specific, key=lambda d: d.start_offset)
    tail = ordered[-1].end_offset

    def shared(at: int) -> bool:
        return at < first_trigger or at >= tail

    shared_people = [(t, r) for t, r, at in participants if shared(at)]
    shared_places = [c for c, at in countries if shared(at)]
    groups: list[tuple[list[tuple[str, str]], list[str]]] = []
    previous_end = first_trigger
    inherited: tuple[list[tuple[str, str]], list[str]] = ([], [])
    for date in ordered:
        own_people = [(t, r) for t, r, at in participants if previous_end <= at < date.start_offset]
        own_places = [c for c, at in countries if previous_end <= at < date.start_offset]
        if own_people or own_places:
            inherited = (own_people, own_places)
        groups.append((shared_people + inherited[0], shared_places + inherited[1]))
        previous_end = date.end_offset
    return groups


def _unit_events(
    kind: str,
    unit: list[tuple[int, TriggerHit]],
    hits: list[TriggerHit],
    by_hit: dict[int, list[DateMention]],
    sentence_index: int,
    sentence: str,
    clauses: list[Clause],
    mentions: list[Mention],
    ctx: ExtractionContext,
    exclude: list[tuple[int, int]] | None,
    home: str | None = None,
) -> list[EventProposal]:
    placed: list[tuple[str, str, int]] = []
    countries_at: list[tuple[str, int]] = []
    unit_triggers = [h for _, h in unit]
    for _, hit in unit:
        found, places = _participants_in_clause(
            kind,
            hit,
            sentence,
            clause_at(clauses, hit.start),
            mentions,
            ctx,
            exclude,
            # the other events' triggers: other kinds, and this kind's other dated events
            [h for h in hits if h.kind != kind or h not in unit_triggers],
        )
        placed += found
        countries_at += places
    if kind in REQUIRES_ORGANISATION:
        organisations = [m for m in mentions if ctx.actor_kinds.get(m.target) in ORGANISATION_KINDS]
        first = unit[0][1]
        nearest = min(organisations, key=lambda m: _distance(first, m.start, m.end))
        side = ROLES[kind][0] if nearest.end <= first.start else ROLES[kind][1]
        placed.append((nearest.target, side, nearest.start))
    if not countries_at:
        # The place may open the sentence: "In Niger, despite the coup, … stationed"; a
        # place in another clause is that clause's ("…, after an agreement signed in
        # Ouagadougou", "withdrew from Niger …; … clashes near Tinzaouaten").
        countries_at = [
            (m.target, m.start)
            for m in mentions
            if m.target_type == "country"
            and not (m.kind == "country-name" and _attributive(sentence[m.end :]))
            and (
                (
                    m.start >= unit[-1][1].end
                    # "…; Serval was folded into an operation based in N'Djamena": past a
                    # semicolon, another statement's place
                    and ";" not in sentence[unit[-1][1].end : m.start]
                    and _LOCATIVE.search(sentence[: m.start])
                    and not clause_at(clauses, m.start).subordinate
                    and not _holds_a_trigger(clause_at(clauses, m.start), hits)
                )  # "imposed sanctions …, particularly in Niger"
                or _FRONTED_PLACE.match(sentence[: m.start])
                # with no one named, a place said before it ("our mission in Mali announced
                # that it started withdrawing")
                or (
                    not placed
                    and m.end <= unit[0][1].start
                    and (
                        _LOCATIVE.search(sentence[: m.start])
                        or _PLACE_OF.search(sentence[: m.start])
                    )
                )
            )
        ]
    if kind == "force-creation":
        placed += [
            (child, "party", at)
            for target, _, at in placed
            for child in ctx.children.get(target, [])
            if ctx.actor_kinds.get(child) == kinds.ARMED_FORCE
        ]
    participants = _adjusted(kind, [(t, r) for t, r, _ in placed], mentions, ctx)
    countries = list(dict.fromkeys(c for c, _ in countries_at))
    if not countries and not participants and home and kind in COUNTRY_PLACE_KINDS:
        countries = [home]
    if kind == "aid-suspension":
        countries = list(
            dict.fromkeys(countries + [m.target for m in mentions if m.target_type == "country"])
        )

    unit_hits = [h for _, h in unit]
    kind_dates = [d for i, _ in unit for d in by_hit[i]]
    resolved = [d for d in kind_dates if d.resolved]
    frames = [d for d in resolved if any(d is not o and contains(d, o) for o in resolved)]
    specific = [d for d in resolved if not any(d is f for f in frames)]
    unresolved = [d for d in kind_dates if not d.resolved]
    plural = any(h.text.lower().split()[-1] in PLURAL_NOUNS for h in unit_hits)
    count = _count_for(sentence, hits, kind) or (len(specific) if plural else 1)
    groups: list[tuple[DateMention | None, list[tuple[str, str]], list[str]]]
    if plural and len(specific) > 1:
        split = _distributed(
            [p for p in placed if (p[0], p[1]) in set(participants)],
            countries_at,
            specific,
            unit_hits[0].start,
        )
        ordered = sorted(specific, key=lambda d: d.start_offset)
        groups = [
            (date, _one_role_each(list(dict.fromkeys(people))), list(dict.fromkeys(places)))
            for date, (people, places) in zip(ordered, split, strict=True)
        ]
    else:
        # With no date of its own, an event takes a date the sentence writes but cannot read
        # ("signed a framework agreement in April", no year): unresolved, it keeps the event
        # from being taken for a dated one of another year.
        sentence_unresolved = [d for dates in by_hit.values() for d in dates if not d.resolved]
        date = _nearest_date(sentence, specific, unit_hits) or (
            unresolved[0]
            if unresolved
            else (sentence_unresolved[0] if sentence_unresolved and not resolved else None)
        )
        groups = [(date, participants, countries)]
    if count > len(groups) and frames:
        # "two coups in 2022": the other coup, not the one the person led.
        others = [(t, r) for t, r in participants if ctx.actor_kinds.get(t) != kinds.PERSON]
        groups += [(frames[0], others, countries)] * (count - len(groups))
    proposals: list[EventProposal] = []
    for group_date, group, where in groups:
        args = {
            "kind": kind,
            "sentence_index": sentence_index,
            "trigger": unit_hits[0].text,
            "trigger_at": unit_hits[0].start,
            "date": group_date,
            "countries": where,
            "participants": group,
        }
        variants = (
            _split_recipients(args, sentence, unit_hits[0], mentions, ctx)
            if kind == "equipment-delivery"
            else [args]
        )
        for variant in variants:
            proposal = EventProposal(**variant)
            proposal.place, proposal.countries = locate(
                proposal.countries,
                home,
                sentence,
                proposal.trigger_at,
                clauses,
                mentions,
                ctx.places,
                ctx.capitals,
                tuple(h.start for h in hits if h.start != proposal.trigger_at),
                PLACE_RULES[kind],
                tuple(
                    ctx.country_of[t].split(":", 1)[1]
                    for t, _ in proposal.participants
                    if t in ctx.country_of
                ),
                tuple(
                    dict.fromkeys(
                        ctx.country_of[m.target].split(":", 1)[1]
                        for m in mentions
                        if m.target in ctx.country_of
                    )
                ),
            )
            strength = _anchored(proposal, ctx)
            if strength == "none":
                continue
            proposal.link_only = strength == "link-only"
            proposals.append(proposal)
    return proposals


def _holds_a_trigger(clause: Clause, hits: list[TriggerHit]) -> bool:
    return any(clause.start <= h.start < clause.end for h in hits)


def _adjusted(
    kind: str,
    participants: list[tuple[str, str]],
    mentions: list[Mention],
    ctx: ExtractionContext,
) -> list[tuple[str, str]]:
    """The kind's own rules over the participants found: the people of a meeting, the target
    of an aid suspension, one side per actor."""
    if (
        kind == "meeting"
        and sum(ctx.actor_kinds.get(t) == kinds.PERSON for t, _ in participants) >= 2
    ):
        participants = [(t, r) for t, r in participants if ctx.actor_kinds.get(t) == kinds.PERSON]
    visitor, _ = ROLES["visit"]
    if kind == "visit" and any(
        r == visitor and ctx.actor_kinds.get(t) == kinds.PERSON for t, r in participants
    ):
        # "Hollande, whose forces …, visiting Timbuktu": the person visits, not the forces.
        participants = [
            (t, r)
            for t, r in participants
            if r != visitor or ctx.actor_kinds.get(t) == kinds.PERSON
        ]
    if kind == "aid-suspension" and not any(r == "target" for _, r in participants):
        home = {ctx.country_of.get(t) for t, _ in participants}
        participants = participants + [
            (actor, "target")
            for m in mentions
            if m.target_type == "country"
            and m.target not in home
            and (actor := ctx.as_actor(m.target))
        ]
    participants = _same_side(list(dict.fromkeys(participants)), kind, ctx)
    return _one_role_each(participants)


def _anchored(proposal: EventProposal, ctx: ExtractionContext) -> str:
    """ "create" when who/where (and for point events, when) identify it; "link-only" when it can
    only point at an event that already exists; "none" when it names nothing."""
    anchors = proposal.core | {ctx.as_actor(c) or c for c in proposal.countries}
    if not anchors:
        return "none"
    if proposal.date is not None:
        return "create"
    if proposal.kind in POINT_KINDS or len(anchors) < 2:
        return "link-only"
    return "create"
