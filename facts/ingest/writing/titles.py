"""Readable titles and slugs for proposed events."""

from facts.ingest.analysis.context import ExtractionContext
from facts.ingest.analysis.dates import DAY, MONTH
from facts.ingest.analysis.events import ROLES, EventProposal
from facts.names import slug_of


def join_names(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    if len(names) > 3:
        names = [*names[:2], f"{len(names) - 2} others"]
    return ", ".join(names[:-1]) + " and " + names[-1]


def _in(place: str) -> str:
    return place if place.startswith("near ") else f"in {place}"


def event_title(proposal: EventProposal, ctx: ExtractionContext) -> str:
    subject_role, object_role = ROLES[proposal.kind]
    subjects = [ctx.name_of(t) for t, r in proposal.participants if r == subject_role]
    objects = [ctx.name_of(t) for t, r in proposal.participants if r == object_role]
    everyone = [ctx.name_of(t) for t, _ in proposal.participants]
    places = [
        ctx.name_of(c)
        for c in proposal.countries
        if ctx.name_of(c) not in everyone and ctx.name_of(ctx.as_actor(c) or "") not in everyone
    ] or [ctx.name_of(c) for c in proposal.countries]
    place = join_names(places[:2])
    found = proposal.place
    if found is not None and found.kind != "country":
        # "Attack near Djibo, Burkina Faso": the place the words give, finer than a country.
        country = ctx.name_of(f"country:{found.country}") if found.country else ""
        near = "near " if found.precision == "near" else ""
        place = near + ", ".join(filter(None, [found.name, country]))
    who = join_names(subjects[:2]) or join_names(everyone[:2])
    other = join_names(objects[:2])
    organisations = [
        ctx.name_of(t)
        for t, _ in proposal.participants
        if ctx.actor_kinds.get(t) in {"international-organisation", "armed-force"}
    ]
    plural = len(subjects) > 1

    def verb(singular: str, many: str) -> str:
        return many if plural else singular

    templates = {
        "coup": lambda: f"Coup {_in(place)}" if place else "Coup",
        "withdrawal": lambda: (
            f"{who or 'Forces'} {verb('withdraws', 'withdraw')} from {place or 'the region'}"
        ),
        "deployment": lambda: (
            f"{who or 'Forces'} {verb('deploys', 'deploy')} to {place or 'the region'}"
        ),
        "alliance-formation": lambda: (
            f"Formation of the {organisations[0]}"
            if organisations
            else f"Alliance formed by {join_names(everyone)}"
        ),
        "force-creation": lambda: (
            f"Creation of the {organisations[-1]}"
            if organisations
            else f"Joint force created by {join_names(everyone)}"
        ),
        "membership-change": lambda: (
            f"{join_names(everyone[:-1])} leave {everyone[-1]}"
            if len(everyone) > 1
            else f"Membership change in {join_names(everyone)}"
        ),
        "meeting": lambda: (
            f"Talks between {join_names(everyone)}"
            if len(everyone) > 1
            else f"Talks held by {join_names(everyone)}"
        ),
        "visit": lambda: (
            f"{who or 'Officials'} {verb('visits', 'visit')} {other or place or 'the region'}"
        ),
        "agreement": lambda: f"Agreement between {join_names(everyone)}",
        "aid-suspension": lambda: (
            f"{who or 'Donors'} {verb('suspends', 'suspend')} aid"
            + (f" to {other}" if other else "")
        ),
        "sanction": lambda: (
            f"{who or 'Sanctions'} {verb('sanctions', 'sanction')} {other or place}".strip()
        ),
        "equipment-delivery": lambda: (
            f"{who or 'Supplier'} {verb('delivers', 'deliver')} "
            + (proposal.detail or "military equipment")
            + (f" to {other or place}" if other or place else "")
        ),
        "intelligence-sharing": lambda: (
            f"{who or 'Intelligence'} {verb('shares', 'share')} intelligence"
            + (f" with {other}" if other else "")
        ),
        "attack": lambda: f"Attack {_in(place)}" if place else f"Attack by {who}",
        "airstrike": lambda: f"Air strike {_in(place)}" if place else f"Air strike by {who}",
        "expulsion": lambda: f"{who} {verb('expels', 'expel')} {other or place}",
        "election": lambda: f"Election {_in(place)}",
        "protest": lambda: f"Protest {_in(place)}",
    }
    title = templates.get(proposal.kind, lambda: proposal.kind.replace("-", " ").title())()
    return " ".join(title.split())[:300] or proposal.kind


def event_slug(proposal: EventProposal, title: str) -> str:
    date = proposal.date
    if date is not None and date.resolved and date.start is not None:
        stamp = date.start.strftime("%Y-%m-%d" if date.precision == DAY else "%Y-%m")
        if date.precision not in {DAY, MONTH}:
            stamp = str(date.start.year)
    else:
        stamp = "undated"
    return slug_of(f"{stamp} {title}")[:180].strip("-") or stamp
