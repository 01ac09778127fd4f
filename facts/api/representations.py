"""Plain-function representations of the list-heavy resources (claims, events).

DRF's field machinery costs tens of microseconds per field; a page of 50 claims with their
nested actors, countries and links spends most of its time there, as do exports of a million
rows. These functions build the same dictionaries directly, and URLs from a template reversed
once per request. The serializers in facts.api.serializers still declare the fields (and so
the OpenAPI schema); tests hold both paths to identical output.
"""

from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from rest_framework.request import Request

from facts.choices import EVENT_KIND_TAXONOMY, ReviewStatus
from facts.models.visibility import shown_participants, shown_where
from facts.roles import reads_everything
from facts.rows import (
    ActorBrief,
    ActorTuple,
    ArticleBrief,
    ArticleTuple,
    ClaimRepresentation,
    ClaimRow,
    CountryBrief,
    CountryTuple,
    DateRange,
    EventRepresentation,
    EventTaxonomy,
    EventTuple,
    Participant,
    PlaceBrief,
    Quote,
    QuoteRow,
    RelatedClaimRow,
)
from facts.selectors import attach_claim_related, contradiction_counts, source_counts

# What an event's representation reads of its place: the place, its region and district.
EVENT_PLACE_JOINS = ("place", "place__admin1", "place__admin2")

_SENTINEL = {"country": "ZZZ"}
_NUMERIC_SENTINEL = "987654321"


class Links:
    """Absolute URLs for one request, each route reversed once and then formatted; and whom
    they are for, since a reader without a role is shown less of an object (`everything`)."""

    def __init__(self, request: Request | HttpRequest | None):
        self.request = request
        self._templates: dict[str, str] = {}

    @cached_property
    def everything(self) -> bool:
        """Whether the reader sees unpublished parts too (facts.roles.reads_everything):
        an event's unreviewed participants and place, a claim's link to an unpublished
        event. Without a request, no."""
        return reads_everything(self.user)

    @property
    def user(self):
        return getattr(self.request, "user", None)

    def _template(self, route: str) -> str:
        template = self._templates.get(route)
        if template is None:
            sentinel = _SENTINEL.get(route.split("-")[0], _NUMERIC_SENTINEL)
            path = reverse(f"api:{route}", args=[sentinel])
            url = self.request.build_absolute_uri(path) if self.request is not None else path
            template = url.replace("{", "{{").replace("}", "}}").replace(sentinel, "{}")
            self._templates[route] = template
        return template

    def __call__(self, route: str, key: int | str) -> str:
        return self._template(route).format(key)

    def claims_of_event(self, slug: str) -> str:
        """The claims list filtered to one event: the evidence behind it."""
        base = self._templates.get("claim-list")
        if base is None:
            path = reverse("api:claim-list")
            base = self.request.build_absolute_uri(path) if self.request is not None else path
            self._templates["claim-list"] = base
        return f"{base}?{urlencode({'event': slug})}"


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


def date_range(obj, prefix: str = "date") -> DateRange:
    return {
        "start": date_text(getattr(obj, f"{prefix}_start")),
        "end": date_text(getattr(obj, f"{prefix}_end")),
        "precision": getattr(obj, f"{prefix}_precision"),
        "text": getattr(obj, f"{prefix}_text"),
    }


def country_brief(country, links: Links) -> CountryBrief | None:
    if country is None:
        return None
    return {
        "code": country.alpha3,
        "alpha2": country.alpha2,
        "name": country.name,
        "url": links("country-detail", country.alpha3),
    }


def place_brief(place, links: Links) -> PlaceBrief | None:
    if place is None:
        return None
    return {
        "slug": place.slug,
        "name": place.name,
        "kind": place.kind,
        "url": links("place-detail", place.slug),
    }


def actor_brief(actor, links: Links) -> ActorBrief | None:
    if actor is None:
        return None
    return {
        "id": actor.pk,
        "url": links("actor-detail", actor.pk),
        "slug": actor.slug,
        "name": actor.name,
    }


def quote_of(claim) -> Quote:
    return quote_from_row(
        {
            "quote": claim.quote,
            "quote_prefix": claim.quote_prefix,
            "quote_suffix": claim.quote_suffix,
            "quote_start": claim.quote_start,
            "quote_end": claim.quote_end,
        }
    )


# ------------------------------------------------------------------------------- claims
#
# Lists and exports read claims as rows of the claim table alone (QuerySet.values over
# CLAIM_ROW_FIELDS), then what they point at in a few queries by id for the whole page
# (facts.selectors.attach_claim_related): no model instances, no per-row prefetch machinery,
# and no seven-table join, which PostgreSQL takes longer to plan than to run. A single claim
# read as an instance is turned into the same row, so there is one representation.

