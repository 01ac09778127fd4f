"""Behaviour the API viewsets share: ETag reads, history, exports, merges, reviews, and
writes that need a current If-Match."""

from collections.abc import Iterator
from datetime import date
from itertools import islice

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from facts.api import serializers as s
from facts.api.columns import FIELDS_PARAM, TABLES, selection
from facts.api.etags import etag_of, if_match_tags, require_current
from facts.api.exports import CHUNK, stream
from facts.api.query import check_query
from facts.api.renderers import CSVRenderer, FastJSONRenderer, JSONLinesRenderer
from facts.api.throttles import AnonExportThrottle
from facts.roles import reads_everything
from facts.services import object_review, object_update

# Fields naming who did something, left out of the history readers without a role see.
PEOPLE_FIELDS = {"reviewed_by", "created_by"}

# The reason as a query parameter (a DELETE has no body): the rule of ReasonField.
REASON_SCHEMA = {
    "type": "string",
    "minLength": 1,
    "maxLength": s.REASON_MAX_LENGTH,
    "pattern": s.REASON_PATTERN.replace(r"\x", r"\u00"),  # escaped as drf-spectacular does
}
REASON = OpenApiParameter(
    "reason",
    REASON_SCHEMA,
    required=False,
    description="Why (recorded in the history): not blank when given, and given once. "
    "Without it the history says “Deleted through the API”.",
)
REQUIRED_REASON = OpenApiParameter(
    "reason",
    REASON_SCHEMA,
    required=True,
    description="Why (recorded in the history): not blank, given once.",
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    {"type": "string", "minLength": 1},
    location=OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the object as you last read it (the ETag header of its detail; "
    "for a merge, the survivor's). Without it, or with `*`, the answer is 428; naming "
    "another version, 412.",
)


def query_reason(
    request, *, required: bool, blank: str = "Say why: a reason cannot be blank."
) -> str:
    """The `reason` of a DELETE, from its query string: the only parameter a DELETE reads,
    given once and not blank (a 400 with `blank` otherwise); "" when optional and absent."""
    check_query(request, ["reason"])
    raw = request.query_params.get("reason")
    if raw is None:
        if required:
            raise ValidationError({"reason": [blank]})
        return ""
    try:
        return s.ReasonField().run_validation(raw).strip()
    except ValidationError as error:
        codes = {getattr(detail, "code", None) for detail in error.detail}
        detail = [blank] if codes & {"blank", "invalid"} else error.detail
        raise ValidationError({"reason": detail}) from None


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
    """`export/csv/` and `export/jsonl/`, and `fields=` on them and on the list: the columns
    of facts.api.columns.TABLES[export_name]."""

    export_name = ""

    def chosen_fields(self):
        return selection(TABLES[self.export_name], self.request.query_params.get(FIELDS_PARAM))

    def get_paginated_response(self, data):
        chosen = self.chosen_fields()
        if chosen is not None:
            data = [chosen.project(row) for row in data]
        return super().get_paginated_response(data)  # type: ignore[misc]

    @extend_schema(
        parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=["csv", "jsonl"])],
        # An export reads the list's filters and ordering: documented as the list's are.
        filters=True,
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                "CSV, one row per object; the columns are the JSON paths joined with dots "
                "(README lists them)",
            ),
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
        chosen = self.chosen_fields()  # a bad `fields=` is a 400 before anything streams
        queryset = self.filter_queryset(self.get_queryset())
        rows = self.export_representations(queryset)
        return stream(
            rows,
            fmt=fmt,
            model_name=self.export_name,
            filename=self.export_name + "s",
            chosen=chosen,
        )

    def export_representations(self, queryset) -> Iterator[dict]:
        # A chunk at a time through the list serializer, which reads what a page needs (an
        # event's source count) in one query for the chunk.
        serializer = self.get_serializer_class()
        context = self.get_serializer_context()
        objects = queryset.iterator(CHUNK)
        while chunk := list(islice(objects, CHUNK)):
            yield from serializer(chunk, many=True, context=context).data


