"""Step 7b: where each proposed event happened, and how exactly the words place it.

The place is the one named in the event's own clause after a preposition of place ("in
Tillabéri region", "near Djibo", "at Air Base 201 in Agadez"); a clause that names none lends
the sentence's opening place ("In Mopti region, …") or, failing that, the event's one country.
A capital standing for its government ("Washington said") is never read: only names after a
preposition of place are. The precision is what the words support: "near" is not the town
itself, a region is not a town, "northern Mali" is only Mali (ACLED geo_precision, UCDP
where_prec). A name the gazetteer lacks is proposed as a new place, with no point, only when
the words leave no doubt that it is one ("the village of X", "near X", "X region").
"""

import re
from dataclasses import dataclass

from facts.ingest.analysis import lang
from facts.ingest.analysis.gazetteer import Mention
from facts.ingest.analysis.sentences import Clause, clause_at
from facts.names import normalize_name

_P = lang.process_pack()


class PlaceKind:
    """facts.choices.PlaceKind's values (this layer stays free of Django; a test checks)."""

    COUNTRY, ADMIN1, ADMIN2, LOCALITY, SITE = "country", "admin1", "admin2", "locality", "site"


class LocationPrecision:
    """facts.choices.LocationPrecision's values, from the most precise."""

    EXACT, NEAR, ADMIN2, ADMIN1, COUNTRY = "exact", "near", "admin2", "admin1", "country"
    values = (EXACT, NEAR, ADMIN2, ADMIN1, COUNTRY)


PRECISION_OF_KIND = {
    PlaceKind.COUNTRY: LocationPrecision.COUNTRY,
    PlaceKind.ADMIN1: LocationPrecision.ADMIN1,
    PlaceKind.ADMIN2: LocationPrecision.ADMIN2,
    PlaceKind.LOCALITY: LocationPrecision.EXACT,
    PlaceKind.SITE: LocationPrecision.EXACT,
}
_MAX_NAME_WORDS = 5
# Where the conflict is: a name several countries share is first looked for here.
FOCUS_COUNTRIES = ("MLI", "BFA", "NER")
_KIND_ORDER = {
    PlaceKind.SITE: 0,
    PlaceKind.LOCALITY: 1,
    PlaceKind.COUNTRY: 2,
    PlaceKind.ADMIN2: 3,
    PlaceKind.ADMIN1: 4,
}


@dataclass(frozen=True)
class PlaceRef:
    """A place the gazetteer knows, as the analysis needs it."""

    slug: str
    name: str
    kind: str
    country: str  # alpha-3
    population: int = 0


@dataclass(frozen=True)
class PlaceFinding:
    """Where an event happened: a known place (`slug`) or a name to propose (`slug` None)."""

    slug: str | None
    name: str
    kind: str
    country: str | None
    precision: str
    phrase: str  # the words as written: "near Djibo"


class PlaceIndex:
    """Every name and alias of the known places, by comparison key."""

    def __init__(self, places: list[PlaceRef], names: dict[str, list[str]]) -> None:
        self.by_key: dict[str, list[PlaceRef]] = {}
        for place in places:
            for name in [place.name, *names.get(place.slug, [])]:
                key = normalize_name(name)
                if key:
                    self.by_key.setdefault(key, []).append(place)
        self.by_slug = {place.slug: place for place in places}
        self.country_places = {p.country: p for p in places if p.kind == PlaceKind.COUNTRY}

    def lookup(self, name: str) -> list[PlaceRef]:
        return self.by_key.get(normalize_name(name), [])


def _words(items) -> str:
    return "|".join(sorted(items, key=len, reverse=True))


