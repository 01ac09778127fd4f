"""The columns of the exports and of the release dump, and `fields=`, which picks from them.

A column is a path into the JSON representation, named as `pandas.json_normalize` names it
(`date.start`, `article.publisher`, `place.name`), so JSON, JSON Lines and CSV share one set
of names. A nested object that is null leaves its columns empty; a list is one CSV cell, its
items joined with ";" (countries by code, actors by slug, participants as `slug:role`).
Each table is declared once here: the CSV header, the names `fields=` accepts, the OpenAPI
enum and README's column tables all come from it.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from facts.choices import ReviewStatus

FIELDS_PARAM = "fields"
SEPARATOR = ";"


def _codes(items: list) -> str:
    return SEPARATOR.join(item["code"] for item in items)


def _slugs(items: list) -> str:
    return SEPARATOR.join(item["slug"] for item in items)


def _words(items: list) -> str:
    return SEPARATOR.join(str(item) for item in items)


def _participants(items: list) -> str:
    # Only readers with a role are shown parts not yet verified: theirs say so.
    cells = []
    for part in items:
        cell = f"{part['actor']['slug']}:{part['role']}"
        if part["status"] != ReviewStatus.VERIFIED:
            cell += f":{part['status']}"
        cells.append(cell)
    return SEPARATOR.join(cells)


def _relations(items: list) -> str:
    return SEPARATOR.join(f"{item['kind']}:{item['object']['slug']}" for item in items)


@dataclass(frozen=True)
class Group:
    """Columns documented together: one row of a README column table."""

    paths: tuple[str, ...]
    doc: str = ""


def group(doc: str, *paths: str) -> Group:
    return Group(paths, doc)


def brief(prefix: str, keys: Iterable[str]) -> tuple[str, ...]:
    return tuple(f"{prefix}.{key}" for key in keys)


ACTOR = ("id", "url", "slug", "name")
COUNTRY = ("code", "alpha2", "name", "url")
PLACE = ("slug", "name", "kind", "url")
DATE = ("start", "end", "precision", "text")


@dataclass(frozen=True)
class Table:
    """One resource's columns, in the order of its JSON keys."""

    name: str
    groups: tuple[Group, ...]
    # How a list becomes one cell, by its path; every list column needs one.
    lists: Mapping[str, Callable[[list], str]] = field(default_factory=dict)
    # JSON paths no CSV column holds (they repeat other columns); `fields=` reaches them
    # through their parent.
    json_only: tuple[str, ...] = ()

    @cached_property
    def columns(self) -> tuple[str, ...]:
        return tuple(path for g in self.groups for path in g.paths)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """What `fields=` accepts: every column and every object above one, in order."""
        names: dict[str, None] = {}
        for column in self.columns:
            parts = column.split(".")
            for end in range(1, len(parts) + 1):
                names[".".join(parts[:end])] = None
        return tuple(names)

    @cached_property
    def getters(self) -> tuple[Callable[[dict], Any], ...]:
        return tuple(_getter(path, self.lists.get(path)) for path in self.columns)

    def cells(self, row: dict, chosen: "Selection | None" = None) -> list:
        if chosen is None:
            return [get(row) for get in self.getters]
        return [get(row) for get, keep in zip(self.getters, chosen.keep, strict=True) if keep]

    def header(self, chosen: "Selection | None" = None) -> list[str]:
        if chosen is None:
            return list(self.columns)
        return [name for name, keep in zip(self.columns, chosen.keep, strict=True) if keep]


def _getter(path: str, joined: Callable[[list], str] | None) -> Callable[[dict], Any]:
    keys = path.split(".")

    def get(row: dict) -> Any:
        value: Any = row
        for key in keys:
            if value is None:
                return None
            value = value[key]
        if isinstance(value, list):
            if joined is None:
                raise TypeError(f"The list at {path} has no way to become one cell.")
            return joined(value)
        return value

    return get


# ------------------------------------------------------------------------------ the tables

