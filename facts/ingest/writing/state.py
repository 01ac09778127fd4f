"""What one import run keeps between files, read from the database once."""

from dataclasses import dataclass, field

from django.db.models import Max

from facts.choices import WITHDRAWN_STATUSES, ReviewStatus
from facts.ingest.analysis.context import ExtractionContext, build_context
from facts.ingest.writing.matching import EventSummary
from facts.models import (
    Actor,
    ActorAlias,
    ActorRelation,
    Country,
    Event,
    Place,
)


@dataclass
class RunState:
    """What one import run keeps between files: the context, the events it has seen and the
    keys of the countries and actors it has looked up.

    Events are loaded once per kind and kept up to date as this run creates or enriches them,
    so matching does not re-read the whole event table for every article. Keys are loaded once
    and learn the actors this run creates (after their article commits), so an article asks
    the database only about names it has never seen.
    """

    ctx: ExtractionContext
    events: dict[str, list[EventSummary]] = field(default_factory=dict)
    country_ids: dict[str, int] = field(default_factory=dict)  # "MLI" -> pk
    actor_ids: dict[str, int] = field(default_factory=dict)  # "actor:jnim" -> pk
    places: dict[str, tuple] = field(default_factory=dict)  # slug -> (pk, latitude, longitude)
    # Actors created by this run, in order: workers extend their context with them.
    learned_actors: list[tuple[str, str, str]] = field(default_factory=list)
    # The key through which every event was read: a state kept from one job to the next (the
    # job queue's workers, facts/tasks.py) catches up, inside each write, with the events
    # other importers created meanwhile, by key. (Their changes to older events wait until
    # the worker reads its state afresh.)
    events_seen_through: int | None = None

    def events_of(self, kinds: set[str]) -> dict[str, list[EventSummary]]:
        missing = kinds - set(self.events)
        if missing:
            if self.events_seen_through is None:
                self.events_seen_through = Event.objects.aggregate(last=Max("pk"))["last"] or 0
            loaded = event_summaries(missing)
            for kind in missing:
                self.events[kind] = loaded.get(kind, [])
        return {kind: self.events[kind] for kind in kinds}

    def catch_up_events(self) -> None:
        """Add the events created since this state last read them (by other importers)."""
        if self.events_seen_through is None or not self.events:
            return
        newer = event_summaries(set(self.events), after=self.events_seen_through)
        for kind, summaries in newer.items():
            ids = {summary.id for summary in summaries}
            pool = self.events[kind]
            pool[:] = [s for s in pool if s.id not in ids] + summaries
            self.events_seen_through = max(self.events_seen_through, *ids)

    def place_points(self, slugs: set[str]) -> dict[str, tuple]:
        """(pk, latitude, longitude) of each known place, by slug; asked per article, as
        places proposed by an earlier article of the run may be there now."""
        missing = slugs - self.places.keys()
        if missing:
            self.places.update(
                (slug, (pk, lat, lon))
                for slug, pk, lat, lon in Place.objects.filter(slug__in=missing).values_list(
                    "slug", "pk", "latitude", "longitude"
                )
            )
        return {s: self.places[s] for s in slugs if s in self.places}

    def countries(self, codes: set[str]) -> dict[str, int]:
        missing = codes - self.country_ids.keys()
        if missing:
            self.country_ids.update(
                Country.objects.filter(alpha3__in=missing).values_list("alpha3", "pk")
            )
        return {c: self.country_ids[c] for c in codes if c in self.country_ids}

    def actors(self, targets: set[str]) -> dict[str, int]:
        missing = targets - self.actor_ids.keys()
        if missing:
            # Only rows committed before this article's people were written can be found here.
            slugs = {t.split(":", 1)[1] for t in missing}
            self.actor_ids.update(
                (f"actor:{slug}", pk)
                for slug, pk in Actor.objects.filter(slug__in=slugs).values_list("slug", "pk")
            )
        return {t: self.actor_ids[t] for t in targets if t in self.actor_ids}


def new_run_state() -> RunState:
    """The context and the keys of every country and actor, read once for a whole run."""
    return RunState(
        ctx=load_context(),
        country_ids=dict(Country.objects.values_list("alpha3", "pk")),
        actor_ids={f"actor:{slug}": pk for slug, pk in Actor.objects.values_list("slug", "pk")},
    )


def load_context() -> ExtractionContext:
    """The gazetteer and lookups, from the database as it is now."""
    countries = list(
        Country.objects.values("alpha3", "name", "official_name", "aliases", "demonyms", "capital")
    )
    actors = [
        {**row, "country": row["country__alpha3"], "parent": row["parent__slug"]}
        for row in Actor.objects.values(
            "slug", "name", "kind", "status", "country__alpha3", "parent__slug"
        )
    ]
    aliases = [
        {"actor": row["actor__slug"], "name": row["name"], "case_sensitive": row["case_sensitive"]}
        for row in ActorAlias.objects.values("actor__slug", "name", "case_sensitive")
    ]
    relations = [
        {
            "subject": row["subject__slug"],
            "kind": row["kind"],
            "object": row["object__slug"],
            "start": row["start"],
            "end": row["end"],
        }
        for row in ActorRelation.objects.values(
            "subject__slug", "kind", "object__slug", "start", "end"
        )
    ]
    places = [
        {
            "slug": row["slug"],
            "name": row["name"],
            "aliases": row["aliases"],
            "kind": row["kind"],
            "country": row["country__alpha3"],
            "population": row["population"],
        }
        for row in Place.objects.exclude(status__in=WITHDRAWN_STATUSES).values(
            "slug", "name", "aliases", "kind", "country__alpha3", "population"
        )
    ]
    return build_context([dict(row) for row in countries], actors, aliases, relations, places)


def event_summaries(kinds: set[str], after: int | None = None) -> dict[str, list[EventSummary]]:
    """The events of these kinds that matching considers (with keys above `after`)."""
    chosen = Event.objects.filter(kind__in=kinds)
    if after is not None:
        chosen = chosen.filter(pk__gt=after)
    events = (
        chosen.exclude(status=ReviewStatus.REJECTED)
        .select_related("place")
        .prefetch_related("participants__actor", "countries")
    )
    summaries: dict[str, list[EventSummary]] = {}
    for event in events:
        summaries.setdefault(event.kind, []).append(
            EventSummary(
                id=event.pk,
                kind=event.kind,
                date_start=event.date_start,
                date_end=event.date_end,
                participants=frozenset(
                    (f"actor:{p.actor.slug}", p.role) for p in event.participants.all()
                ),
                countries=frozenset(f"country:{c.alpha3}" for c in event.countries.all()),
                curated=event.is_curated,
                date_text=event.date_text,
                location_precision=event.location_precision,
                place_kind=event.place.kind if event.place else "",
            )
        )
    return summaries