_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_NAME_WORD = rf"(?:{_CAPITALISED}|\d+)"  # "Air Base 201"; a name never starts with a number
_LINK = rf"(?:{_words(_P.PLACE_NAME_LINKS)})(?:['’]|\s+)"
_NAME = rf"{_CAPITALISED}(?:(?:\s+|-)(?:{_LINK})?{_NAME_WORD}){{0,{_MAX_NAME_WORDS - 1}}}"
_UNIT_WORDS = _words(map(re.escape, _P.PLACE_UNITS))
_PART_WORDS = _words(map(re.escape, _P.PLACE_PARTS))
# Cue and unit words in any case ("In", "Region"), the name itself capitalised.
_CUE = re.compile(
    rf"\b(?i:(?P<near>{_words(_P.PLACE_NEAR)})|(?P<at>{_words(_P.PLACE_AT)}))\s+"
    rf"(?i:the\s+)?(?:(?P<part>(?i:{_PART_WORDS}))\s+)?(?:\d{{4}}\s+)?"
    rf"(?:(?P<unit_before>(?i:{_UNIT_WORDS}))\s+of\s+(?i:the\s+)?)?"
    rf"(?P<name>{_NAME})"
    rf"(?:\s+(?P<unit_after>(?i:{_UNIT_WORDS}))\b)?"
)
_STRUCK_OBJECT = re.compile(rf"[\w-]+\s+(?i:the\s+)?(?:\d{{4}}\s+)?(?P<name>{_NAME})(?![\w'’-])")
_FACILITY_WORDS = frozenset(w.lower() for w in _P.PLACE_FACILITIES)
# Prepositions that place only what strikes a place ("an attack on Solhan").
_STRUCK_ONLY = frozenset({"on"})
# Prepositions that place only where someone goes ("traveled to Bamako", "moved into Niger").
_DESTINATION_ONLY = frozenset({"to", "into"})
# "attacked the village of Boni": a unit's word names a place without a preposition.
_UNIT_OF = re.compile(
    rf"\b(?i:the\s+)(?:[\w'’-]+\s+){{0,3}}?(?P<unit_before>(?i:{_UNIT_WORDS}))\s+of\s+"
    rf"(?i:the\s+)?(?P<name>{_NAME})"
)
_FACILITY_LINK = "|".join(
    re.escape(w) if w[-1] in "'’" else rf"{re.escape(w)}\s+" for w in _P.FACILITY_OF
)
# "the military camp of Boulkessi", "l'hôtel Radisson de Bamako": a facility named with its
# town; the town is the place (a capitalised word or two may name the facility between).
_FACILITY_OF = re.compile(
    rf"\b(?i:{_words(map(re.escape, _P.PLACE_FACILITIES))})(?:\s+[a-zà-ÿ]+)?"
    rf"(?:\s+{_CAPITALISED}){{0,2}}\s+(?i:{_FACILITY_LINK})(?P<name>{_NAME})"
)
# "Moura, a village in the Mopti region": the unit's word after the name.
_NAME_APPOSED = re.compile(
    rf"(?<![\w'’-])(?P<name>{_NAME}),\s+(?i:an?)\s+(?:[\w-]+\s+)?"
    rf"(?P<unit_before>(?i:{_UNIT_WORDS}))\b"
)
_APPOSED_UNIT = re.compile(rf",\s+(?i:an?)\s+(?:\w+\s+)?(?P<unit>(?i:{_UNIT_WORDS}))\b")
# "Niger's Tillabéri region": the place is what follows the possessive.
_POSSESSIVE = re.compile(r"['’]s\s+")
_CAPITAL = re.compile(rf"\b(?:{_words(_P.PLACE_AT)})\s+(?:{_words(_P.PLACE_CAPITAL)})\b", re.I)
# The lower-case word right after a name ("U.S. training").
_NEXT_WORD = re.compile(r"\s+([a-z][a-z'’-]*)\b")
# "…, after talks in Ouagadougou": the words that open another event's time.
_OTHER_EVENT = re.compile(rf"(?<![\w'’-])(?:{_words(_P.PLACE_OTHER_EVENT)})\s", re.I)
# The sentence opens with its place: "In Mopti region, gunmen …".
_FRONTED = re.compile(r"^\s*(?:While\s+in|In|At|Near|Outside)\s")
_UNNAMED = frozenset(
    normalize_name(w)
    for w in [*_P.MONTHS, *_P.WEEKDAY_NAMES, "the", "this", "that", "its", "their", "his", "her"]
)


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    name_start: int
    name: str
    near: bool
    part: bool
    unit: str | None  # the kind a unit word makes the name


