"""Facet counts on lists (Datasette's facets, ACLED's tallies): how many of the rows a filter
matches fall under each kind, status, country… so a reader sees the shape of an answer
before paging through it.

Asked for with `facets=kind&facets=country` (or `facets=kind,country`). The cost is bounded
whatever the table's size: each facet is one grouped query over at most FACET_SCAN matching
rows, taken in the list's own order, and one more query tells whether there were more (then
`partial` is true and the counts are of those first rows). Only the TOP values of each facet
are returned, most frequent first.
"""

from dataclasses import dataclass

from django.db.models import Count, F
from rest_framework.exceptions import ValidationError

FACET_SCAN = 50_000
TOP = 50
FACETS_PARAM = "facets"


@dataclass(frozen=True)
class Facet:
    name: str
    column: str  # a lookup path from the listed model, e.g. "countries__alpha3"
    help: str


def requested(request, available: dict[str, Facet]) -> list[Facet]:
    """The facets asked for, in the order asked, once each; an unknown name is a 400."""
    names: list[str] = []
    for raw in request.query_params.getlist(FACETS_PARAM):
        names += [name.strip() for name in raw.split(",") if name.strip()]
    unknown = [name for name in names if name not in available]
    if unknown or (request.query_params.getlist(FACETS_PARAM) and not names):
        raise ValidationError(
            {
                FACETS_PARAM: [
                    f"No facet named {', '.join(map(repr, unknown)) or 'at all'}. "
                    f"Facets here: {', '.join(available)}."
                ]
            }
        )
    return [available[name] for name in dict.fromkeys(names)]


def facet_counts(queryset, facets: list[Facet]) -> dict:
    """{"partial": bool, "scanned_limit": FACET_SCAN, "fields": {name: [{value, count}]}}
    over the rows of `queryset` (a filtered list, in its order)."""
    model = queryset.model
    keys = queryset.values("pk")
    first = keys[:FACET_SCAN]
    partial = keys[FACET_SCAN : FACET_SCAN + 1].exists()
    fields = {}
    for facet in facets:
        rows = (
            model.objects.filter(pk__in=first)
            .values(value=F(facet.column))
            .annotate(count=Count("pk"))
            .order_by("-count", "value")[:TOP]
        )
        # Values as the query string would give them back (credibility "2"), or null.
        fields[facet.name] = [
            {"value": None if row["value"] is None else str(row["value"]), "count": row["count"]}
            for row in rows
        ]
    return {"partial": partial, "scanned_limit": FACET_SCAN, "fields": fields}


def schema_parameter(available: dict[str, Facet]) -> dict:
    return {
        "name": FACETS_PARAM,
        "required": False,
        "in": "query",
        "description": "Count the matching rows by these fields (repeat, or separate with "
        f"commas): {'; '.join(f'`{f.name}` {f.help}' for f in available.values())}. At most "
        f"{TOP} values each, most frequent first, over the first {FACET_SCAN:,} matching rows "
        "(`partial` says whether there were more).",
        "schema": {"type": "array", "items": {"type": "string", "enum": list(available)}},
        "style": "form",
        "explode": True,
    }


FACETS_SCHEMA = {
    "type": "object",
    "description": "Present when `facets` was asked for.",
    "properties": {
        "partial": {"type": "boolean"},
        "scanned_limit": {"type": "integer"},
        "fields": {
            "type": "object",
            "additionalProperties": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "value": {"type": "string", "nullable": True},
                        "count": {"type": "integer"},
                    },
                },
            },
        },
    },
}
