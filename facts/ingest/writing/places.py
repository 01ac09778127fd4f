"""An event's place as fields: a known place's key and point, or a new place to review."""

from facts.choices import LocationPrecision, Origin, PlaceKind
from facts.ingest.analysis.places import PlaceFinding
from facts.ingest.writing import rows
from facts.ingest.writing.fields import IMPORT_REASON
from facts.models import Place
from facts.names import joined_keys, normalize_name, slug_of

_RANK = {precision: rank for rank, precision in enumerate(LocationPrecision.values)}


def finer(precision: str, kind: str, than: str, than_kind: str) -> bool:
    """Whether a place of `kind` at `precision` places an event more exactly than one of
    `than_kind` at `than` ("" places it nowhere); at the same precision a site (the hotel)
    is finer than its town."""

    def rank(precision: str, kind: str) -> tuple[int, int]:
        return _RANK.get(precision, 99), 0 if kind == PlaceKind.SITE else 1

    return rank(precision, kind) < rank(than, than_kind)


def place_fields(finding: PlaceFinding | None, state, country_id) -> dict:
    """Event fields for a finding: its place, precision, words and the place's point. A place
    the gazetteer lacks is added, unreviewed and with no point, for a curator to locate;
    `country_id("country:MLI")` gives its country's key (None: nothing can be added)."""
    if finding is None:
        return {}
    slug = finding.slug or _new_place_slug(finding)
    if slug is None:
        return {}
    known = state.place_points({slug})
    if slug not in known:
        if finding.slug is not None:
            return {}  # rejected or removed since the run began
        country = country_id(f"country:{finding.country}")
        if country is None:
            return {}
        place = Place(
            slug=slug,
            name=finding.name[:200],
            name_key=normalize_name(finding.name),
            search_keys=joined_keys([finding.name]),
            kind=finding.kind,
            country_id=country,
            origin=Origin.IMPORT,
            note=f"Proposed from the words “{finding.phrase}”"[:300],
        )
        rows.insert_with_history(Place, [place], reason=IMPORT_REASON)
        state.places[slug] = (place.pk, None, None)
        known = {slug: state.places[slug]}
    pk, latitude, longitude = known[slug]
    return {
        "place_id": pk,
        "location_precision": finding.precision,
        "location": finding.phrase[:200] or finding.name[:200],
        "latitude": latitude,
        "longitude": longitude,
    }


def _new_place_slug(finding: PlaceFinding) -> str | None:
    if not finding.country:
        return None
    base = slug_of(finding.name)
    return f"{finding.country.lower()}-{base}" if base else None
