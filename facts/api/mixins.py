"""Behaviour the API viewsets share: ETag reads, history, exports, merges, reviews, and
writes that need a current If-Match."""

from collections.abc import Iterator
from datetime import date

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from facts.api import serializers as s
from facts.api.etags import etag_of, require_current
from facts.api.exports import CHUNK, stream
from facts.api.renderers import CSVRenderer, FastJSONRenderer, JSONLinesRenderer
from facts.api.throttles import AnonExportThrottle
from facts.roles import reads_everything
from facts.services import object_review, object_update

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
                changes = [_named_links(type(obj), change, request.user) for change in changes]
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


def _named_links(model, change: dict, user) -> dict:
    """A many-to-many field's values as the names the API uses for the other side (a
    country's alpha-3 code, an actor's slug), sorted; the history stores rows of the link
    table, which would otherwise be shown as they are stored. Objects the reader is not shown
    are left out."""
    field = model._meta.get_field(change["field"])
    if not field.many_to_many:
        return change
    key = field.m2m_reverse_field_name()
    target = field.related_model
    name = "alpha3" if hasattr(target, "alpha3") else "slug"
    ids = {
        row[key] for side in ("old", "new") for row in change[side] or () if isinstance(row, dict)
    }
    shown = target.objects.filter(pk__in=ids)
    if hasattr(shown, "visible_to"):
        shown = shown.visible_to(user)
    names = dict(shown.values_list("pk", name))

    def named(rows):
        return sorted(names[row[key]] for row in rows or () if row.get(key) in names)

    return {**change, "old": named(change["old"]), "new": named(change["new"])}


def _plain(value):
    if isinstance(value, list):  # a many-to-many field's rows: named by _named_links
        return [v if isinstance(v, dict) else str(v) for v in value]
    if isinstance(value, date):  # datetimes too: ISO 8601, as everywhere else in the API
        return value.isoformat()
    return value if value is None or isinstance(value, bool | int | float | str) else str(value)


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


class PreconditionUpdateMixin:
    def precondition_update(self, request, serializer_class):
        """A partial update validated by `serializer_class` (with its `reason`), refused
        unless If-Match names the current version; answers the fresh object and its ETag."""
        obj = self.get_object()
        require_current(request, obj)
        data = serializer_class(obj, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        reason = changes.pop("reason", "")
        object_update(
            obj=obj, user=request.user, changes=changes, reason=reason, expected_version=obj.version
        )
        obj = self.get_queryset().get(pk=obj.pk)
        response = Response(self.get_serializer(obj).data)
        response["ETag"] = etag_of(obj)
        return response