def _phrases(
    sentence: str, start: int, end: int, rules: "PlaceRules", trigger_at: int
) -> list[_Phrase]:
    found = []
    matches = [*_CUE.finditer(sentence, start, end)]
    if (rules.struck or rules.destination) and start <= trigger_at < end:
        # "stormed the Radisson Blu hotel", "attacked Ogossagou": what is struck is the place.
        struck = _STRUCK_OBJECT.match(sentence, trigger_at, end)
        if struck and not any(m.start("name") == struck.start("name") for m in matches):
            matches.append(struck)
    for pattern in (_UNIT_OF, _NAME_APPOSED, _FACILITY_OF):
        matches += [
            m
            for m in pattern.finditer(sentence, start, end)
            if not any(c.start("name") <= m.start("name") < c.end("name") for c in matches)
        ]
    for match in sorted(matches, key=lambda m: m.start()):
        groups = match.groupdict()
        at = (groups.get("at") or "").lower()
        if (at in _STRUCK_ONLY and not rules.struck) or (
            at in _DESTINATION_ONLY and not rules.destination
        ):
            continue  # "sanctions on Niamey", "an appeal to Niamey": not where it happened
        name, name_start = match.group("name"), match.start("name")
        name, unit_in_name, kept = _without_trailing_words(name)
        # The words end with the name or a unit's word after it, never with a day or month
        # dropped from the name ("the village of Kourakou Sunday").
        end = max(
            [name_start + kept]
            + [
                match.end(group)
                for group in ("unit_before", "unit_after")
                if groups.get(group) and match.start(group) > name_start
            ]
        )
        owner = next(reversed([*_POSSESSIVE.finditer(name)]), None)
        if owner is not None:
            name_start += owner.end()
            name = name[owner.end() :]
        unit_word = groups.get("unit_before") or groups.get("unit_after") or unit_in_name
        if not unit_word and (apposed := _APPOSED_UNIT.match(sentence, match.end())):
            unit_word = apposed.group("unit")  # "in Solhan, a village in Yagha province"
        found.append(
            _Phrase(
                start=match.start(),
                end=end,
                name_start=name_start,
                name=name,
                near=bool(groups.get("near")),
                part=bool(groups.get("part")),
                unit=_P.PLACE_UNITS.get(unit_word.lower()) if unit_word else None,
            )
        )
    return found


def _without_trailing_words(name: str) -> tuple[str, str | None, int]:
    """The name without what follows it but is no part of it: a day or a month ("in Gao
    Monday") and a unit's word ("Mopti Region", which also says what kind of place it is);
    and how much of `name` the name and its unit's word take."""
    spans = [*re.finditer(r"\S+", name)]
    for at, word in enumerate(spans[1:], start=1):
        if normalize_name(word.group()) in _UNNAMED:
            spans = spans[:at]
            break
    kept = spans[-1].end()
    unit = None
    if len(spans) > 1 and spans[-1].group().lower() in _P.PLACE_UNITS:
        unit = spans.pop().group().lower()
    return " ".join(w.group() for w in spans), unit, kept


def _candidates(index: PlaceIndex, name: str) -> tuple[str, list[PlaceRef]]:
    """The places of exactly this name, or of its first words when only a facility's word
    follows ("Radisson Blu Hotel" is the "Radisson Blu"); other first words ("Adrar" of
    "Adrar des Ifoghas") are another place."""
    found = index.lookup(name)
    words = name.split()
    if not found and len(words) > 1 and words[-1].lower() in _FACILITY_WORDS:
        head = " ".join(words[:-1])
        return head, index.lookup(head)
    return name, found


def _choose(candidates: list[PlaceRef], unit: str | None, countries: list[str]) -> PlaceRef | None:
    if unit:
        candidates = [c for c in candidates if c.kind == unit] or (
            [] if unit in {PlaceKind.ADMIN1, PlaceKind.ADMIN2} else candidates
        )
    if not candidates:
        return None

    def rank(place: PlaceRef) -> tuple:
        return (
            place.country not in countries,
            place.country not in FOCUS_COUNTRIES,
            _KIND_ORDER.get(place.kind, 9),
            -place.population,
            place.slug,
        )

    return min(candidates, key=rank)


def _overlaps_a_name(phrase_start: int, phrase_end: int, mentions: list[Mention]) -> Mention | None:
    return next((m for m in mentions if m.start < phrase_end and phrase_start < m.end), None)


