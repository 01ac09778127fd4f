"""Bounding boxes: parsed from "west,south,east,north" (the order of GeoJSON, OGC and most
map libraries) and turned into a range condition on an event's stored point."""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

BBOX_FORMAT = "west,south,east,north in decimal degrees, e.g. -5.5,10,4.5,20"


@dataclass(frozen=True)
class BoundingBox:
    west: Decimal
    south: Decimal
    east: Decimal
    north: Decimal

    @property
    def crosses_antimeridian(self) -> bool:
        # GeoJSON (RFC 7946, 5.2): a box whose west edge is east of its east edge wraps
        # around 180°.
        return self.west > self.east


# Decimal degrees as the API accepts them, and the whole box as its schema states it (so
# that what the schema allows is exactly what is accepted).
DEGREES = r"-?[0-9]{1,3}(?:\.[0-9]+)?"
_LONGITUDE = r"-?(?:180(?:\.0+)?|(?:1[0-7][0-9]|[0-9]{1,2})(?:\.[0-9]+)?)"
_LATITUDE = r"-?(?:90(?:\.0+)?|[0-8]?[0-9](?:\.[0-9]+)?)"
BBOX_PATTERN = rf"^\s*{_LONGITUDE}\s*,\s*{_LATITUDE}\s*,\s*{_LONGITUDE}\s*,\s*{_LATITUDE}\s*$"


def parse_bbox(text: str) -> BoundingBox:
    """The box a "west,south,east,north" string describes; ValueError says what is wrong.
    A box whose south is north of its north is no error: it holds nothing."""
    parts = [part.strip() for part in (text or "").split(",")]
    if len(parts) != 4:
        raise ValueError(f"Give four numbers: {BBOX_FORMAT}.")
    numbers = []
    for name, part in zip(("west", "south", "east", "north"), parts, strict=True):
        if not re.fullmatch(DEGREES, part):
            raise ValueError(f"{name} is not a number of degrees: {part[:40]!r}.")
        numbers.append(Decimal(part))
    west, south, east, north = numbers
    for name, value in (("west", west), ("east", east)):
        if not -180 <= value <= 180:
            raise ValueError(f"{name} must be a longitude between -180 and 180.")
    for name, value in (("south", south), ("north", north)):
        if not -90 <= value <= 90:
            raise ValueError(f"{name} must be a latitude between -90 and 90.")
    return BoundingBox(west, south, east, north)


def in_box(box: BoundingBox, prefix: str = "") -> Q:
    """Rows whose point lies in the box, edges included; rows with no point never match.
    A latitude range first, so the (latitude, longitude) index answers it."""
    latitude, longitude = f"{prefix}latitude", f"{prefix}longitude"
    inside = Q(**{f"{latitude}__gte": box.south, f"{latitude}__lte": box.north})
    if box.crosses_antimeridian:
        east_of_west = Q(**{f"{longitude}__gte": box.west})
        return inside & (east_of_west | Q(**{f"{longitude}__lte": box.east}))
    return inside & Q(**{f"{longitude}__gte": box.west, f"{longitude}__lte": box.east})