class MergeMixin:
    merge_service = None

    @extend_schema(request=s.MergeSerializer, parameters=[IF_MATCH])
    @action(detail=False, methods=["post"], pagination_class=None, filter_backends=[])
    def merge(self, request):
        """Fold duplicates into a survivor (leads only); If-Match names the survivor's ETag.

        JSON Schema cannot say that the survivor must not be among `merged`: that is a 400
        on `merged`, as is a merged id that names nothing (any more). A survivor that does
        not exist is a 404. Events merge only with events of the same kind (a 400)."""
        if_match_tags(request)
        data = s.MergeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        queryset = self.get_queryset()
        survivor = get_object_or_404(queryset, pk=data.validated_data["survivor"])
        require_current(request, survivor)
        wanted = data.validated_data["merged"]
        merged = list(queryset.filter(pk__in=wanted))
        missing = sorted(set(wanted) - {obj.pk for obj in merged})
        if missing:
            raise ValidationError(
                {
                    "merged": [
                        f"No {queryset.model._meta.verbose_name} "
                        f"{', '.join(map(str, missing))} (merged or deleted since you read "
                        "it?)."
                    ]
                }
            )
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
    review_serializer_class: type[s.ReviewSerializer] = s.ReviewSerializer

    @extend_schema(request=s.ReviewSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def review(self, request, pk=None):
        """Set the review status with its reason (verify, dispute, reject, retract)."""
        return self.reviewed(request)

    def reviewed(self, request):
        if_match_tags(request)
        obj = self.get_object()
        require_current(request, obj)
        data = self.review_serializer_class(data=request.data)
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


class ClaimReviewMixin(ReviewMixin):
    """A claim's review, which may grade its credibility too."""

    review_serializer_class = s.ClaimReviewSerializer

    @extend_schema(request=s.ClaimReviewSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def review(self, request, pk=None):
        """Set the review status with its reason (verify, dispute, reject, retract), and
        optionally grade the credibility."""
        return self.reviewed(request)


class DestroyWithPreconditionMixin:
    @extend_schema(parameters=[IF_MATCH, REASON])
    def destroy(self, request, *args, **kwargs):
        """Delete it (leads), with If-Match; a reason for the history is optional."""
        if_match_tags(request)
        reason = query_reason(request, required=False)
        obj = self.get_object()
        require_current(request, obj)
        obj._history_user = request.user
        obj._change_reason = reason or "Deleted through the API"
        with transaction.atomic():
            obj.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


PATCH_RULES = (
    " Send the reason and at least one field to change: a body with nothing to change is a "
    "400, and so is a field the write does not take (a read-only one such as `date`, "
    "`version` or `status`, or an unknown one), named with the fields it does take. Values "
    "equal to the stored ones change nothing: the answer is 200 with the object as it was "
    "(the same ETag), no new version and no history entry."
)


def precondition_update(view, request, serializer_class, update):
    """A partial update validated by `serializer_class` (with its `reason`), refused unless
    If-Match names the current version; `update` (a service: obj, user, changes, reason,
    expected_version) changes nothing when every value equals the stored one. Answers the
    object and its ETag."""
    if_match_tags(request)
    obj = view.get_object()
    require_current(request, obj)
    data = serializer_class(obj, data=request.data, partial=True)
    data.is_valid(raise_exception=True)
    changes = dict(data.validated_data)
    reason = changes.pop("reason")
    if not changes:
        fields = ", ".join(name for name in data.writable_names() if name != "reason")
        raise ValidationError(
            {"detail": f"Nothing to change: give at least one of {fields}, with the reason."}
        )
    update(obj, user=request.user, changes=changes, reason=reason, expected_version=obj.version)
    obj = view.get_queryset().get(pk=obj.pk)
    response = Response(view.get_serializer(obj).data)
    response["ETag"] = etag_of(obj)
    return response


def _object_update(obj, **kwargs):
    return object_update(obj=obj, **kwargs)


class PreconditionUpdateMixin:
    def precondition_update(self, request, serializer_class):
        """An actor's or event's partial update (see precondition_update)."""
        return precondition_update(self, request, serializer_class, _object_update)
