"""Step 7: events proposed from trigger phrases, with participants, places and dates.

Each event kind has a vocabulary of trigger phrases. In a sentence, each date is given to the
nearest trigger; a plural trigger with several dates ("two coups, first in August 2020 and
again in May 2021") becomes several events, and a count larger than the dates given ("two
coups in 2022, … in September of that year") keeps the undated remainder at the coarser date.
Hedged sentences ("could", "might", "is expected to") propose no events.
"""

import re
from dataclasses import dataclass, field

from facts.ingest.analysis import kinds, lang, prefilter
from facts.ingest.analysis.context import ExtractionContext
from facts.ingest.analysis.dates import DateMention, contains, span_of
from facts.ingest.analysis.fatalities import Fatalities
from facts.ingest.analysis.gazetteer import Mention
from facts.ingest.analysis.sentences import Clause, clause_at, split_clauses

_P = lang.pack("en")


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
# Kinds that must have a date (or an unresolved date as written) to create an event; without
# one they can still be linked to a single matching event that already exists.
POINT_KINDS = {"coup", "attack", "airstrike", "election", "protest", "alliance-formation"}
# Role of an actor before and after the trigger phrase.
ROLES: dict[str, tuple[str, str]] = {
    "coup": ("perpetrator", "target"),
    "withdrawal": ("party", "party"),
    "deployment": ("party", "party"),
    "alliance-formation": ("party", "party"),
    "force-creation": ("party", "party"),
    "membership-change": ("party", "party"),
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
}
# Prepositions that introduce the other side of the event (recipient, host, partner).
OBJECT_PREPOSITIONS = {kind: _any(words) for kind, words in _P.OBJECT_PREPOSITIONS.items()}
REQUIRES_ORGANISATION = {"alliance-formation", "membership-change"}
ORGANISATION_KINDS = {kinds.INTERNATIONAL_ORGANISATION}
PLURAL_NOUNS = _P.PLURAL_EVENT_NOUNS
_THE = _P.DEFINITE_ARTICLE
# Modal verbs make a statement a forecast or a possibility: no event, no claim.
MODAL = re.compile(rf"\b(?:{_any(_P.MODAL)})\b")
# Softer hedges lower a claim's confidence.
HEDGE = re.compile(rf"\b(?:{_any(_P.HEDGE)})\b", re.I)
NEGATION = re.compile(rf"\b(?:{_any(_P.NEGATION)})\s+(?:\w+\s+){{0,2}}$", re.I)
_PASSIVE = re.compile(rf"\b(?:{_any(_P.PASSIVE_AUXILIARIES)})\s+(?:\w+\s+)?$", re.I)
_LOCATIVE = re.compile(
    rf"\b(?:{_any(_P.LOCATIVE_PREPOSITIONS)})\s+(?:{_THE}\s+)?$",
    re.I,
)
_BY = re.compile(rf"\b{_P.AGENT_PREPOSITION}\s+(?:[\w.'’-]+,?\s+){{0,4}}$", re.I)
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
# Per kind: a name introduced as the other side ("to Mali", "with Nigeria").
_OBJECT_SIDE = {
    kind: re.compile(
        rf"\b(?:{prepositions})\s+(?:{_OBJECT_DETERMINERS})?(?:[\w-]+\s+){{0,2}}$", re.I
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


def find_triggers(sentence: str) -> list[TriggerHit]:
    present = prefilter.words_in(_ANY_WORDS, sentence) if _ANY_WORDS is not None else None
    if present is None:
        if not _ANY_TRIGGER.search(sentence):
            return []
    elif not present:
        return []
    hits: list[TriggerHit] = []
    for kind, patterns in TRIGGERS.items():
        for pattern in patterns:
            if not prefilter.may_match(_WORDS[pattern], present):
                continue  # it cannot match: its finditer would find nothing
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


def _assign_dates(hits: list[TriggerHit], dates: list[DateMention]) -> dict[int, list[DateMention]]:
    assigned: dict[int, list[DateMention]] = {i: [] for i in range(len(hits))}
    for date in dates:
        nearest = min(
            range(len(hits)), key=lambda i: _distance(hits[i], date.start_offset, date.end_offset)
        )
        assigned[nearest].append(date)
    return assigned


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


_LIST_JOIN = re.compile(rf"^(?:,\s*(?:{_P.AND}\s+|{_P.OR}\s+)?|\s+(?:{_P.AND}|{_P.OR})\s+)$")
# Who can carry out a coup, attack or strike: not a state or an international organisation.
AGENT_KINDS = {
    kinds.PERSON,
    kinds.ARMED_FORCE,
    kinds.ARMED_GROUP,
    kinds.MERCENARY,
    kinds.GOVERNMENT_BODY,
}
_PLACE_WINDOW = 20


def _participants_in_clause(
    kind: str,
    hit: TriggerHit,
    sentence: str,
    clause: Clause,
    mentions: list[Mention],
    ctx: ExtractionContext,
    exclude: list[tuple[int, int]] | None,
) -> tuple[list[tuple[str, str]], list[str]]:
    """(participant, role) pairs and country places for one trigger, from its own clause.

    Names in `exclude` spans can still be places but never participants."""
    object_role = ROLES[kind][1]
    passive = bool(_PASSIVE.search(sentence[: hit.start]))
    participants: list[tuple[str, str]] = []
    countries: list[str] = []
    previous: tuple[Mention, str | None] | None = None
    for mention in mentions:
        if not (clause.start <= mention.start < clause.end):
            continue
        if mention.target_type not in {"actor", "country"}:
            continue
        before = sentence[clause.start : mention.start]
        after = sentence[mention.end :]
        inside = hit.start <= mention.start < hit.end
        subject_side = mention.end <= hit.start or inside
        # A direct object ("visited Bamako", "ousted Bazoum") is the other side, like "to X",
        # for kinds that have one; for a withdrawal ("departed Burkina Faso") it is the place.
        direct = mention.start >= hit.end and not sentence[hit.end : mention.start].strip(" ")
        object_side = (direct and bool(OBJECT_PREPOSITIONS.get(kind))) or _object_side(kind, before)
        locative = direct or bool(_LOCATIVE.search(before))
        listed = previous is not None and _LIST_JOIN.match(
            sentence[previous[0].end : mention.start]
        )
        role: str | None
        if _BETWEEN_AND.search(before):
            role = object_role  # "between Washington and the AES": the second party
            target = (
                ctx.as_actor(mention.target) if mention.target_type == "country" else mention.target
            )
            if mention.target_type == "country":
                countries.append(mention.target)
        elif listed and previous is not None:
            role = previous[1]  # "by Mali, Niger, and Burkina Faso": same part as the first
            target = (
                ctx.as_actor(mention.target) if mention.target_type == "country" else mention.target
            )
            if mention.target_type == "country":
                countries.append(mention.target)
        elif mention.target_type == "country":
            # A demonym, or a description ("the government of Mali"), names the state.
            force_word = bool(_FORCE_AFTER.match(after)) or mention.kind in {
                "demonym",
                "description",
            }
            near = min(abs(hit.start - mention.end), abs(mention.start - hit.end)) <= _PLACE_WINDOW
            if kind in PLACE_ONLY_KINDS:
                if locative or near or after.startswith(_P.POSSESSIVE_ENDINGS):
                    countries.append(mention.target)
            elif (
                locative
                or subject_side
                or force_word
                or object_side
                or kind in {"withdrawal", "deployment", "visit"}  # "departed Burkina Faso"
            ):
                countries.append(mention.target)
            target = ctx.as_actor(mention.target)
            if (
                target is None
                or (kind in PLACE_ONLY_KINDS and not force_word)
                or (locative and not object_side)
                or (not subject_side and not force_word and not object_side)
            ):
                role = None
            else:
                role = _role(kind, subject_side, passive, sentence, mention, before, object_side)
        else:
            target = mention.target
            role = _role(kind, subject_side, passive, sentence, mention, before, object_side)
            if not subject_side and kind in OBJECT_PREPOSITIONS and not object_side:
                # After the trigger but not introduced as the other side: a target for armed
                # groups ("intelligence … to confront JNIM"), otherwise no part in the event.
                if (
                    ctx.actor_kinds.get(target) == kinds.ARMED_GROUP
                    and kind == "intelligence-sharing"
                ):
                    role = "target"
                elif kind not in {"withdrawal", "deployment", "force-creation"}:
                    role = None
            if kind in PLACE_ONLY_KINDS and ctx.actor_kinds.get(target) not in AGENT_KINDS:
                role = None
        if role and target and not _excluded(mention, exclude):
            participants.append((target, role))
        previous = (mention, role)
    return participants, countries


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
    if passive and _BY.search(sentence[: mention.start]):
        return subject_role
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
) -> list[EventProposal]:
    """Events a single sentence reports. Offsets in mentions and dates are sentence-relative.

    `exclude` holds spans whose names take no part (the person quoted and their title);
    `triggers` are the sentence's `find_triggers`, when the caller has them already.
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
    by_hit = _assign_dates(hits, dates) if dates else {i: [] for i in range(len(hits))}
    proposals: list[EventProposal] = []
    for kind in dict.fromkeys(h.kind for h in hits):
        kind_hits = [(i, h) for i, h in enumerate(hits) if h.kind == kind]
        organisations = [m for m in mentions if ctx.actor_kinds.get(m.target) in ORGANISATION_KINDS]
        if kind in REQUIRES_ORGANISATION and not organisations:
            continue
        participants: list[tuple[str, str]] = []
        countries: list[str] = []
        for _, hit in kind_hits:
            found, places = _participants_in_clause(
                kind, hit, sentence, clause_at(clauses, hit.start), mentions, ctx, exclude
            )
            participants += found
            countries += places
        if kind in REQUIRES_ORGANISATION:
            nearest = min(organisations, key=lambda m: _distance(kind_hits[0][1], m.start, m.end))
            participants.append((nearest.target, "party"))
        if not countries:
            # The place may sit in another clause: "In Niger, despite the coup, … stationed".
            countries = [
                m.target
                for m in mentions
                if m.target_type == "country" and _LOCATIVE.search(sentence[: m.start])
            ]
        if kind == "force-creation":
            participants += [
                (child, "party")
                for target, _ in participants
                for child in ctx.children.get(target, [])
                if ctx.actor_kinds.get(child) == kinds.ARMED_FORCE
            ]
        if (
            kind == "meeting"
            and sum(ctx.actor_kinds.get(t) == kinds.PERSON for t, _ in participants) >= 2
        ):
            participants = [
                (t, r) for t, r in participants if ctx.actor_kinds.get(t) == kinds.PERSON
            ]
        if kind == "aid-suspension" and not any(r == "target" for _, r in participants):
            home = {ctx.country_of.get(t) for t, _ in participants}
            participants += [
                (actor, "target")
                for m in mentions
                if m.target_type == "country"
                and m.target not in home
                and (actor := ctx.as_actor(m.target))
            ]
            countries += [m.target for m in mentions if m.target_type == "country"]
        participants = _same_side(list(dict.fromkeys(participants)), kind, ctx)
        participants = _one_role_each(participants)
        countries = list(dict.fromkeys(countries))

        kind_dates = [d for i, _ in kind_hits for d in by_hit[i]]
        resolved = [d for d in kind_dates if d.resolved]
        frames = [d for d in resolved if any(d is not o and contains(d, o) for o in resolved)]
        specific = [d for d in resolved if not any(d is f for f in frames)]
        unresolved = [d for d in kind_dates if not d.resolved]
        plural = any(h.text.lower().split()[-1] in PLURAL_NOUNS for _, h in kind_hits)
        count = _count_for(sentence, hits, kind) or (len(specific) if plural else 1)
        if plural and len(specific) > 1:
            date_groups: list[DateMention | None] = list(specific)
        else:
            date_groups = [span_of(specific) or (unresolved[0] if unresolved else None)]
        if count > len(date_groups) and frames:
            date_groups += [frames[0]] * (count - len(date_groups))
        for group_date in date_groups:
            group = participants
            if group_date is not None and any(group_date is f for f in frames):
                # "two coups in 2022": the other coup, not the one the person led.
                group = [(t, r) for t, r in participants if ctx.actor_kinds.get(t) != kinds.PERSON]
            args = {
                "kind": kind,
                "sentence_index": sentence_index,
                "trigger": kind_hits[0][1].text,
                "date": group_date,
                "countries": countries,
                "participants": group,
            }
            variants = (
                _split_recipients(args, sentence, kind_hits[0][1], mentions, ctx)
                if kind == "equipment-delivery"
                else [args]
            )
            for variant in variants:
                proposal = EventProposal(**variant)
                strength = _anchored(proposal, ctx)
                if strength == "none":
                    continue
                proposal.link_only = strength == "link-only"
                proposals.append(proposal)
    return proposals


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