def _finding(
    phrase: _Phrase,
    sentence: str,
    mentions: list[Mention],
    index: PlaceIndex,
    countries: list[str],
    capitals: dict[str, str],
) -> PlaceFinding | None:
    name_start = phrase.name_start
    head, candidates = _candidates(index, phrase.name)
    if normalize_name(head.split()[0]) in _UNNAMED:
        return None
    named = _overlaps_a_name(name_start, name_start + len(head), mentions)
    if named is not None and named.kind not in {"country-name", "capital"}:
        return None  # "attack on the Malian army", "in MINUSMA's camp": a name, not a place
    if named is not None and named.kind == "country-name" and not candidates:
        candidates = [p for p in [index.country_places.get(named.target_key)] if p]
    if not phrase.unit:
        # A town of the same name in a country the story is not about is not this place;
        # a region's bare name is too often a word of its own ("the Sahel", "the Est").
        spoken = {m.target_key for m in mentions if m.target_type == "country"}
        candidates = [
            c
            for c in candidates
            if c.kind not in {PlaceKind.ADMIN1, PlaceKind.ADMIN2}
            and (
                c.kind == PlaceKind.COUNTRY
                or c.country in countries
                or c.country in FOCUS_COUNTRIES
                or c.country in spoken
            )
        ]
    place = _choose(candidates, phrase.unit, countries)
    words = sentence[phrase.start : name_start + len(head)]
    if phrase.unit and phrase.end > name_start + len(head):
        words = sentence[phrase.start : phrase.end]
    if place is None:
        capital_of = named.target_key if named is not None and named.kind == "capital" else None
        if not (phrase.unit or phrase.near or capital_of):
            return None  # "in Kanaka" alone: too little to add a place to the gazetteer
        country = capital_of or (countries[0] if countries else None)
        kind = phrase.unit or PlaceKind.LOCALITY
        precision = LocationPrecision.NEAR if phrase.near else PRECISION_OF_KIND[kind]
        return PlaceFinding(None, head, kind, country, precision, words)
    if place.kind == PlaceKind.COUNTRY and not (phrase.unit or phrase.part):
        name_end = max(name_start + len(head), named.end if named is not None else 0)
        following = _NEXT_WORD.match(sentence, name_end)
        if following and following.group(1) not in _P.PLACE_FOLLOWERS:
            return None  # "a participant in U.S. training programs": an adjective
    if phrase.part and place.kind == PlaceKind.COUNTRY:
        precision = LocationPrecision.COUNTRY
    elif phrase.near and place.kind in {PlaceKind.LOCALITY, PlaceKind.SITE}:
        precision = LocationPrecision.NEAR
    else:
        precision = PRECISION_OF_KIND[place.kind]
    return PlaceFinding(place.slug, place.name, place.kind, place.country, precision, words)


def place_of_event(
    sentence: str,
    trigger_at: int,
    clauses: list[Clause],
    mentions: list[Mention],
    index: PlaceIndex,
    countries: list[str],
    capitals: dict[str, str] | None = None,
    other_triggers: tuple[int, ...] = (),
    rules: "PlaceRules | None" = None,
) -> PlaceFinding | None:
    """Where the event whose trigger starts at `trigger_at` happened, by the words of its
    sentence; `countries` are the event's and the article's (alpha-3), most relevant first."""
    clause = clause_at(clauses, trigger_at)
    spans = [(clause.start, clause.end)]
    # The rest of the sentence after the trigger, up to a semicolon or another event's clause.
    after = sentence.find(";", trigger_at)
    tail_end = after if after != -1 else len(sentence)
    later = [t for t in other_triggers if t > clause.end]
    if later:
        tail_end = min(tail_end, clause_at(clauses, later[0]).start)
    if clause.end < tail_end:
        spans.append((clause.end, tail_end))
    if _FRONTED.match(sentence) and clauses[0].start != clause.start:
        spans.append((clauses[0].start, clauses[0].end))
    for start, end in spans:
        other = _OTHER_EVENT.search(sentence, max(start, trigger_at), end)
        if other:
            end = other.start()
        findings = [
            found
            for phrase in _phrases(sentence, start, end, rules or PlaceRules(), trigger_at)
            if (found := _finding(phrase, sentence, mentions, index, countries, capitals or {}))
        ]
        if findings:
            # Equally precise places: the one in the event's own country first ("Goïta in
            # Mali in 2021, Traoré in Burkina Faso in 2022"), else the first named.
            def rank(finding: PlaceFinding) -> tuple[int, int]:
                own = countries.index(finding.country) if finding.country in countries else 99
                return _precision_rank(finding), own

            best = min(findings, key=rank)
            if best.country is None:
                # "Solhan, a village in Yagha province": the new place is in its unit's country.
                within = next((f.country for f in findings if f.country), None)
                best = PlaceFinding(
                    best.slug, best.name, best.kind, within, best.precision, best.phrase
                )
            return best
        capital = _CAPITAL.search(sentence, start, end)
        if capital and countries and (city := (capitals or {}).get(countries[0])):
            candidates = [p for p in index.lookup(city) if p.country == countries[0]]
            place = _choose(candidates, PlaceKind.LOCALITY, countries)
            if place:
                return PlaceFinding(
                    place.slug,
                    place.name,
                    place.kind,
                    place.country,
                    LocationPrecision.EXACT,
                    capital.group(0),
                )
    return None


