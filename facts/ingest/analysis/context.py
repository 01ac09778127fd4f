"""What the pure extraction steps know about the database, passed in as plain data."""

from dataclasses import dataclass, field, replace
from datetime import date

from facts.ingest.analysis.gazetteer import Entry, Gazetteer
from facts.ingest.analysis.kinds import REJECTED, STATE
from facts.ingest.analysis.places import PlaceIndex, PlaceRef


@dataclass(frozen=True)
class Relation:
    """A dated relation between two actors ("actor:abdourahamane-tchiani" leads "actor:cnsp"
    from 2023-07-28); an open end is None."""

    subject: str
    kind: str  # a RelationKind value
    object: str
    start: date | None = None
    end: date | None = None


@dataclass
class ExtractionContext:
    gazetteer: Gazetteer
    # "actor:jnim" / "country:MLI" -> display name
    names: dict[str, str] = field(default_factory=dict)
    # "actor:jnim" -> ActorKind value
    actor_kinds: dict[str, str] = field(default_factory=dict)
    # "country:MLI" -> "actor:mali", where the state is an actor
    state_of_country: dict[str, str] = field(default_factory=dict)
    # "actor:aes" -> ["actor:aes-unified-force"]: bodies that belong to an actor
    children: dict[str, list[str]] = field(default_factory=dict)
    # "actor:us-africom" -> "country:USA"
    country_of: dict[str, str] = field(default_factory=dict)
    # Dated relations between actors (who leads which body, and when).
    relations: list[Relation] = field(default_factory=list)
    # The gazetteer of places, and each country's capital by alpha-3 ("MLI" -> "Bamako").
    places: PlaceIndex = field(default_factory=lambda: PlaceIndex([], {}))
    capitals: dict[str, str] = field(default_factory=dict)

    def name_of(self, target: str) -> str:
        return self.names.get(target, target.split(":", 1)[-1])

    def as_actor(self, target: str) -> str | None:
        """The actor a mention stands for: itself, or the state of a country."""
        if target.startswith("actor:"):
            return target
        return self.state_of_country.get(target)


def learn_actors(ctx: ExtractionContext, actors: list[tuple[str, str, str]]) -> None:
    """Teach `ctx` (in place) actors created during a run, as (name, slug, kind): later
    articles then find them by name like any actor that was there when the run began."""
    if not actors:
        return
    ctx.gazetteer = ctx.gazetteer.extended(
        [Entry(name, f"actor:{slug}", "actor-name") for name, slug, _ in actors]
    )
    for name, slug, kind in actors:
        ctx.names[f"actor:{slug}"] = name
        ctx.actor_kinds[f"actor:{slug}"] = kind


def build_context(
    countries: list[dict],
    actors: list[dict],
    aliases: list[dict],
    relations: list[dict] | None = None,
    places: list[dict] | None = None,
) -> ExtractionContext:
    """The gazetteer and lookups from plain records (database rows or fixture fields).

    countries: alpha3, name, official_name, aliases, demonyms, capital.
    actors: slug, name, kind, country (alpha3 or None), parent (slug or None), status.
    aliases: actor (slug), name, case_sensitive.
    relations: subject (slug), kind, object (slug), start and end (dates or None).
    places: slug, name, aliases, kind, country (alpha3), population (rejected ones left out).
    States are found through their country's names, so they add no entries of their own.
    Rejected actors stay in the index as "blocked:" targets, so a rejected proposal is not
    proposed again, and is attached to nothing.
    """
    from facts.ingest.analysis.gazetteer import actor_entries, country_entries

    entries = []
    names: dict[str, str] = {}
    for country in countries:
        all_names = [country["name"], *country.get("aliases", [])]
        if country.get("official_name"):
            all_names.append(country["official_name"])
        entries += country_entries(
            country["alpha3"], all_names, country.get("demonyms", []), country.get("capital", "")
        )
        names[f"country:{country['alpha3']}"] = country["name"]
    aliases_of: dict[str, list[tuple[str, bool]]] = {}
    for alias in aliases:
        aliases_of.setdefault(alias["actor"], []).append((alias["name"], alias["case_sensitive"]))
    kinds: dict[str, str] = {}
    states: dict[str, str] = {}
    children: dict[str, list[str]] = {}
    country_of: dict[str, str] = {}
    for actor in actors:
        target = f"actor:{actor['slug']}"
        names[target] = actor["name"]
        kinds[target] = actor["kind"]
        if actor.get("country"):
            country_of[target] = f"country:{actor['country']}"
        if actor.get("parent"):
            children.setdefault(f"actor:{actor['parent']}", []).append(target)
        if actor["kind"] == STATE and actor.get("country"):
            states[f"country:{actor['country']}"] = target
            continue
        actor_items = actor_entries(actor["slug"], actor["name"], aliases_of.get(actor["slug"], []))
        if actor.get("status") == REJECTED:
            actor_items = [replace(e, target=f"blocked:{actor['slug']}") for e in actor_items]
        entries += actor_items
    place_refs = [
        PlaceRef(p["slug"], p["name"], p["kind"], p["country"], p.get("population") or 0)
        for p in places or []
    ]
    return ExtractionContext(
        places=PlaceIndex(place_refs, {p["slug"]: p.get("aliases", []) for p in places or []}),
        capitals={c["alpha3"]: c["capital"] for c in countries if c.get("capital")},
        gazetteer=Gazetteer(entries),
        names=names,
        actor_kinds=kinds,
        state_of_country=states,
        children=children,
        country_of=country_of,
        relations=[
            Relation(
                f"actor:{r['subject']}",
                r["kind"],
                f"actor:{r['object']}",
                r.get("start"),
                r.get("end"),
            )
            for r in relations or []
        ],
    )
