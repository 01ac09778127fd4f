"""The point a map draws for a place or an event, with the words that say what it stands for.

The admin's place and event pages show these; the public map reads the API's GeoJSON instead.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class MapPoint:
    latitude: Decimal
    longitude: Decimal
    label: str  # what the point is: a place's name, or the event's location as written
    precision: str  # how exactly it places the thing, in words; "" when nobody said
    source: str  # where the coordinates come from, in words


def place_map_point(place) -> MapPoint | None:
    if place is None or not place.has_point:
        return None
    return MapPoint(
        latitude=place.latitude,
        longitude=place.longitude,
        label=str(place),
        precision=place.get_kind_display(),
        source=place.coordinates_source or "not recorded",
    )


def event_map_point(event) -> MapPoint | None:
    """The event's own coordinates, else its place's (an event keeps a copy of its place's
    point, but one the importer placed before the place was located has none yet)."""
    place = event.place if event.place_id else None
    if event.latitude is not None and event.longitude is not None:
        latitude, longitude, source = event.latitude, event.longitude, "the event's own"
    elif place is not None and place.has_point:
        latitude, longitude, source = place.latitude, place.longitude, "its place's"
    else:
        return None
    return MapPoint(
        latitude=latitude,
        longitude=longitude,
        label=str(place) if place is not None else event.location,
        precision=event.get_location_precision_display() if event.location_precision else "",
        source=source,
    )


def place_map_center(place) -> MapPoint | None:
    """Where a map of a place with no point of its own opens, so that a curator locating a
    new place starts in its district, else its region (None: the whole Sahel)."""
    if place is None:
        return None
    for parent in (place.admin2, place.admin1):
        point = place_map_point(parent)
        if point is not None:
            return point
    return None
