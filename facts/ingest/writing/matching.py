"""Is a proposed event one we already have? Pure rules over plain summaries.

Same kind; compatible dates (ranges that overlap, or one side undated; a date written but not
resolved, "in April" with no year, is compared with no dated event); the same place for
coups and attacks, the same actors for the rest (and the same date for statements); and no
conflict on the receiving side (a
delivery to Mali is not a delivery to Niger). The best match is the one whose dates fit most
closely; a tie between several events is no match rather than a guess.
"""

from dataclasses import dataclass
from datetime import date

from facts.ingest.analysis.context import ExtractionContext
from facts.ingest.analysis.events import PLACE_ONLY_KINDS, ROLES, EventProposal

# Kinds of event that are said rather than done: the same only at the same date.
UTTERANCES = {"statement"}
DIRECTED = {"equipment-delivery", "intelligence-sharing", "visit", "aid-suspension", "sanction"}


@dataclass(frozen=True)
class EventSummary:
    id: int
    kind: str
    date_start: date | None
    date_end: date | None
    participants: frozenset[tuple[str, str]]
    countries: frozenset[str]
    curated: bool = False
    date_text: str = ""
    location_precision: str = ""
    place_kind: str = ""

    @property
    def core(self) -> set[str]:
        return {t for t, _ in self.participants}


def _receivers(kind: str, participants) -> set[str]:
    _, object_role = ROLES[kind]
    return {t for t, r in participants if r == object_role}


def _score(
    proposal: EventProposal, candidate: EventSummary, ctx: ExtractionContext
) -> tuple | None:
    if candidate.kind != proposal.kind:
        return None
    if proposal.date is not None and not proposal.date.resolved and candidate.date_start:
        # "in April" with no year to read it by: the dates cannot be compared, and a dated
        # event of another year would be a guess.
        return None
    if (
        proposal.date is not None
        and proposal.date.resolved
        and candidate.date_start is None
        and candidate.date_text
    ):
        return None  # the same, the other way round: the event's date is the unreadable one
    date = proposal.date if proposal.date is not None and proposal.date.resolved else None
    # Both ranges, when both are dated (a resolved date and a dated event have both ends).
    both = (
        (date.start, date.end, candidate.date_start, candidate.date_end)
        if date is not None
        and date.start is not None
        and date.end is not None
        and candidate.date_start is not None
        and candidate.date_end is not None
        else None
    )
    if both is not None and not (both[0] <= both[3] and both[2] <= both[1]):
        return None
    countries = set(proposal.countries)
    shared_places = countries & candidate.countries
    shared_actors = proposal.core & candidate.core
    if proposal.kind in PLACE_ONLY_KINDS:
        if countries and candidate.countries and not shared_places:
            return None
        if not shared_places and not shared_actors:
            return None
    else:
        state_places = {ctx.as_actor(c) for c in countries} - {None}
        if not shared_actors and not (state_places & candidate.core) and not shared_places:
            return None
        if proposal.kind in DIRECTED:
            mine, theirs = (
                _receivers(proposal.kind, proposal.participants),
                _receivers(proposal.kind, candidate.participants),
            )
            if mine and theirs and not (mine & theirs):
                return None
    # Without dates to tell two events apart, one side's actors must include the other's.
    if (
        both is None
        and proposal.core
        and candidate.core
        and not (proposal.core <= candidate.core or candidate.core <= proposal.core)
    ):
        return None
    if proposal.kind in UTTERANCES and (both is None or both[:2] != both[2:]):
        # One government says many things in a month: statements are one only on one date.
        return None
    if both is not None:
        start, end, known_start, known_end = both
        exact = start == known_start and end == known_end
        width = (known_end - known_start).days
        closeness = (0 if exact else 1, width)
    else:
        closeness = (2, 0)
    return (*closeness, -len(shared_actors) - len(shared_places))


def best_match(
    proposal: EventProposal, candidates: list[EventSummary], ctx: ExtractionContext
) -> EventSummary | None:
    scored = [(score, c) for c in candidates if (score := _score(proposal, c, ctx)) is not None]
    if not scored:
        return None
    scored.sort(key=lambda sc: sc[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None  # two equally good events: linking either would be a guess
    return scored[0][1]