CLAIM = Table(
    "claim",
    (
        group("the claim and its API address", "id", "url"),
        group("what it says, in a curator's words", "statement"),
        group("the actor it is about (empty when none)", *brief("subject", ACTOR)),
        group("the relation it states (`leads`, `attacked`, …; empty when none)", "predicate"),
        group("the actor the relation points at", *brief("object_actor", ACTOR)),
        group("the country the relation points at", *brief("object_country", COUNTRY)),
        group('a literal the relation points at ("$500 million")', "object_value"),
        group(
            "the event it reports (to a reader without a role, only once the event is verified)",
            *brief("event", ("id", "url", "slug", "title")),
        ),
        group("alpha-3 codes of the countries it mentions, `;`-separated", "countries"),
        group("slugs of the actors it mentions, `;`-separated", "actors"),
        group(
            "who made the statement, when the article attributes it to a known actor "
            "(UCDP `source_original`)",
            *brief("claimant", ACTOR),
        ),
        group("the attribution as written", "claimant_text"),
        group('sources the article cites ("AFP; Malay Mail")', "reported_via"),
        group(
            "the date it is about: range, precision (`day`, `month`, `part-of-year`, `year`, "
            "`decade`) and the words as written",
            *brief("date", DATE),
        ),
        group(
            "the quoted passage, the words before and after it, and its character offsets in "
            "the article's text (JSON also has `quote.selectors`, the same as W3C selectors)",
            *brief("quote", ("exact", "prefix", "suffix", "start", "end")),
        ),
        group("the quote's language, its article's (ISO 639-1: `en`, `fr`, …)", "language"),
        group(
            "the article: its id and API address, title, publisher and original URL",
            *brief("article", ("id", "url", "title", "publisher", "source_url")),
        ),
        group(
            "when the article was published: range, precision and the words as written",
            *brief("article.published", DATE),
        ),
        group("the article's reliability (Admiralty A–F)", "article.reliability"),
        group(
            "review status (`verified`, …), the reviewer's reason, and when",
            "status",
            "status_reason",
            "reviewed_at",
        ),
        group("the information's credibility (Admiralty 1–6; empty until graded)", "credibility"),
        group("the importer's confidence, 0 to 1 (empty when it gave none)", "confidence"),
        group(
            "how many *other* articles support it (linked as corroborating, or reporting the "
            "same event; a story and its copies count once)",
            "corroborating_articles",
        ),
        group(
            "whether any claim contradicts it (`true`/`false`), and how many of those you are "
            "shown (verified ones only, without a role)",
            "contradicted",
            "contradictions",
        ),
        group("`import`, `curator` or `reference`", "origin"),
        group("edit counter, creation and last change", "version", "created_at", "updated_at"),
        group("its W3C Web Annotation (JSON-LD)", "annotation"),
    ),
    lists={"countries": _codes, "actors": _slugs},
    json_only=("quote.selectors",),
)

EVENT = Table(
    "event",
    (
        group("the event, its API address and its slug", "id", "url", "slug"),
        group("what happened (`coup`, `attack`, `airstrike`, `meeting`, …)", "kind"),
        group(
            "the kind in ACLED's event type and sub-event type (its sub-kind) and PLOVER's "
            "category, empty where none fits",
            *brief("taxonomy", ("acled_event_type", "acled_sub_event_type", "plover")),
        ),
        group("title and description", "title", "description"),
        group("the date range, its precision and the words as written", *brief("date", DATE)),
        group("alpha-3 codes, `;`-separated", "countries"),
        group(
            "where it happened: the place (empty when unplaced, or to a reader without a role "
            "when the place is not verified)",
            *brief("place", PLACE),
        ),
        group(
            "the region (first-level unit) and district (second-level unit) the place is in, "
            "or the place itself when it is one",
            *brief("admin1", PLACE),
            *brief("admin2", PLACE),
        ),
        group('the place as the report writes it ("near Djibo")', "location"),
        group(
            "the event's point, five decimals (its place's, unless a curator pinned it)",
            "latitude",
            "longitude",
        ),
        group(
            "`exact` (the locality or site), `near` (near or part of it), `admin2`, `admin1`, "
            "`country`",
            "location_precision",
        ),
        group(
            "the same as ACLED's code: 1 exact, 2 near or district, 3 region or country",
            "geo_precision",
        ),
        group(
            "the same as UCDP GED's code: 1 exact, 2 near (25 km), 3 district, 4 region, 6 country",
            "where_prec",
        ),
        group(
            "`actor-slug:role`, `;`-separated (to a role, a part not yet verified reads "
            "`actor-slug:role:status`)",
            "participants",
        ),
        group(
            "reported deaths: low, best and high estimates (UCDP), each empty when unknown",
            "fatalities_low",
            "fatalities_best",
            "fatalities_high",
        ),
        group(
            "how many articles report it: those of its claims you are shown (verified ones "
            "only, without a role), not rejected or retracted, a story and its copies counting "
            "once",
            "sources",
        ),
        group("`import`, `curator` or `reference`", "origin"),
        group(
            "review status (`verified`, …), the reviewer's reason, and when",
            "status",
            "status_reason",
            "reviewed_at",
        ),
        group("edit counter, creation and last change", "version", "created_at", "updated_at"),
    ),
    lists={"countries": _codes, "participants": _participants},
)

