"""API v1 viewsets. Short: joins are declared here, shared behaviour lives in
facts.api.mixins, and rules in facts.services."""

import re
from collections.abc import Iterator
from itertools import islice

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from facts.api import annotations as anno
from facts.api import serializers as s
from facts.api.columns import CLAIM, EVENT, FIELDS_PARAM, fields_parameter
from facts.api.documents import (
    PAGE_FIELDS,
    ServesDocumentsMixin,
    page_claim_documents,
    page_event_documents,
)
from facts.api.etags import etag_of, if_match_tags, require_current
from facts.api.exports import CHUNK, stream_geojson
from facts.api.facets import Facet
from facts.api.link_filters import ClaimLinkFilterSet
from facts.api.mixins import (
    IF_MATCH,
    PATCH_RULES,
    REQUIRED_REASON,
    ClaimReviewMixin,
    DestroyWithPreconditionMixin,
    ETagRetrieveMixin,
    ExportMixin,
    HistoryMixin,
    MergeMixin,
    PreconditionUpdateMixin,
    ReviewMixin,
    precondition_update,
    query_reason,
)
from facts.api.pagination import (
    CursorPage,
    FacetedCursorPage,
    FacetedKeysFirstCursorPage,
    SmallTablePage,
)
from facts.api.query import StrictQueryMixin
from facts.api.renderers import FastJSONRenderer, GeoJSONRenderer, PlainTextRenderer
from facts.api.representations import (
    CLAIM_ROW_FIELDS,
    EVENT_PLACE_JOINS,
    Links,
    claim_representations,
    event_feature,
)
from facts.api.throttles import AnonMapThrottle
from facts.filtersets import (
    ActorFilterSet,
    ArticleFilterSet,
    ClaimFilterSet,
    CountryFilterSet,
    EventFilterSet,
    PlaceFilterSet,
)
from facts.models import (
    Actor,
    ActorRelation,
    Article,
    Claim,
    ClaimLink,
    Country,
    Event,
    EventParticipant,
    Place,
)
from facts.models.evidence import with_evidence
from facts.roles import reads_everything
from facts.rows import ClaimRepresentation
from facts.services import (
    ReviewError,
    actor_merge,
    article_grade,
    claim_create,
    claim_link_delete,
    claim_review,
    claim_update,
    event_merge,
)
from facts.services.review import claim_link_create

GEOJSON_LIMIT = 50_000


def _limit(raw: str | None) -> int | None:
    if raw is None:
        return None
    if not re.fullmatch(r"[0-9]{1,7}", raw) or not 1 <= int(raw) <= GEOJSON_LIMIT:
        raise ValidationError({"limit": [f"A whole number from 1 to {GEOJSON_LIMIT}."]})
    return int(raw)


# Ids are positive 63-bit integers: longer digit strings are a 404, not a database overflow.
ID_PATTERN = "[0-9]{1,18}"


class CountryViewSet(
    StrictQueryMixin, mixins.ListModelMixin, ETagRetrieveMixin, viewsets.GenericViewSet
):
    queryset = Country.objects.all()
    serializer_class = s.CountrySerializer
    filterset_class = CountryFilterSet
    pagination_class = SmallTablePage
    lookup_field = "alpha3"
    lookup_value_regex = "[A-Z]{3}"
    ordering_fields = ["name", "alpha3"]
    ordering = ["name"]


class ActorViewSet(
    StrictQueryMixin,
    mixins.ListModelMixin,
    ETagRetrieveMixin,
    PreconditionUpdateMixin,
    ReviewMixin,
    MergeMixin,
    HistoryMixin,
    DestroyWithPreconditionMixin,
    viewsets.GenericViewSet,
):
    lookup_value_regex = ID_PATTERN
    serializer_class = s.ActorSerializer
    filterset_class = ActorFilterSet
    pagination_class = CursorPage
    ordering_fields = ["id", "name", "updated_at"]
    ordering = ["-id"]
    merge_service = actor_merge
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        queryset = Actor.objects.select_related("country", "parent").prefetch_related(
            "aliases", Prefetch("relations", ActorRelation.objects.select_related("object"))
        )
        return queryset.visible_to(self.request.user)

    @extend_schema(
        request=s.ActorWriteSerializer,
        parameters=[IF_MATCH],
        description="Edit an actor's fields (not its review status) with a reason." + PATCH_RULES,
    )
    def partial_update(self, request, *args, **kwargs):
        return self.precondition_update(request, s.ActorWriteSerializer)


