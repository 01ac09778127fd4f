"""First-run data: reference fixtures and the curated seed set, loaded only into an empty
database so that running setup again never overwrites what curators have done since."""

from contextlib import contextmanager

from django.conf import settings
from django.core.management import call_command

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
)
from facts.services.history import many_to_many_snapshot

INITIAL_FIXTURES = [
    ("countries", Country, []),
    ("actors", Actor, [Actor, ActorAlias, ActorRelation]),
    ("seed_curated", Article, [Article, Actor, Event, EventParticipant, Claim, ClaimLink]),
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


def _record_provenance(models, fixture: str, before: dict) -> None:
    for model in models:
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
            call_command("loaddata", fixture, verbosity=0)
        _record_provenance(recorded, fixture, before)
        report.append(f"{fixture}: loaded")
    return report