# The release dump's other resources (facts.api.release): the same rule, no README table.
COUNTRY_COLUMNS = (
    "code", "alpha2", "numeric", "name", "official_name", "capital", "demonyms", "aliases",
    "region", "url",
)  # fmt: skip
ACTOR_COLUMNS = (
    "id", "url", "slug", "name", "kind", "title", "description", *brief("country", COUNTRY),
    *brief("parent", ACTOR), "aliases", "relations", "wikidata_qid", "acled_name", "origin",
    "status", "status_reason", "reviewed_at", "version", "created_at", "updated_at",
)  # fmt: skip
PLACE_COLUMNS = (
    *PLACE, "aliases", *brief("country", COUNTRY), *brief("admin1", PLACE),
    *brief("admin2", PLACE), "latitude", "longitude", "coordinates_source", "geonames_id",
    "population", "origin", "status", "updated_at",
)  # fmt: skip
ARTICLE_COLUMNS = (
    "id", "url", "title", "subtitle", "author", "publisher", "source_url",
    *brief("published", DATE), "language", "reliability", "reliability_reason",
    "quality_flags", "copy_of", "sha256", "source_file", "created_at", "updated_at",
)  # fmt: skip
CLAIM_LINK_COLUMNS = (
    "id", "url", "kind", *brief("from_claim", ("id", "url", "statement")),
    *brief("to_claim", ("id", "url", "statement")), "note", "origin", "created_by",
    "created_at",
)  # fmt: skip

COUNTRY_TABLE = Table(
    "country", (Group(COUNTRY_COLUMNS),), lists={"demonyms": _words, "aliases": _words}
)
ACTOR_TABLE = Table(
    "actor", (Group(ACTOR_COLUMNS),), lists={"aliases": _words, "relations": _relations}
)
PLACE_TABLE = Table("place", (Group(PLACE_COLUMNS),), lists={"aliases": _words})
ARTICLE_TABLE = Table("article", (Group(ARTICLE_COLUMNS),), lists={"quality_flags": _words})
ARTICLE_TEXT_TABLE = Table(
    "article",
    (Group((*ARTICLE_COLUMNS, "text", "raw_text", "text_sha256")),),
    lists={"quality_flags": _words},
)
CLAIM_LINK_TABLE = Table("claim-link", (Group(CLAIM_LINK_COLUMNS),))

TABLES = {"claim": CLAIM, "event": EVENT}


# ------------------------------------------------------------------------------ fields=


@dataclass(frozen=True)
class Selection:
    """The names a `fields=` gives, as a tree of JSON keys (True: the whole value) and as
    which of the table's columns it keeps."""

    tree: dict
    keep: tuple[bool, ...]

    def project(self, row: dict) -> dict:
        return _project(row, self.tree)


def _project(value: dict, tree: dict) -> dict:
    out = {}
    for key, item in value.items():
        sub = tree.get(key)
        if sub is True or (sub is not None and not isinstance(item, dict)):
            out[key] = item
        elif sub is not None:
            out[key] = _project(item, sub)
    return out


def selection(table: Table, raw: str | None) -> Selection | None:
    """What `fields=a,b.c` asks of `table`: None when it is not given. A name is a column or
    an object above some (`date` stands for `date.start`, `date.end` …); an unknown name,
    or none at all, is a 400 listing the names accepted."""
    if raw is None:
        return None
    names = list(dict.fromkeys(name.strip() for name in raw.split(",") if name.strip()))
    unknown = [name for name in names if name not in table.names]
    if unknown or not names:
        named = ", ".join(f"“{name}”" for name in unknown)
        raise ValidationError(
            {
                FIELDS_PARAM: [
                    (f"No field named {named}. " if unknown else "Name at least one field. ")
                    + f"Fields here: {', '.join(table.names)}."
                ]
            }
        )
    tree: dict = {}
    # Shorter names first, so that a whole object given with one of its parts wins.
    for name in sorted(names, key=lambda name: name.count(".")):
        node = tree
        *parents, last = name.split(".")
        for part in parents:
            node = node.setdefault(part, {})
            if node is True:
                break
        else:
            node[last] = True
    chosen = set(names)
    keep = tuple(
        any(".".join(column.split(".")[:end]) in chosen for end in range(1, column.count(".") + 2))
        for column in table.columns
    )
    return Selection(tree, keep)


def projected(rows: Iterable[dict], chosen: Selection | None) -> Iterator[dict]:
    if chosen is None:
        yield from rows
    else:
        for row in rows:
            yield chosen.project(row)


def fields_parameter(table: Table) -> OpenApiParameter:
    """`fields=` in the OpenAPI schema: a comma-separated list of the table's names."""
    return OpenApiParameter(
        FIELDS_PARAM,
        {"type": "array", "items": {"type": "string", "enum": list(table.names)}, "minItems": 1},
        style="form",
        explode=False,
        description="Only these fields, comma-separated, in the table's own order: a column "
        "name (`date.start`, `article.publisher`: JSON paths joined with dots, the CSV "
        "header's names) or an object above some (`date`, `article`). The same names in "
        "JSON, JSON Lines and CSV.",
    )


def markdown_table(table: Table) -> str:
    """README's table of `table`'s columns, one row per documented group."""
    lines = ["| column | what it holds |", "|---|---|"]
    for g in table.groups:
        lines.append(f"| {', '.join(f'`{path}`' for path in g.paths)} | {g.doc} |")
    return "\n".join(lines) + "\n"