@extend_schema_view(
    list=extend_schema(parameters=[fields_parameter(EVENT)]),
    export=extend_schema(parameters=[fields_parameter(EVENT)]),
)
class EventViewSet(
    ServesDocumentsMixin,
    StrictQueryMixin,
    mixins.ListModelMixin,
    ETagRetrieveMixin,
    PreconditionUpdateMixin,
    ReviewMixin,
    MergeMixin,
    HistoryMixin,
    ExportMixin,
    DestroyWithPreconditionMixin,
    viewsets.GenericViewSet,
):
    lookup_value_regex = ID_PATTERN
    serializer_class = s.EventSerializer
    filterset_class = EventFilterSet
    pagination_class = FacetedKeysFirstCursorPage
    facets = {
        f.name: f
        for f in (
            Facet("country", "countries__alpha3", "the countries' alpha-3 codes"),
            Facet("kind", "kind", "the event kind"),
            Facet("status", "status", "the review status"),
            Facet("year", "date_start__year", "the year it began (null: undated)"),
            Facet("date_precision", "date_precision", "how exact its date is"),
            Facet("location_precision", "location_precision", "how exact its place is"),
        )
    }
    ordering_fields = ["date", "date_start", "id", "updated_at"]
    # Chronological, undated events last in either direction ("date_start" is the older
    # name of the same order).
    ordering_keys = {
        "date": "chronology",
        "-date": "-chronology_desc",
        "date_start": "chronology",
        "-date_start": "-chronology_desc",
    }
    ordering = ["chronology"]
    merge_service = event_merge
    export_name = "event"
    extra_query_parameters = {
        "list": (FIELDS_PARAM,),
        "export": (FIELDS_PARAM,),
        "export_geojson": ("limit",),
    }
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if self.action == "list" and self.serves_documents():
            # The page's keys; the rest is in the stored documents.
            return Event.objects.all().visible_to(self.request.user)
        queryset = (
            Event.objects.select_related(*EVENT_PLACE_JOINS)
            .defer("search_text")  # never shown, and the largest column
            .prefetch_related(
                "countries",
                Prefetch("participants", EventParticipant.objects.select_related("actor")),
            )
        )
        return queryset.visible_to(self.request.user)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        if self.serves_documents():
            return self.get_paginated_response(page_event_documents(page, Links(request)))
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    @extend_schema(
        request=s.EventWriteSerializer,
        parameters=[IF_MATCH],
        description="Edit an event's fields (not its kind or review status) with a reason. "
        "JSON Schema cannot state the rules that tie fields together, so they are said here "
        "and answered with a 400: a date range (date_start, date_end, date_precision) is "
        "complete or empty, its end not before its start, and day precision means one day; "
        "latitude and longitude are both set or both null; fatalities read low ≤ best ≤ high. "
        "The stored values count: send the fields of a rule together." + PATCH_RULES,
    )
    def partial_update(self, request, *args, **kwargs):
        return self.precondition_update(request, s.EventWriteSerializer)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": GEOJSON_LIMIT},
                description=f"At most this many features (1 to {GEOJSON_LIMIT}): the first in "
                "the collection's order, which is the latest by date first unless `ordering` "
                "is given; the collection's `truncated` member says whether more matched.",
            )
        ],
        filters=True,  # the list's filters and ordering, documented as the list's are
        responses={
            (200, "application/geo+json"): OpenApiResponse(
                OpenApiTypes.OBJECT,
                "A GeoJSON FeatureCollection (RFC 7946) of the events the list would return "
                "for the same filters: a Point (longitude, latitude) per event that has one, "
                "no geometry for the others; flat properties (README lists them); "
                "`truncated` is true when `limit` cut it short.",
            )
        },
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="export/geojson",
        renderer_classes=[FastJSONRenderer, GeoJSONRenderer],
        pagination_class=None,
        throttle_classes=[AnonRateThrottle, AnonMapThrottle],
    )
    def export_geojson(self, request):
        """The events on a map: every event the list would return, as GeoJSON, streamed."""
        queryset = self.filter_queryset(
            Event.objects.select_related(*EVENT_PLACE_JOINS)
            .defer("search_text", "description")
            .prefetch_related("countries")
            .visible_to(request.user)
        )
        if "ordering" not in request.query_params:
            # Latest first, so that a map cut short by `limit` shows the latest events.
            queryset = queryset.order_by("-chronology_desc", "-id")
        limit = _limit(request.query_params.get("limit"))
        if limit is not None:
            queryset = queryset[: limit + 1]  # one more: was it cut short?
        links = Links(request)
        features = (event_feature(event, links) for event in queryset.iterator(CHUNK))
        return stream_geojson(features, filename="events", limit=limit)