_PRECISION_ORDER = {precision: rank for rank, precision in enumerate(LocationPrecision.values)}


def _precision_rank(finding: PlaceFinding) -> int:
    """The most precise place the clause names: a town over its region over its country."""
    return _PRECISION_ORDER[finding.precision]


# Before a clause's subject: list marks, a date line's "1 Aug 2023:", "The".
_OPENS = re.compile(r"[\s\-–—•*]*(?:[^:]{0,20}:\s*)?(?i:the\s+)?")
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)


def _not_the_subject(
    own: list[str],
    sentence: str,
    clauses: list[Clause],
    trigger_at: int,
    mentions: list[Mention],
    home: str | None,
    rules: "PlaceRules",
) -> list[str]:
    """The event's countries that may be its place: not the one that opens its clause as
    the one who acts ("France begins evacuating its citizens" is not in France); an event
    left with none is in the article's home country, for kinds that allow it."""
    clause = clause_at(clauses, trigger_at)
    subjects = {
        m.target_key
        for m in mentions
        if m.target_type == "country"
        and clause.start <= m.start < trigger_at
        and _OPENS.fullmatch(sentence, clause.start, m.start)
    }
    if not rules.left:
        # "independence from France": a country left behind is not where it happened.
        subjects |= {
            m.target_key
            for m in mentions
            if m.target_type == "country" and _FROM.search(sentence, 0, m.start)
        }
    places = [c for c in own if c not in subjects]
    if not places and subjects and home and rules.home:
        places = [home.split(":", 1)[1]]
    return places


def country_place(index: PlaceIndex, countries: list[str]) -> PlaceFinding | None:
    """An event placed only by its one country."""
    if len(countries) != 1 or countries[0] not in index.country_places:
        return None
    place = index.country_places[countries[0]]
    return PlaceFinding(
        place.slug, place.name, place.kind, place.country, LocationPrecision.COUNTRY, ""
    )


@dataclass(frozen=True)
class PlaceRules:
    """What an event's kind allows: a place at all (a statement's words place what it
    speaks of, not itself), "on X" as its place (an attack on a town), its one country as
    its place when the words name nothing finer (not a sanction's target country)."""

    placed: bool = True
    struck: bool = True
    by_country: bool = True
    home: bool = False  # an event of no country is in the article's home country
    destination: bool = False  # "traveled to Bamako": a visit's or deployment's place
    by_sides: bool = False  # in the one country its participants belong to
    left: bool = False  # "withdrew from Mali": the country left is the place


def locate(
    countries: list[str],
    home: str | None,
    sentence: str,
    trigger_at: int,
    clauses: list[Clause],
    mentions: list[Mention],
    index: PlaceIndex,
    capitals: dict[str, str],
    other_triggers: tuple[int, ...],
    rules: "PlaceRules",
    sides: tuple[str, ...] = (),
    named: tuple[str, ...] = (),
) -> tuple[PlaceFinding | None, list[str]]:
    """An event's place, and its countries ("country:MLI") corrected by it (`sides` are the
    countries its participants belong to, `named` those of every actor the sentence names,
    alpha-3): an event placed
    in a town takes the town's country when it had none, or only the article's home
    ("gunmen attacked near Djibo" in an article about Niger is in Burkina Faso)."""
    if not rules.placed:
        return None, countries
    own = [c.split(":", 1)[1] for c in countries]
    if not own and rules.by_sides and len(set(sides)) == 1:
        own = [sides[0]]  # "soldiers overthrew Bazoum": a coup is in its target's country
    elif not own and home and rules.home:
        own = [home.split(":", 1)[1]]  # "the coup", unplaced, in an article about Mali
    # The countries that may hold the place, the likeliest first; the last are those of the
    # people and bodies the sentence names ("Bazoum's party in the capital" is in Niger).
    around = [*own, *([home.split(":", 1)[1]] if home else []), *named]
    finding = place_of_event(
        sentence,
        trigger_at,
        clauses,
        mentions,
        index,
        around,
        capitals,
        other_triggers,
        rules,
    ) or (
        country_place(
            index, _not_the_subject(own, sentence, clauses, trigger_at, mentions, home, rules)
        )
        if rules.by_country
        else None
    )
    found = finding.country if finding else None
    if not found or found in own:
        return finding, countries
    if not own or (home is not None and countries == [home]):
        return finding, [f"country:{found}"]
    return finding, [*countries, f"country:{found}"]
