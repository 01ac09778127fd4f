"""Proposed events as rows: new events, and what a matched event learns."""

from dataclasses import replace
from typing import Protocol

from facts.choices import Origin
from facts.ingest.analysis import ArticleAnalysis
from facts.ingest.analysis.context import ExtractionContext
from facts.ingest.analysis.events import EventProposal
from facts.ingest.writing import rows
from facts.ingest.writing.fields import IMPORT_REASON
from facts.ingest.writing.lookups import unique_slug
from facts.ingest.writing.matching import EventSummary
from facts.ingest.writing.places import finer, place_fields
from facts.ingest.writing.state import RunState
from facts.ingest.writing.titles import event_slug, event_title
from facts.models import (
    Article,
    Event,
    EventParticipant,
)
from facts.services.history import many_to_many_snapshot, note_change


class ArticleKeys(Protocol):
    """What these functions need of the article being written: its analysis, its context and
    the database keys of the names it mentions (the writer provides them)."""

    analysis: ArticleAnalysis
    local: ExtractionContext
    state: RunState

    def actor_id(self, target: str | None) -> int | None: ...

    def country_id(self, target: str | None) -> int | None: ...


def summary_of(event: Event, proposal: EventProposal, writer: ArticleKeys) -> EventSummary:
    return EventSummary(
        id=event.pk,
        kind=event.kind,
        date_start=event.date_start,
        date_end=event.date_end,
        participants=frozenset(
            (t, r) for t, r in proposal.participants if writer.actor_id(t) is not None
        ),
        countries=frozenset(c for c in proposal.countries if writer.country_id(c)),
        curated=False,
        date_text=event.date_text,
        location_precision=event.location_precision,
        place_kind=proposal.place.kind if proposal.place and event.location_precision else "",
    )


def date_fields(proposal: EventProposal) -> dict:
    date = proposal.date
    if date is not None and date.resolved:
        return {
            "date_start": date.start,
            "date_end": date.end,
            "date_precision": date.precision,
            "date_text": date.text[:200],
        }
    return {
        "date_start": None,
        "date_end": None,
        "date_precision": "",
        "date_text": date.text[:200] if date else "",
    }


def fatality_fields(proposal: EventProposal) -> dict:
    deaths = proposal.fatalities
    if deaths is None:
        return {}
    return {
        "fatalities_low": deaths.low,
        "fatalities_best": deaths.best,
        "fatalities_high": deaths.high,
    }


def create_event(proposal: EventProposal, article: Article, writer: ArticleKeys) -> Event:
    title = event_title(proposal, writer.local)
    sentence = next(s for s in writer.analysis.sentences if s.index == proposal.sentence_index)
    event = Event(
        slug=unique_slug(Event, event_slug(proposal, title)),
        kind=proposal.kind,
        title=title,
        description=f"Proposed from “{sentence.text}” ({article.title})"[:5000],
        origin=Origin.IMPORT,
        **date_fields(proposal),
        **fatality_fields(proposal),
        **place_fields(proposal.place, writer.state, writer.country_id),
    )
    # A new event has no places yet, so save() would record no many-to-many history either.
    rows.insert_with_history(Event, [event], reason=IMPORT_REASON)
    add_places_and_participants(event.pk, proposal, writer, article.pk)
    return event