class PlaceViewSet(
    StrictQueryMixin, mixins.ListModelMixin, ETagRetrieveMixin, viewsets.GenericViewSet
):
    """The gazetteer: regions, districts, towns and sites events are placed at. Readers
    without a role see verified places only (the reference gazetteer's are)."""

    serializer_class = s.PlaceSerializer
    filterset_class = PlaceFilterSet
    pagination_class = CursorPage
    lookup_field = "slug"
    lookup_value_regex = "[a-z0-9]+(?:-[a-z0-9]+)*"
    ordering_fields = ["id", "name", "updated_at"]
    ordering = ["-id"]

    def get_queryset(self):
        queryset = Place.objects.select_related("country", "admin1", "admin2")
        return queryset.visible_to(self.request.user)


class ArticleViewSet(
    StrictQueryMixin,
    mixins.ListModelMixin,
    ETagRetrieveMixin,
    DestroyWithPreconditionMixin,
    viewsets.GenericViewSet,
):
    lookup_value_regex = ID_PATTERN
    filterset_class = ArticleFilterSet
    pagination_class = CursorPage
    ordering_fields = ["id", "published_start", "updated_at"]
    ordering = ["-id"]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        queryset = Article.objects.prefetch_related("flags")
        if self.action == "list":
            queryset = queryset.defer("text", "raw_text", "search_text")
        return queryset.visible_to(self.request.user)

    def get_serializer_class(self):
        return s.ArticleDetailSerializer if self.action == "retrieve" else s.ArticleSerializer

    @extend_schema(request=s.ArticleGradeSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def grade(self, request, pk=None):
        """Grade the source's reliability (Admiralty A–F) with a reason."""
        if_match_tags(request)
        article = self.get_object()
        require_current(request, article)
        data = s.ArticleGradeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        article_grade(
            article=article,
            user=request.user,
            reliability=data.validated_data["reliability"],
            reason=data.validated_data["reason"],
        )
        article = self.get_queryset().get(pk=article.pk)
        response = Response(s.ArticleDetailSerializer(article, context={"request": request}).data)
        response["ETag"] = etag_of(article)
        return response

    @extend_schema(**anno.TEXT_DOCS)
    @action(
        detail=True,
        methods=["get"],
        renderer_classes=[PlainTextRenderer],
        pagination_class=None,
        filter_backends=[],
    )
    def text(self, request, pk=None):
        """The cleaned text, as `text/plain`: what the claims' annotations target, and
        what their TextPositionSelector offsets count in (code points)."""
        return anno.text_response(self, request)

    @extend_schema(**anno.COLLECTION_DOCS)
    @action(detail=True, methods=["get"], **anno.ACTION_OPTIONS)
    def annotations(self, request, pk=None):
        """The claims quoted from the article as a W3C AnnotationCollection, in pages of
        their annotations in text order (W3C Web Annotation Protocol)."""
        return anno.collection_response(self, request)


@extend_schema_view(
    list=extend_schema(parameters=[fields_parameter(CLAIM)]),
    export=extend_schema(parameters=[fields_parameter(CLAIM)]),
)
class ClaimViewSet(
    ServesDocumentsMixin,
    StrictQueryMixin,
    mixins.ListModelMixin,
    ETagRetrieveMixin,
    ClaimReviewMixin,
    HistoryMixin,
    ExportMixin,
    DestroyWithPreconditionMixin,
    viewsets.GenericViewSet,
):
    lookup_value_regex = ID_PATTERN
    serializer_class = s.ClaimSerializer
    filterset_class = ClaimFilterSet
    pagination_class = FacetedCursorPage
    facets = {
        f.name: f
        for f in (
            Facet("country", "countries__alpha3", "the countries' alpha-3 codes"),
            Facet("predicate", "predicate", "what kind of statement"),
            Facet("status", "status", "the review status"),
            Facet("credibility", "credibility", "the curator's grade, 1 to 6"),
            Facet("reliability", "article__reliability", "the source's grade, A to F"),
            Facet("year", "date_start__year", "the year its date begins (null: undated)"),
        )
    }
    ordering_fields = ["id", "confidence", "credibility", "date_start", "updated_at"]
    ordering = ["-id"]
    export_name = "claim"
    extra_query_parameters = {"list": (FIELDS_PARAM,), "export": (FIELDS_PARAM,)}
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if self.action == "list" and self.serves_documents():
            # The page's keys; the rest is in the stored documents.
            return Claim.objects.all().values(*PAGE_FIELDS).visible_to(self.request.user)
        if self.action in ("list", "export"):
            # Lists and exports read flat rows (facts.api.representations): no instances.
            rows = with_evidence(Claim.objects.all()).values(*CLAIM_ROW_FIELDS)
            return rows.visible_to(self.request.user)
        queryset = with_evidence(
            Claim.objects.select_related(
                "article", "subject", "object_actor", "object_country", "event", "claimant"
            )
            .defer("article__text", "article__raw_text", "article__search_text")
            .prefetch_related("countries", "actors")
        )
        return queryset.visible_to(self.request.user)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        if self.serves_documents():
            return self.get_paginated_response(page_claim_documents(page, Links(request)))
        return self.get_paginated_response(claim_representations(page, Links(request)))

    def export_representations(self, queryset) -> Iterator[ClaimRepresentation]:
        links = Links(self.request)
        rows = queryset.iterator(CHUNK)
        while chunk := list(islice(rows, CHUNK)):
            yield from claim_representations(chunk, links)

    @extend_schema(request=s.ClaimCreateSerializer, responses={201: s.ClaimSerializer})
    def create(self, request, *args, **kwargs):
        """A curator's claim: give the article and the quote; offsets are found or checked."""
        data = s.ClaimCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        claim = claim_create(
            article=values["article"],
            user=request.user,
            quote=values["quote"],
            quote_start=values.get("quote_start"),
            statement=values.get("statement", ""),
            reason=values.get("reason", "").strip(),
        )
        claim = self.get_queryset().get(pk=claim.pk)
        response = Response(self.get_serializer(claim).data, status=status.HTTP_201_CREATED)
        response["ETag"] = etag_of(claim)
        response["Location"] = str(response.data["url"])
        return response

    @extend_schema(
        request=s.ClaimUpdateSerializer,
        parameters=[IF_MATCH],
        description="Edit the statement, its structure, links, date and credibility (never "
        "the quote, nor the review status) with a reason. JSON Schema cannot state the rules "
        "that tie fields together, so they are said here and answered with a 400: the "
        "subject cannot also be the object_actor; a date range (date_start, date_end, "
        "date_precision) is complete or empty, its end not before its start, and day "
        "precision means one day. The stored values count: send the fields of a rule "
        "together." + PATCH_RULES,
    )
    def partial_update(self, request, *args, **kwargs):
        return precondition_update(
            self,
            request,
            s.ClaimUpdateSerializer,
            lambda claim, **values: claim_update(claim=claim, **values),
        )

    def apply_review(self, obj, data):
        claim_review(
            claim=obj,
            user=self.request.user,
            status=data["status"],
            reason=data["reason"],
            credibility=data.get("credibility"),
            expected_version=obj.version,
        )

    @extend_schema(**anno.ANNOTATION_DOCS)
    @action(detail=True, methods=["get"], **anno.ACTION_OPTIONS)
    def annotation(self, request, pk=None):
        """The claim as a W3C Web Annotation (JSON-LD) on its article's text: the same
        object as its item in the article's `annotations/` collection."""
        return anno.annotation_response(self, request)


# ----------------------------------------------------------------------------- claim links

# A link's columns, and of each claim its id and statement only: not its quote or search text.
LINK_COLUMNS = (
    *(f.attname for f in ClaimLink._meta.concrete_fields),
    *(f"{end}__{column}" for end in ("from_claim", "to_claim") for column in ("id", "statement")),
    "created_by__id",
    "created_by__username",
)


class ClaimLinkViewSet(
    StrictQueryMixin,
    mixins.ListModelMixin,
    ETagRetrieveMixin,
    HistoryMixin,
    viewsets.GenericViewSet,
):
    """Links between claims: one corroborates, contradicts or copies another. Readers without
    a role see the links whose two claims they see; curators and leads add links, leads
    delete them (facts.roles: curators delete nothing)."""

    lookup_value_regex = ID_PATTERN
    serializer_class = s.ClaimLinkSerializer
    filterset_class = ClaimLinkFilterSet
    pagination_class = CursorPage
    ordering_fields = ["id", "created_at"]
    ordering = ["-id"]
    http_method_names = ["get", "post", "delete", "head", "options"]

    def get_queryset(self):
        # One query for a page: both claims (their id and statement only) and the curator.
        queryset = ClaimLink.objects.select_related("from_claim", "to_claim", "created_by").only(
            *LINK_COLUMNS
        )
        if reads_everything(self.request.user):
            return queryset
        shown = Claim.objects.visible_to(self.request.user).values("pk")
        return queryset.filter(from_claim__in=shown, to_claim__in=shown)

    def filter_queryset(self, queryset):
        # The filters are the list's: a link's own URL takes no filters, and its delete reads
        # a `reason` the list's strict filters would refuse as unknown.
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    @extend_schema(request=s.ClaimLinkCreateSerializer, responses={201: s.ClaimLinkSerializer})
    def create(self, request, *args, **kwargs):
        """Link two claims (curators and leads), with the reason for the history."""
        data = s.ClaimLinkCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            link = claim_link_create(
                from_claim=values["from_claim"],
                to_claim=values["to_claim"],
                kind=values["kind"],
                note=values.get("note", ""),
                reason=values["reason"],
                user=request.user,
            )
        except ReviewError as error:
            # The service's refusals are about the pair (a self-link, a duplicate): shown on
            # the claim the link points to.
            raise ValidationError({"to_claim": error.messages}) from None
        link = self.get_queryset().get(pk=link.pk)
        response = Response(self.get_serializer(link).data, status=status.HTTP_201_CREATED)
        response["ETag"] = etag_of(link)
        # A plain str: the url is a Hyperlink (a str subclass), which WSGI servers refuse in
        # a header (a 500 under runserver).
        response["Location"] = str(response.data["url"])
        return response

    @extend_schema(parameters=[IF_MATCH, REQUIRED_REASON], responses={204: None})
    def destroy(self, request, *args, **kwargs):
        """Delete a link (leads), with If-Match and the reason for the history."""
        if_match_tags(request)
        reason = query_reason(request, required=True, blank="Say why this link is deleted.")
        link = self.get_object()
        require_current(request, link)
        claim_link_delete(link=link, user=request.user, reason=reason)
        return Response(status=status.HTTP_204_NO_CONTENT)
