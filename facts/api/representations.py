"""Plain-function representations of the list-heavy resources (claims, events).

DRF's field machinery costs tens of microseconds per field; a page of 50 claims with their
nested actors, countries and links spends most of its time there, as do exports of a million
rows. These functions build the same dictionaries directly, and URLs from a template reversed
once per request. The serializers in facts.api.serializers still declare the fields (and so
the OpenAPI schema); tests hold both paths to identical output.
"""

from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from facts.choices import EVENT_KIND_TAXONOMY

_SENTINEL = {"country": "ZZZ"}
_NUMERIC_SENTINEL = "987654321"


class Links:
    """Absolute URLs for one request, each route reversed once and then formatted."""

    def __init__(self, request):
        self.request = request
        self._templates: dict[str, str] = {}

    def _template(self, route: str) -> str:
        template = self._templates.get(route)
        if template is None:
            sentinel = _SENTINEL.get(route.split("-")[0], _NUMERIC_SENTINEL)
            path = reverse(f"api:{route}", args=[sentinel])
            url = self.request.build_absolute_uri(path) if self.request is not None else path
            template = url.replace("{", "{{").replace("}", "}}").replace(sentinel, "{}")
            self._templates[route] = template
        return template

    def __call__(self, route: str, key) -> str:
        return self._template(route).format(key)


def links_for(context: dict) -> Links:
    """One Links per serializer context (a request, a page, an export)."""
    links = context.get("_links")
    if links is None:
        links = context["_links"] = Links(context.get("request"))
    return links


def datetime_text(value: datetime | None) -> str | None:
    """As DRF's DateTimeField writes it: in the current time zone, "Z" for UTC."""
    if value is None:
        return None
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def date_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def decimal_text(value: Decimal | None, places: int) -> str | None:
    return None if value is None else f"{value.quantize(Decimal(1).scaleb(-places)):f}"


def date_range(obj, prefix: str = "date") -> dict:
    return {
        "start": date_text(getattr(obj, f"{prefix}_start")),
        "end": date_text(getattr(obj, f"{prefix}_end")),
        "precision": getattr(obj, f"{prefix}_precision"),
        "text": getattr(obj, f"{prefix}_text"),
    }


def country_brief(country, links: Links) -> dict | None:
    if country is None:
        return None
    return {
        "code": country.alpha3,
        "alpha2": country.alpha2,
        "name": country.name,
        "url": links("country-detail", country.alpha3),
    }


def actor_brief(actor, links: Links) -> dict | None:
    if actor is None:
        return None
    return {
        "id": actor.pk,
        "url": links("actor-detail", actor.pk),
        "slug": actor.slug,
        "name": actor.name,
    }


def event_brief(event, links: Links) -> dict | None:
    if event is None:
        return None
    return {
        "id": event.pk,
        "url": links("event-detail", event.pk),
        "slug": event.slug,
        "title": event.title,
    }


def quote_of(claim) -> dict:
    return {
        "exact": claim.quote,
        "prefix": claim.quote_prefix,
        "suffix": claim.quote_suffix,
        "start": claim.quote_start,
        "end": claim.quote_end,
        "selectors": [
            {
                "type": "TextQuoteSelector",
                "exact": claim.quote,
                "prefix": claim.quote_prefix,
                "suffix": claim.quote_suffix,
            },
            {"type": "TextPositionSelector", "start": claim.quote_start, "end": claim.quote_end},
        ],
    }


def claim_article(claim, links: Links) -> dict:
    article = claim.article
    return {
        "id": article.pk,
        "url": links("article-detail", article.pk),
        "title": article.title,
        "source_url": article.url,
        "reliability": article.reliability,
    }


def claim_representation(claim, links: Links) -> dict:
    """A claim as the API shows it (fields in ClaimSerializer.Meta.fields order)."""
    return {
        "id": claim.pk,
        "url": links("claim-detail", claim.pk),
        "statement": claim.statement,
        "subject": actor_brief(claim.subject, links),
        "predicate": claim.predicate,
        "object_actor": actor_brief(claim.object_actor, links),
        "object_country": country_brief(claim.object_country, links),
        "object_value": claim.object_value,
        "event": event_brief(claim.event, links),
        "countries": [country_brief(c, links) for c in claim.countries.all()],
        "actors": [actor_brief(a, links) for a in claim.actors.all()],
        "claimant": actor_brief(claim.claimant, links),
        "claimant_text": claim.claimant_text,
        "reported_via": claim.reported_via,
        "date": date_range(claim),
        "quote": quote_of(claim),
        "article": claim_article(claim, links),
        "status": claim.status,
        "status_reason": claim.status_reason,
        "reviewed_at": datetime_text(claim.reviewed_at),
        "credibility": claim.credibility,
        "confidence": None if claim.confidence is None else float(claim.confidence),
        "corroborating_articles": claim.corroborating_articles,
        "contradicted": claim.contradicted,
        "origin": claim.origin,
        "version": claim.version,
        "created_at": datetime_text(claim.created_at),
        "updated_at": datetime_text(claim.updated_at),
        "annotation": links("claim-annotation", claim.pk),
    }


def event_taxonomy(kind: str) -> dict:
    mapping = EVENT_KIND_TAXONOMY.get(kind, {})
    acled = mapping.get("acled")
    return {
        "acled_event_type": acled[0] if acled else None,
        "acled_sub_event_type": acled[1] if acled else None,
        "plover": mapping.get("plover"),
    }


def event_representation(event, links: Links) -> dict:
    """An event as the API shows it (fields in EventSerializer.Meta.fields order)."""
    return {
        "id": event.pk,
        "url": links("event-detail", event.pk),
        "slug": event.slug,
        "kind": event.kind,
        "taxonomy": event_taxonomy(event.kind),
        "title": event.title,
        "description": event.description,
        "date": date_range(event),
        "countries": [country_brief(c, links) for c in event.countries.all()],
        "location": event.location,
        "latitude": decimal_text(event.latitude, 5),
        "longitude": decimal_text(event.longitude, 5),
        "geo_precision": event.geo_precision,
        "participants": [
            {"actor": actor_brief(p.actor, links), "role": p.role} for p in event.participants.all()
        ],
        "fatalities_low": event.fatalities_low,
        "fatalities_best": event.fatalities_best,
        "fatalities_high": event.fatalities_high,
        "origin": event.origin,
        "status": event.status,
        "status_reason": event.status_reason,
        "reviewed_at": datetime_text(event.reviewed_at),
        "version": event.version,
        "created_at": datetime_text(event.created_at),
        "updated_at": datetime_text(event.updated_at),
    }