CLAIM_ROW_FIELDS = (
    "id", "statement", "predicate", "object_value", "claimant_text", "reported_via",
    "date_start", "date_end", "date_precision", "date_text",
    "quote", "quote_prefix", "quote_suffix", "quote_start", "quote_end",
    "language", "status", "status_reason", "reviewed_at", "credibility", "confidence", "origin",
    "version",
    "created_at", "updated_at", "corroborating_articles", "contradicted",
    "subject_id", "object_actor_id", "object_country_id", "event_id", "claimant_id",
    "article_id",
)  # fmt: skip
CLAIM_ACTOR_ROLES = ("subject", "object_actor", "claimant")


def claim_row(claim) -> RelatedClaimRow:
    """The row of a claim instance, in the shape facts.selectors.attach_claim_related gives
    (select_related and prefetched as the API reads it)."""
    row = {name: getattr(claim, name) for name in CLAIM_ROW_FIELDS}
    row["id"] = claim.pk
    for role in CLAIM_ACTOR_ROLES:
        actor = getattr(claim, role)
        row[role] = (actor.pk, actor.slug, actor.name) if actor else None
    country = claim.object_country
    row["object_country"] = (country.alpha3, country.alpha2, country.name) if country else None
    event = claim.event
    row["event"] = (event.pk, event.slug, event.title, event.status) if event else None
    article = claim.article
    row["article"] = (
        article.pk,
        article.title,
        article.url,
        article.reliability,
        article.publisher,
        article.published_start,
        article.published_end,
        article.published_precision,
        article.published_text,
    )
    row["countries"] = [(c.alpha3, c.alpha2, c.name) for c in claim.countries.all()]
    row["actors"] = [(a.pk, a.slug, a.name) for a in claim.actors.all()]
    return row


def claim_contradictions(claim, links: Links) -> int:
    """How many claims the reader is shown contradict this one (facts.selectors)."""
    return contradiction_counts([claim.pk], links.user).get(claim.pk, 0)


def _actor(actor: ActorTuple | None, links: Links) -> ActorBrief | None:
    if actor is None:
        return None
    pk, slug, name = actor
    return {"id": pk, "url": links("actor-detail", pk), "slug": slug, "name": name}


def _country(country: CountryTuple | None, links: Links) -> CountryBrief | None:
    if country is None:
        return None
    alpha3, alpha2, name = country
    return {"code": alpha3, "alpha2": alpha2, "name": name, "url": links("country-detail", alpha3)}