def add_places_and_participants(
    event_id: int,
    proposal: EventProposal,
    writer: ArticleKeys,
    article_id: int,
    known: EventSummary | None = None,
) -> None:
    """Add the places and participants the event does not have yet (nothing is removed)."""
    have_countries = known.countries if known else frozenset()
    have_people = known.participants if known else frozenset()
    new_countries = [
        writer.country_id(c)
        for c in dict.fromkeys(proposal.countries)
        if c not in have_countries and writer.country_id(c)
    ]
    rows.insert_values(
        Event.countries.through,
        [{"event_id": event_id, "country_id": i} for i in new_countries],
        ignore_conflicts=True,
    )
    if new_countries:
        many_to_many_snapshot(Event, [event_id])
    participants = []
    # An actor the event has already takes no second side in it from another sentence, and
    # two names may be one actor (a new organisation the database already knew by an
    # acronym): one row per actor.
    taken = {target for target, _ in have_people}
    have_ids = {writer.actor_id(t) for t, _ in have_people}
    for target, role in dict.fromkeys(proposal.participants):
        actor_id = writer.actor_id(target)
        if actor_id and target not in taken and actor_id not in have_ids:
            have_ids.add(actor_id)
            participants.append(
                EventParticipant(
                    event_id=event_id, actor_id=actor_id, role=role, article_id=article_id
                )
            )
    if participants and known is not None:
        # `known` may be older than the row: another importer (a queue worker) or a curator
        # may have given the event one of these actors since it was read.
        present = set(
            EventParticipant.objects.filter(
                event_id=event_id, actor_id__in=[p.actor_id for p in participants]
            ).values_list("actor_id", flat=True)
        )
        participants = [p for p in participants if p.actor_id not in present]
    if participants:
        rows.insert_with_history(EventParticipant, participants, reason=IMPORT_REASON)


def enrich_event(
    known: EventSummary,
    proposal: EventProposal,
    writer: ArticleKeys,
    article_id: int,
    told_here: bool = False,
) -> EventSummary:
    """A matched event the curators have not touched learns a closer date, new names and,
    when it has none, a toll. Returns the summary as the event now stands (the same object
    when nothing changed). `told_here`: the article has already reported this event in an
    earlier sentence, so a loose mention ("Thirteen people were killed in the attack.") is
    surely of it."""
    if known.curated:
        return known
    dated = proposal.date is not None and proposal.date.resolved
    toll = fatality_fields(proposal) if (dated or told_here) else {}
    if proposal.date is None or not proposal.date.resolved:
        # An undated mention ("the coup", "the attack") found this event by its place or
        # names alone: it may point at it, but too loosely to give it participants.
        proposal = replace(proposal, participants=[])
    taken = {target for target, _ in known.participants}
    new_people = {(t, r) for t, r in proposal.participants if writer.actor_id(t) and t not in taken}
    new_places = {c for c in proposal.countries if writer.country_id(c)} - known.countries
    date = proposal.date
    # A resolved date has both ends, and so has a dated event.
    narrower = (
        date is not None
        and date.resolved
        and date.start is not None
        and date.end is not None
        and (
            known.date_start is None
            or (
                known.date_end is not None
                and known.date_start <= date.start
                and date.end <= known.date_end
                and (date.start, date.end) != (known.date_start, known.date_end)
            )
        )
    )
    text_only = (
        date is not None and not date.resolved and not known.date_text and known.date_start is None
    )
    placed = proposal.place is not None and finer(
        proposal.place.precision,
        proposal.place.kind,
        known.location_precision,
        known.place_kind,
    )
    if not (new_people or new_places or narrower or text_only or toll or placed):
        return known
    event = Event.objects.select_related("place").get(pk=known.id)
    if event.is_curated:
        return replace(known, curated=True)
    fields: dict = {}
    reasons = []
    if narrower or text_only:
        fields = date_fields(proposal)
        if text_only:
            fields = {"date_text": fields["date_text"]}
        reasons.append("Date refined by the importer")
    if toll and all(getattr(event, name) is None for name in toll):
        fields |= toll
        reasons.append("Toll given by a later report")
    place_kind = event.place.kind if event.place else ""
    # Judged again on the row: another worker may have placed the event since.
    placed = placed and finer(
        proposal.place.precision if proposal.place else "",
        proposal.place.kind if proposal.place else "",
        event.location_precision,
        place_kind,
    )
    if placed and (where := place_fields(proposal.place, writer.state, writer.country_id)):
        fields |= where
        place_kind = proposal.place.kind if proposal.place else place_kind
        reasons.append("Placed more exactly by a later report")
    if fields:
        for name, value in fields.items():
            setattr(event, name, value)
        note_change(event, reason="; ".join(reasons))
        event.save()
    add_places_and_participants(event.pk, proposal, writer, article_id, known)
    return replace(
        known,
        date_start=event.date_start,
        date_end=event.date_end,
        date_text=event.date_text,
        participants=known.participants | new_people,
        countries=known.countries | new_places,
        location_precision=event.location_precision,
        place_kind=place_kind,
    )
