"""The readers' pages: the map (a template whose points come from the public API) and the
timelines of verified events (drawn on the server from what readers may see)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.generic import TemplateView

from facts.choices import EventKind
from facts.models import Actor, Country
from facts.roles import reads_everything
from facts.timeline import actor_timeline, country_timeline


class EventMapView(TemplateView):
    """The map of published events (facts/templates/facts/map.html). The page's script reads
    the API's GeoJSON export, which shows readers verified events only."""

    template_name = "facts/map.html"
    extra_context = {"event_kinds": EventKind.choices}


def _api_event_url(pk: int) -> str:
    return reverse("api:event-detail", args=[pk])


def country_timeline_view(request: HttpRequest, iso2: str) -> HttpResponse:
    """A country's verified events by month (facts/templates/facts/timeline.html); every
    country in the database has one. Marks link to the API's event detail."""
    country = get_object_or_404(Country, alpha2=iso2.upper())
    context = {
        "heading": f"Verified events in {country.name}, by month",
        "subject": country,
        "timeline": country_timeline(country=country, event_url=_api_event_url),
    }
    return render(request, "facts/timeline.html", context)


def actor_timeline_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The verified events an actor takes part in, by month; 404 for an actor the reader may
    not see (Actor.objects.visible_to). Readers without a role count only confirmed parts."""
    actor = get_object_or_404(Actor.objects.visible_to(request.user), slug=slug)
    context = {
        "heading": f"Verified events {actor.name} takes part in, by month",
        "subject": actor,
        "timeline": actor_timeline(
            actor=actor,
            event_url=_api_event_url,
            confirmed_parts_only=not reads_everything(request.user),
        ),
    }
    return render(request, "facts/timeline.html", context)
