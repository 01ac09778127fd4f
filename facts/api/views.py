"""API v1 viewsets. Short: joins are declared here, rules live in facts.services."""

from collections.abc import Iterator
from itertools import islice

from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from facts.api import serializers as s
from facts.api.etags import etag_of, require_current
from facts.api.exports import CHUNK, stream
from facts.api.pagination import CursorPage, SmallTablePage
from facts.api.renderers import CSVRenderer, FastJSONRenderer, JSONLinesRenderer
from facts.api.representations import CLAIM_ROW_FIELDS, Links, claim_from_row
from facts.filtersets import (
    ActorFilterSet,
    ArticleFilterSet,
    ClaimFilterSet,
    CountryFilterSet,
    EventFilterSet,
)
from facts.models import (
    Actor,
    ActorRelation,
    Article,
    Claim,
    Country,
    Event,
    EventParticipant,
)
from facts.roles import reads_everything
from facts.selectors import attach_claim_related, with_evidence
from facts.services import (
    actor_merge,
    article_grade,
    claim_create,
    claim_review,
    claim_update,
    event_merge,
    object_review,
    object_update,
)

# Ids are positive 63-bit integers: longer digit strings are a 404, not a database overflow.
ID_PATTERN = "[0-9]{1,18}"
# Fields naming who did something, left out of the history readers without a role see.
PEOPLE_FIELDS = {"reviewed_by", "created_by"}

REASON = OpenApiParameter(
    "reason", str, description="Why (recorded in the history).", required=False
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    location=OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the object as you last read it.",
)


class ETagRetrieveMixin:
    def retrieve(self, request, *args, **kwargs):
        obj = self.get_object()
        response = Response(self.get_serializer(obj).data)
        response["ETag"] = etag_of(obj)
        return response


class HistoryMixin:
    @extend_schema(responses=s.HistoryEntrySerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request, pk=None):
        """Every recorded change: when, by whom, why, and which fields changed."""
        obj = self.get_object()
        records = list(obj.history.order_by("history_date").select_related("history_user"))
        # Who reviewed or edited is known to the curation team only: readers without a role
        # see what changed and why, never a username or a user id.
        staff = reads_everything(request.user)
        entries, previous = [], None
        for record in records:
            changes = []
            if previous is not None and record.history_type == "~":
                delta = record.diff_against(previous)
                changes = [
                    {"field": c.field, "old": _plain(c.old), "new": _plain(c.new)}
                    for c in delta.changes
                    if staff or c.field not in PEOPLE_FIELDS
                ]
            entries.append(
                {
                    "version": getattr(record, "version", None),
                    "date": record.history_date,
                    "type": {"+": "created", "~": "changed", "-": "deleted"}[record.history_type],
                    "user": record.history_user.get_username()
                    if record.history_user and staff
                    else None,
                    "reason": record.history_change_reason or "",
                    "changes": changes,
                }
            )
            previous = record
        entries.reverse()
        return Response(s.HistoryEntrySerializer(entries, many=True).data)


def _plain(value):
    if isinstance(value, list):
        return [str(v) for v in value]
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


class AnonExportThrottle(AnonRateThrottle):
    """A full export costs a worker seconds where a page costs milliseconds: anonymous
    readers get few of them (API_ANON_EXPORT_RATE), on top of the per-request rate."""

    scope = "anon_export"


class ExportMixin:
    export_name = ""

    @extend_schema(
        parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=["csv", "jsonl"])],
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, "CSV, one row per object"),
            (200, "application/x-ndjson"): OpenApiResponse(
                OpenApiTypes.STR, "JSON Lines: the list representation, one object a line"
            ),
        },
    )
    @action(
        detail=False,
        methods=["get"],
        url_path=r"export/(?P<fmt>csv|jsonl)",
        renderer_classes=[FastJSONRenderer, CSVRenderer, JSONLinesRenderer],
        pagination_class=None,
        throttle_classes=[AnonRateThrottle, AnonExportThrottle],
    )
    def export(self, request, fmt=None):
        """Everything the list would return for the same filters, streamed."""
        queryset = self.filter_queryset(self.get_queryset())
        rows = self.export_representations(queryset)
        return stream(rows, fmt=fmt, model_name=self.export_name, filename=self.export_name + "s")

    def export_representations(self, queryset) -> Iterator[dict]:
        serializer = self.get_serializer_class()
        context = self.get_serializer_context()
        return (serializer(obj, context=context).data for obj in queryset.iterator(CHUNK))


