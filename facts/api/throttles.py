"""Throttles on top of the per-request rates (settings: DEFAULT_THROTTLE_RATES)."""

from rest_framework.throttling import AnonRateThrottle


class AnonExportThrottle(AnonRateThrottle):
    """A full export costs a worker seconds where a page costs milliseconds: anonymous
    readers get few of them (API_ANON_EXPORT_RATE), on top of the per-request rate."""

    scope = "anon_export"


class AnonMapThrottle(AnonRateThrottle):
    """The GeoJSON export feeds the readers' map, which asks again at each change of filter:
    a rate of its own (API_ANON_MAP_RATE), above the exports' and below the pages'."""

    scope = "anon_map"