def quote_from_row(row: QuoteRow) -> Quote:
    exact, prefix, suffix = row["quote"], row["quote_prefix"], row["quote_suffix"]
    return {
        "exact": exact,
        "prefix": prefix,
        "suffix": suffix,
        "start": row["quote_start"],
        "end": row["quote_end"],
        "selectors": [
            {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
            {"type": "TextPositionSelector", "start": row["quote_start"], "end": row["quote_end"]},
        ],
    }


def article_brief(article: ArticleTuple, links: Links) -> ArticleBrief:
    pk, title, source_url, reliability, publisher, start, end, precision, text = article
    return {
        "id": pk,
        "url": links("article-detail", pk),
        "title": title,
        "publisher": publisher,
        "source_url": source_url,
        "published": {
            "start": date_text(start),
            "end": date_text(end),
            "precision": precision,
            "text": text,
        },
        "reliability": reliability,
    }


def shown_event(event: EventTuple | None, links: Links) -> EventTuple | None:
    """A claim's event as the reader sees it: readers without a role see the link only to a
    verified event (a verified claim may point at an event nobody has reviewed yet)."""
    if event is None or links.everything or event[3] == ReviewStatus.VERIFIED:
        return event
    return None


def claim_from_row(row: RelatedClaimRow, links: Links) -> ClaimRepresentation:
    """A claim as the API shows it (fields in ClaimSerializer.Meta.fields order)."""
    pk = row["id"]
    event = shown_event(row["event"], links)
    return {
        "id": pk,
        "url": links("claim-detail", pk),
        "statement": row["statement"],
        "subject": _actor(row["subject"], links),
        "predicate": row["predicate"],
        "object_actor": _actor(row["object_actor"], links),
        "object_country": _country(row["object_country"], links),
        "object_value": row["object_value"],
        "event": None
        if event is None
        else {
            "id": event[0],
            "url": links("event-detail", event[0]),
            "slug": event[1],
            "title": event[2],
        },
        "countries": [_country(country, links) for country in row["countries"]],
        "actors": [_actor(actor, links) for actor in row["actors"]],
        "claimant": _actor(row["claimant"], links),
        "claimant_text": row["claimant_text"],
        "reported_via": row["reported_via"],
        "date": {
            "start": date_text(row["date_start"]),
            "end": date_text(row["date_end"]),
            "precision": row["date_precision"],
            "text": row["date_text"],
        },
        "quote": quote_from_row(row),
        "language": row["language"],
        "article": article_brief(row["article"], links),
        "status": row["status"],
        "status_reason": row["status_reason"],
        "reviewed_at": datetime_text(row["reviewed_at"]),
        "credibility": row["credibility"],
        "confidence": None if row["confidence"] is None else float(row["confidence"]),
        "corroborating_articles": row["corroborating_articles"],
        "contradicted": bool(row["contradicted"]),
        "contradictions": row["contradictions"],
        "origin": row["origin"],
        "version": row["version"],
        "created_at": datetime_text(row["created_at"]),
        "updated_at": datetime_text(row["updated_at"]),
        "annotation": links("claim-annotation", pk),
    }


def claim_representation(claim, links: Links) -> ClaimRepresentation:
    row = claim_row(claim)
    row["contradictions"] = claim_contradictions(claim, links)
    return claim_from_row(row, links)


def claim_representations(rows: list[ClaimRow], links: Links) -> list[ClaimRepresentation]:
    """A page of claim rows as the API shows them: what they point at and their
    contradiction counts in a fixed number of queries, however many rows."""
    related = attach_claim_related(rows)
    counts = contradiction_counts([row["id"] for row in related], links.user)
    for row in related:
        row["contradictions"] = counts.get(row["id"], 0)
    return [claim_from_row(row, links) for row in related]


# ------------------------------------------------------------------------------- events


def event_taxonomy(kind: str) -> EventTaxonomy:
    mapping = EVENT_KIND_TAXONOMY.get(kind, {})
    acled = mapping.get("acled")
    return {
        "acled_event_type": acled[0] if acled else None,
        "acled_sub_event_type": acled[1] if acled else None,
        "plover": mapping.get("plover"),
    }


def attach_sources(events: list, links: Links) -> list:
    """Give each event of a page its `sources` count for this reader, in one query (an
    event read alone counts its own: event_sources)."""
    counts = source_counts([event.pk for event in events], links.user)
    for event in events:
        event.sources = counts.get(event.pk, 0)
    return events


def event_sources(event, links: Links) -> int:
    """How many articles the reader is shown report the event (facts.selectors)."""
    counted = getattr(event, "sources", None)
    if counted is None:
        counted = source_counts([event.pk], links.user).get(event.pk, 0)
    return counted


def participant_brief(participant, links: Links) -> Participant:
    return {
        "actor": actor_brief(participant.actor, links),
        "role": participant.role,
        "status": participant.status,
    }


def event_representation(event, links: Links) -> EventRepresentation:
    """An event as the API shows it (fields in EventSerializer.Meta.fields order): to readers
    without a role, only its verified participants, and its place only when verified."""
    place, admin1, admin2 = shown_where(event, links.everything)
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
        "place": place_brief(place, links),
        "admin1": place_brief(admin1, links),
        "admin2": place_brief(admin2, links),
        "location": event.location,
        "latitude": decimal_text(event.latitude, 5),
        "longitude": decimal_text(event.longitude, 5),
        "location_precision": event.location_precision,
        "geo_precision": event.geo_precision,
        "where_prec": event.where_prec,
        "participants": [
            participant_brief(p, links) for p in shown_participants(event, links.everything)
        ],
        "fatalities_low": event.fatalities_low,
        "fatalities_best": event.fatalities_best,
        "fatalities_high": event.fatalities_high,
        "sources": event_sources(event, links),
        "origin": event.origin,
        "status": event.status,
        "status_reason": event.status_reason,
        "reviewed_at": datetime_text(event.reviewed_at),
        "version": event.version,
        "created_at": datetime_text(event.created_at),
        "updated_at": datetime_text(event.updated_at),
    }


def event_feature(event, links: Links) -> dict:
    """An event as a GeoJSON Feature (RFC 7946): its stored point, or no geometry when it
    has none; flat properties, so that QGIS and spreadsheets read them as columns. The place,
    region and district as event_representation shows them."""
    place, admin1, admin2 = shown_where(event, links.everything)
    point = None
    if event.latitude is not None and event.longitude is not None:
        # RFC 7946: longitude first; five decimals as stored (about a metre).
        point = {
            "type": "Point",
            "coordinates": [round(float(event.longitude), 5), round(float(event.latitude), 5)],
        }
    return {
        "type": "Feature",
        "id": event.pk,
        "geometry": point,
        "properties": {
            "id": event.pk,
            "slug": event.slug,
            "title": event.title,
            "kind": event.kind,
            "date_start": date_text(event.date_start),
            "date_end": date_text(event.date_end),
            "date_precision": event.date_precision,
            "date_text": event.date_text,
            "place": place.name if place is not None else None,
            "place_slug": place.slug if place is not None else None,
            "admin1": admin1.name if admin1 is not None else None,
            "admin2": admin2.name if admin2 is not None else None,
            "countries": ";".join(sorted(c.alpha3 for c in event.countries.all())),
            "location": event.location,
            "location_precision": event.location_precision,
            "geo_precision": event.geo_precision,
            "where_prec": event.where_prec,
            "fatalities_best": event.fatalities_best,
            "status": event.status,
            "url": links("event-detail", event.pk),
            "claims_url": links.claims_of_event(event.slug),
        },
    }
