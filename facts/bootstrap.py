"""First-run data: reference fixtures and the curated seed set, loaded only into an empty
database so that running setup again never overwrites what curators have done since."""

import json
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from facts.models import (
    Actor,
    ActorAlias,
    ActorRelation,
    Article,
    Claim,
    ClaimLink,
    Country,
    Event,
    EventParticipant,
    Place,
)
from facts.services.history import many_to_many_snapshot

INITIAL_FIXTURES = [
    ("countries", Country, []),
    ("actors", Actor, [Actor, ActorAlias, ActorRelation]),
    ("places", Place, [Place]),
    ("seed_curated", Article, [Article, Actor, Place, Event, EventParticipant, Claim, ClaimLink]),
]


@contextmanager
def history_paused():
    """Loading a fixture sets many-to-many fields, which history would record as anonymous
    edits; one clear "loaded from" record per object is written instead."""
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        settings.SIMPLE_HISTORY_ENABLED = previous


# Regions before districts before towns: each refers to the ones before it.
_PLACE_LEVELS = {"country": 0, "admin1": 0, "admin2": 1, "locality": 2, "site": 2}
_PLACE_KEYS = {"country", "admin1", "admin2", "reviewed_by"}


def load_places(fixture: str = "places") -> int:
    """The places fixture, row for row what `loaddata places` stores, in a second rather
    than a minute: loaddata looks up every natural key (the row's own, its country's, its
    region's and district's) with a query; here they are resolved in memory, each distinct
    value converted for the database once, and the rows inserted with one statement per
    level, then one "loaded from" history row each, by one INSERT … SELECT. Only into a table
    without places (the caller checks)."""
    records = json.loads((Path(settings.BASE_DIR) / "fixtures" / f"{fixture}.json").read_text())
    countries = dict(Country.objects.values_list("alpha3", "pk"))
    fields = [f for f in Place._meta.concrete_fields if f.name not in {"id", *_PLACE_KEYS}]
    columns = [f.column for f in fields] + ["country_id", "admin1_id", "admin2_id"]
    converted: dict[tuple[str, str], object] = {}

    def database_value(field, value):
        key = (field.name, json.dumps(value, sort_keys=True))
        if key not in converted:
            converted[key] = field.get_db_prep_save(field.to_python(value), connection)
        return converted[key]

    table = connection.ops.quote_name(Place._meta.db_table)
    insert = (
        f"INSERT INTO {table} ({', '.join(map(connection.ops.quote_name, columns))}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    place_ids: dict[str, int] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for level in sorted(set(_PLACE_LEVELS.values())):
            rows, slugs = [], []
            for record in records:
                values = record["fields"]
                if record["model"] != "facts.place" or _PLACE_LEVELS[values["kind"]] != level:
                    continue
                if values.get("reviewed_by") is not None:
                    raise ValueError(f"{values['slug']}: a reviewer cannot be loaded in bulk")
                admin1, admin2 = values.get("admin1"), values.get("admin2")
                rows.append(
                    [database_value(f, values.get(f.name, f.get_default())) for f in fields]
                    + [
                        countries[values["country"][0]],
                        place_ids[admin1[0]] if admin1 else None,
                        place_ids[admin2[0]] if admin2 else None,
                    ]
                )
                slugs.append(values["slug"])
            cursor.executemany(insert, rows)
            place_ids.update(Place.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    return len(place_ids)


def record_places_loaded(fixture: str, before: set) -> None:
    """One "loaded from" history row per place loaded, in one statement."""
    history = Place.history.model
    copied = [f.column for f in Place._meta.concrete_fields]
    quote = connection.ops.quote_name
    names = ", ".join(map(quote, copied))
    extra = ", ".join(map(quote, ["history_date", "history_change_reason", "history_type"]))
    excluded = f"WHERE id NOT IN ({', '.join(map(str, sorted(before)))})" if before else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(history._meta.db_table)} ({names}, {extra}) "
            f"SELECT {names}, %s, %s, '+' FROM {quote(Place._meta.db_table)} {excluded}",
            [timezone.now(), f"Loaded from fixtures/{fixture}.json"],
        )


def _record_provenance(models, fixture: str, before: dict) -> None:
    for model in models:
        if model is Place and fixture == "places":
            record_places_loaded(fixture, before[model])
            continue
        new = model.objects.exclude(pk__in=before[model]).order_by("pk")
        model.history.bulk_history_create(
            list(new), default_change_reason=f"Loaded from fixtures/{fixture}.json"
        )
        many_to_many_snapshot(model, [obj.pk for obj in new])


def initial_data_load() -> list[str]:
    """Load each fixture whose table is still empty; say what was done."""
    from facts.roles import sync_role_groups

    sync_role_groups()  # the curated set's reviewer belongs to the lead group
    report = []
    for fixture, guard, recorded in INITIAL_FIXTURES:
        if guard.objects.exists():
            report.append(f"{fixture}: already loaded, left as it is")
            continue
        before = {model: set(model.objects.values_list("pk", flat=True)) for model in recorded}
        with history_paused():
            if guard is Place:
                load_places(fixture)
            else:
                call_command("loaddata", fixture, verbosity=0)
        _record_provenance(recorded, fixture, before)
        report.append(f"{fixture}: loaded")
    return report
