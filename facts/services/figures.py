"""An event's toll set from competing accounts: low / best / high, each figure with the
claims a curator read it from."""

from django.db import transaction

from facts.choices import FatalityFigure
from facts.models import Event, EventFigureSource
from facts.services.errors import ReviewError
from facts.services.history import note_change
from facts.services.review import object_update

FIGURE_FIELDS = {figure: f"fatalities_{figure}" for figure in FatalityFigure.values}


def event_set_figures(
    *,
    event: Event,
    user,
    figures: dict[str, int | None],
    sources: dict[str, set[int]],
    reason: str,
    expected_version: int | None = None,
) -> Event:
    """Set the event's low/best/high toll and which of its claims each figure rests on.

    `figures` maps "low"/"best"/"high" to a count (None: unknown); `sources` maps the same
    keys to claim ids, each a claim of this event. A figure given must rest on at least one
    claim; the event's version is checked and bumped only when a figure changes.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("Say how you weighed the accounts (kept in the history).")
    unknown = (set(figures) | set(sources)) - set(FIGURE_FIELDS)
    if unknown:
        raise ReviewError(f"Unknown figures: {', '.join(sorted(unknown))}.")
    values = {name: figures.get(name) for name in FIGURE_FIELDS}
    for name, value in values.items():
        if value is not None and value < 0:
            raise ReviewError(f"The {name} figure cannot be negative.")
    given = [v for v in (values["low"], values["best"], values["high"]) if v is not None]
    if given != sorted(given):
        raise ReviewError("The figures must read low ≤ best ≤ high.")
    own_claims = set(event.claims.values_list("pk", flat=True))
    wanted = {(name, claim_id) for name, ids in sources.items() for claim_id in ids}
    strangers = {claim_id for _, claim_id in wanted} - own_claims
    if strangers:
        raise ReviewError(
            f"Claims {', '.join(map(str, sorted(strangers)))} do not report this event: a "
            "figure rests only on the event's own claims."
        )
    for name, value in values.items():
        if value is not None and not sources.get(name):
            raise ReviewError(f"Say which claims the {name} figure comes from.")
    with transaction.atomic():
        changes = {
            FIGURE_FIELDS[name]: value
            for name, value in values.items()
            if getattr(event, FIGURE_FIELDS[name]) != value
        }
        if changes:
            event = object_update(
                obj=event,
                user=user,
                changes=changes,
                reason=reason,
                expected_version=expected_version,
            )
        have = {
            (row.figure, row.claim_id): row for row in EventFigureSource.objects.filter(event=event)
        }
        for key in set(have) - wanted:
            row = have[key]
            note_change(row, user=user, reason=reason)
            row.delete()
        for figure, claim_id in sorted(wanted - set(have)):
            row = EventFigureSource(event=event, figure=figure, claim_id=claim_id, created_by=user)
            note_change(row, user=user, reason=reason)
            row.save()
    return event
