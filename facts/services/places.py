"""An event's stored point follows its place: the map and the bounding-box filter read the
event's own columns (one indexed range), so they must change when the place does, unless a
curator pinned the event somewhere more exact."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from facts.models import Event, Place

Point = tuple[Decimal | None, Decimal | None]
NO_POINT: Point = (None, None)


def point_of(place: Place | None) -> Point:
    return (place.latitude, place.longitude) if place is not None else NO_POINT


def point_follows_place(event: Event, *, previous_place: Place | None) -> None:
    """Before saving an event whose place may have changed: its point becomes the new
    place's, if it had none or had the previous place's (one a curator set elsewhere stays)."""
    if event.place_id == (previous_place.pk if previous_place is not None else None):
        return
    if (event.latitude, event.longitude) in (NO_POINT, point_of(previous_place)):
        event.latitude, event.longitude = point_of(event.place)


def place_moved(*, place: Place, previous_point: Point, user, reason: str) -> int:
    """After a place's coordinates changed: its events that had no point or its previous
    point take the new one, with a history row each. Returns how many moved."""
    new_point = point_of(place)
    if new_point == previous_point:
        return 0
    followed = Q(latitude__isnull=True)
    if previous_point != NO_POINT:
        followed |= Q(latitude=previous_point[0], longitude=previous_point[1])
    now = timezone.now()
    with transaction.atomic():
        events = list(Event.objects.select_for_update().filter(Q(place=place) & followed))
        for event in events:
            event.latitude, event.longitude = new_point
            event.version += 1
            event.updated_at = now
        bulk_update_with_history(
            events,
            Event,
            ["latitude", "longitude", "version", "updated_at"],
            default_user=user,
            default_change_reason=f"The point of {place.name} moved: {reason}",
        )
    return len(events)