class MergeMixin:
    merge_service = None

    @extend_schema(request=s.MergeSerializer, parameters=[IF_MATCH])
    @action(detail=False, methods=["post"], pagination_class=None, filter_backends=[])
    def merge(self, request):
        """Fold duplicates into a survivor (leads only); If-Match names the survivor's ETag."""
        data = s.MergeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        queryset = self.get_queryset()
        survivor = get_object_or_404(queryset, pk=data.validated_data["survivor"])
        require_current(request, survivor)
        merged = list(queryset.filter(pk__in=data.validated_data["merged"]))
        if len(merged) != len(set(data.validated_data["merged"])):
            return Response({"merged": ["Some of these do not exist."]}, status=400)
        result = type(self).merge_service(
            survivor=survivor,
            merged=merged,
            user=request.user,
            reason=data.validated_data["reason"],
        )
        result = self.get_queryset().get(pk=result.pk)
        response = Response(self.get_serializer(result).data)
        response["ETag"] = etag_of(result)
        return response


class ReviewMixin:
    @extend_schema(request=s.ReviewSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def review(self, request, pk=None):
        """Set the review status with its reason (verify, dispute, reject, retract)."""
        obj = self.get_object()
        require_current(request, obj)
        data = s.ReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        self.apply_review(obj, data.validated_data)
        obj = self.get_queryset().get(pk=obj.pk)
        response = Response(self.get_serializer(obj).data)
        response["ETag"] = etag_of(obj)
        return response

    def apply_review(self, obj, data):
        object_review(
            obj=obj,
            user=self.request.user,
            status=data["status"],
            reason=data["reason"],
            expected_version=obj.version,
        )


class DestroyWithPreconditionMixin:
    @extend_schema(parameters=[IF_MATCH, REASON])
    def destroy(self, request, *args, **kwargs):
        obj = self.get_object()
        require_current(request, obj)
        obj._history_user = request.user
        obj._change_reason = request.query_params.get("reason", "Deleted through the API")
        with transaction.atomic():
            obj.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class CountryViewSet(mixins.ListModelMixin, ETagRetrieveMixin, viewsets.GenericViewSet):
    queryset = Country.objects.all()
    serializer_class = s.CountrySerializer
    filterset_class = CountryFilterSet
    pagination_class = SmallTablePage
    lookup_field = "alpha3"
    lookup_value_regex = "[A-Z]{3}"
    ordering_fields = ["name", "alpha3"]
    ordering = ["name"]


class ActorViewSet(
    mixins.ListModelMixin,
    ETagRetrieveMixin,
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

    @extend_schema(request=s.ActorWriteSerializer, parameters=[IF_MATCH])
    def partial_update(self, request, *args, **kwargs):
        return _update(self, request, s.ActorWriteSerializer)


class EventViewSet(
    mixins.ListModelMixin,
    ETagRetrieveMixin,
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
    pagination_class = CursorPage
    ordering_fields = ["id", "date_start", "updated_at"]
    ordering = ["-id"]
    merge_service = event_merge
    export_name = "event"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        queryset = Event.objects.prefetch_related(
            "countries", Prefetch("participants", EventParticipant.objects.select_related("actor"))
        )
        return queryset.visible_to(self.request.user)

    @extend_schema(request=s.EventWriteSerializer, parameters=[IF_MATCH])
    def partial_update(self, request, *args, **kwargs):
        return _update(self, request, s.EventWriteSerializer)


class ArticleViewSet(
    mixins.ListModelMixin, ETagRetrieveMixin, DestroyWithPreconditionMixin, viewsets.GenericViewSet
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


class ClaimViewSet(
    mixins.ListModelMixin,
    ETagRetrieveMixin,
    ReviewMixin,
    HistoryMixin,
    ExportMixin,
    DestroyWithPreconditionMixin,
    viewsets.GenericViewSet,
):
    lookup_value_regex = ID_PATTERN
    serializer_class = s.ClaimSerializer
    filterset_class = ClaimFilterSet
    pagination_class = CursorPage
    ordering_fields = ["id", "confidence", "credibility", "date_start", "updated_at"]
    ordering = ["-id"]
    export_name = "claim"
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
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
        links = Links(request)
        return self.get_paginated_response(
            [claim_from_row(row, links) for row in attach_claim_related(page)]
        )

    def export_representations(self, queryset) -> Iterator[dict]:
        links = Links(self.request)
        rows = queryset.iterator(CHUNK)
        while chunk := list(islice(rows, CHUNK)):
            yield from (claim_from_row(row, links) for row in attach_claim_related(chunk))

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
            reason=values.get("reason", ""),
        )
        claim = self.get_queryset().get(pk=claim.pk)
        response = Response(self.get_serializer(claim).data, status=status.HTTP_201_CREATED)
        response["ETag"] = etag_of(claim)
        response["Location"] = response.data["url"]
        return response

    @extend_schema(request=s.ClaimUpdateSerializer, parameters=[IF_MATCH])
    def partial_update(self, request, *args, **kwargs):
        """Edit the statement and its links (never the quote); needs a reason."""
        claim = self.get_object()
        require_current(request, claim)
        data = s.ClaimUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        reason = changes.pop("reason", "")
        claim_update(
            claim=claim,
            user=request.user,
            changes=changes,
            reason=reason,
            expected_version=claim.version,
        )
        claim = self.get_queryset().get(pk=claim.pk)
        response = Response(self.get_serializer(claim).data)
        response["ETag"] = etag_of(claim)
        return response

    def apply_review(self, obj, data):
        claim_review(
            claim=obj,
            user=self.request.user,
            status=data["status"],
            reason=data["reason"],
            credibility=data.get("credibility"),
            expected_version=obj.version,
        )

    @extend_schema(responses={(200, "application/ld+json"): OpenApiResponse(OpenApiTypes.OBJECT)})
    @action(detail=True, methods=["get"])
    def annotation(self, request, pk=None):
        """The claim as a W3C Web Annotation (JSON-LD) on its article."""
        claim = self.get_object()
        data = self.get_serializer(claim).data
        annotation = {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": request.build_absolute_uri(),
            "type": "Annotation",
            "motivation": "describing",
            "created": claim.created_at.isoformat(),
            "modified": claim.updated_at.isoformat(),
            "body": {
                "type": "TextualBody",
                "value": claim.statement,
                "format": "text/plain",
                "language": claim.article.language or "en",
                "purpose": "describing",
            },
            "target": {
                "source": data["article"]["source_url"] or data["article"]["url"],
                "selector": data["quote"]["selectors"],
            },
            "generator": data["url"],
            "status": claim.status,
        }
        response = Response(annotation, content_type="application/ld+json")
        response["ETag"] = etag_of(claim)
        return response


def _update(view, request, serializer_class):
    obj = view.get_object()
    require_current(request, obj)
    data = serializer_class(obj, data=request.data, partial=True)
    data.is_valid(raise_exception=True)
    changes = dict(data.validated_data)
    reason = changes.pop("reason", "")
    object_update(
        obj=obj, user=request.user, changes=changes, reason=reason, expected_version=obj.version
    )
    obj = view.get_queryset().get(pk=obj.pk)
    response = Response(view.get_serializer(obj).data)
    response["ETag"] = etag_of(obj)
    return response
