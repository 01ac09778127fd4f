"""The readers' pages: templates only; what they show comes from the public API."""

from django.views.generic import TemplateView

from facts.choices import EventKind


class EventMapView(TemplateView):
    """The map of published events (facts/templates/facts/map.html). The page's script reads
    the API's GeoJSON export, which shows readers verified events only."""

    template_name = "facts/map.html"
    extra_context = {"event_kinds": EventKind.choices}
