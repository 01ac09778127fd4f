"""The shapes of the plain dicts passed between facts.selectors and facts.api.representations.

Types only: nothing here runs. A claim list or export reads claims as `ClaimRow`s
(QuerySet.values over CLAIM_ROW_FIELDS); facts.selectors.attach_claim_related adds the briefs
of what each row points at, making it a `RelatedClaimRow`; facts.api.representations turns
that into the `ClaimRepresentation` the API answers with.
"""

from datetime import date, datetime
from typing import Literal, TypedDict

# ------------------------------------------------------------------------------- rows

# Briefs as attach_claim_related reads them from the database, in this order.
ActorTuple = tuple[int, str, str]  # id, slug, name
CountryTuple = tuple[str, str, str]  # alpha3, alpha2, name
EventTuple = tuple[int, str, str, str]  # id, slug, title, status (shown only when verified)
# id, title, url, reliability, publisher, published_start, published_end, published_precision,
# published_text
ArticleTuple = tuple[int, str, str, str, str, date | None, date | None, str, str]


class QuoteRow(TypedDict):
    """A claim's quote and where it sits in its article's text."""

    quote: str
    quote_prefix: str
    quote_suffix: str
    quote_start: int
    quote_end: int


class ClaimRow(QuoteRow):
    """One claim as the claim table alone gives it (CLAIM_ROW_FIELDS, evidence annotated)."""

    id: int
    statement: str
    predicate: str
    object_value: str
    claimant_text: str
    reported_via: str
    date_start: date | None
    date_end: date | None
    date_precision: str
    date_text: str
    language: str
    status: str
    status_reason: str
    reviewed_at: datetime | None
    credibility: int | None
    confidence: float | None
    origin: str
    version: int
    created_at: datetime
    updated_at: datetime
    corroborating_articles: int
    contradicted: bool
    subject_id: int | None
    object_actor_id: int | None
    object_country_id: int | None
    event_id: int | None
    claimant_id: int | None
    article_id: int


class RelatedClaimRow(ClaimRow):
    """A `ClaimRow` with the briefs of what it points at (facts.selectors.attach_claim_related,
    or facts.api.representations.claim_row for an instance), and how many claims the reader
    is shown contradict it (facts.selectors.contradiction_counts)."""

    subject: ActorTuple | None
    object_actor: ActorTuple | None
    claimant: ActorTuple | None
    object_country: CountryTuple | None
    event: EventTuple | None
    article: ArticleTuple
    countries: list[CountryTuple]
    actors: list[ActorTuple]
    contradictions: int


# ------------------------------------------------------------------------------- representations
# What the API answers with (the serializers in facts.api.serializers declare the same fields).


class ActorBrief(TypedDict):
    id: int
    url: str
    slug: str
    name: str


class CountryBrief(TypedDict):
    code: str
    alpha2: str
    name: str
    url: str


class PlaceBrief(TypedDict):
    slug: str
    name: str
    kind: str
    url: str


class EventBrief(TypedDict):
    id: int
    url: str
    slug: str
    title: str


class DateRange(TypedDict):
    start: str | None
    end: str | None
    precision: str
    text: str


class ArticleBrief(TypedDict):
    id: int
    url: str
    title: str
    publisher: str
    source_url: str
    published: DateRange
    reliability: str


class TextQuoteSelector(TypedDict):
    type: Literal["TextQuoteSelector"]
    exact: str
    prefix: str
    suffix: str


class TextPositionSelector(TypedDict):
    type: Literal["TextPositionSelector"]
    start: int
    end: int


class Quote(TypedDict):
    """The quote with both W3C Web Annotation selectors."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    selectors: list[TextQuoteSelector | TextPositionSelector]


class ClaimRepresentation(TypedDict):
    id: int
    url: str
    statement: str
    subject: ActorBrief | None
    predicate: str
    object_actor: ActorBrief | None
    object_country: CountryBrief | None
    object_value: str
    event: EventBrief | None
    countries: list[CountryBrief | None]
    actors: list[ActorBrief | None]
    claimant: ActorBrief | None
    claimant_text: str
    reported_via: str
    date: DateRange
    quote: Quote
    language: str
    article: ArticleBrief
    status: str
    status_reason: str
    reviewed_at: str | None
    credibility: int | None
    confidence: float | None
    corroborating_articles: int
    contradicted: bool
    contradictions: int
    origin: str
    version: int
    created_at: str | None
    updated_at: str | None
    annotation: str


class EventTaxonomy(TypedDict):
    acled_event_type: str | None
    acled_sub_event_type: str | None
    plover: str | None


class Participant(TypedDict):
    actor: ActorBrief | None
    role: str
    status: str


class EventRepresentation(TypedDict):
    id: int
    url: str
    slug: str
    kind: str
    taxonomy: EventTaxonomy
    title: str
    description: str
    date: DateRange
    countries: list[CountryBrief | None]
    place: PlaceBrief | None
    admin1: PlaceBrief | None
    admin2: PlaceBrief | None
    location: str
    latitude: str | None
    longitude: str | None
    location_precision: str
    geo_precision: int | None
    where_prec: int | None
    participants: list[Participant]
    fatalities_low: int | None
    fatalities_best: int | None
    fatalities_high: int | None
    sources: int
    origin: str
    status: str
    status_reason: str
    reviewed_at: str | None
    version: int
    created_at: str | None
    updated_at: str | None
