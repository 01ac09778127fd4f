"""Keeping a copy in sync: what changed since a time, and what was withdrawn or deleted.

Both feeds are ordered by time, then type, then id, and page with a cursor made of the last
item's (time, type, id), so no change is skipped or repeated across pages.
"""

from datetime import UTC, datetime

from django.db.models import Q
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from facts.api.query import check_query
from facts.choices import WITHDRAWN_STATUSES
from facts.models import Actor, Article, Claim, Event
from facts.models.visibility import once_published
from facts.roles import reads_everything

FEED_LIMIT = 500
CURSOR_PARAMETERS = ("after_type", "after_id", "limit")
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)

SOURCES = {"actor": Actor, "article": Article, "claim": Claim, "event": Event}


def _cursor(request, name: str) -> tuple[datetime, str, int]:
    raw = request.query_params.get(name)
    if not raw:
        raise ValidationError({name: ["Required: an ISO 8601 time, e.g. 2026-01-31T00:00:00Z."]})
    try:
        when = parse_datetime(raw.replace(" ", "+"))
    except ValueError:  # well formed but impossible: year 0, month 13, 25 o'clock
        when = None
    if when is None or when.tzinfo is None:
        raise ValidationError({name: ["Not an ISO 8601 time with a time zone."]})
    when = max(when, EARLIEST)  # nothing is older; and year 1 overflows some databases
    after_type = request.query_params.get("after_type")
    if after_type is not None and after_type not in SOURCES:
        raise ValidationError({"after_type": [f"One of: {', '.join(sorted(SOURCES))}."]})
    try:
        after_id = int(request.query_params.get("after_id", "0"))
    except ValueError:
        raise ValidationError({"after_id": ["Not an integer."]}) from None
    if not 0 <= after_id < 2**63:
        raise ValidationError({"after_id": ["Out of range."]})
    return when, after_type or "", after_id


def _after(field: str, kind: str, cursor) -> Q:
    when, after_type, after_id = cursor
    if kind > after_type:
        return Q(**{f"{field}__gte": when})
    if kind == after_type:
        return Q(**{f"{field}__gt": when}) | Q(**{field: when, "pk__gt": after_id})
    return Q(**{f"{field}__gt": when})


def _limit(request) -> int:
    try:
        return max(1, min(FEED_LIMIT, int(request.query_params.get("limit", FEED_LIMIT))))
    except ValueError:
        raise ValidationError({"limit": ["Not an integer."]}) from None


def _page(request, items: list[dict], limit: int, time_param: str, time_key: str) -> dict:
    items.sort(key=lambda item: (item[time_key], item["type"], item["id"]))
    page = items[:limit]
    next_url = None
    if len(items) > limit:
        last = page[-1]
        params = request.query_params.copy()
        params[time_param] = last[time_key].isoformat()
        params["after_type"] = last["type"]
        params["after_id"] = str(last["id"])
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return {"next": next_url, "results": page}


FEED_ITEM = inline_serializer(
    "FeedItem",
    {
        "type": serializers.CharField(),
        "id": serializers.IntegerField(),
        "url": serializers.CharField(allow_null=True),
        "updated_at": serializers.DateTimeField(required=False),
        "at": serializers.DateTimeField(required=False),
        "status": serializers.CharField(required=False),
        "reason": serializers.CharField(required=False),
        "merged_into": serializers.DictField(
            required=False,
            allow_null=True,
            help_text="Of a record merged into another: the survivor's type, id and url "
            "(null when it is not shown to you or has gone since; its own tombstone says where).",
        ),
    },
)
FEED_PAGE = inline_serializer(
    "FeedPage",
    {"next": serializers.CharField(allow_null=True), "results": FEED_ITEM.__class__(many=True)},
)


class ChangesView(APIView):
    """Objects created or changed after `updated_after`, oldest first."""

    @extend_schema(
        parameters=[
            OpenApiParameter("updated_after", OpenApiTypes.DATETIME, required=True),
            OpenApiParameter("after_type", str, enum=sorted(SOURCES)),
            OpenApiParameter("after_id", {"type": "integer", "minimum": 0, "maximum": 2**63 - 1}),
            OpenApiParameter("limit", int),
        ],
        responses=FEED_PAGE,
    )
    def get(self, request):
        check_query(request, ("updated_after", *CURSOR_PARAMETERS))
        cursor = _cursor(request, "updated_after")
        limit = _limit(request)
        items = []
        for kind, model in SOURCES.items():
            rows = (
                model.objects.visible_to(request.user)
                .filter(_after("updated_at", kind, cursor))
                .order_by("updated_at", "pk")
                .values("pk", "updated_at", "status" if kind != "article" else "reliability")
            )[: limit + 1]
            for row in rows:
                items.append(
                    {
                        "type": kind,
                        "id": row["pk"],
                        "url": reverse(f"api:{kind}-detail", args=[row["pk"]], request=request),
                        "updated_at": row["updated_at"],
                        "status": row.get("status", ""),
                    }
                )
        return Response(_page(request, items, limit, "updated_after", "updated_at"))


class TombstonesView(APIView):
    """Claims and events withdrawn (rejected or retracted) and objects deleted after `since`:
    what a copy must drop."""

    @extend_schema(
        parameters=[
            OpenApiParameter("since", OpenApiTypes.DATETIME, required=True),
            OpenApiParameter("after_type", str, enum=sorted(SOURCES)),
            OpenApiParameter("after_id", {"type": "integer", "minimum": 0, "maximum": 2**63 - 1}),
            OpenApiParameter("limit", int),
        ],
        responses=FEED_PAGE,
    )
    def get(self, request):
        check_query(request, ("since", *CURSOR_PARAMETERS))
        cursor = _cursor(request, "since")
        limit = _limit(request)
        # Readers without a role learn only of withdrawals of what was once published, and no
        # curator's reason: those quote and judge text that anonymous readers never saw.
        everything = reads_everything(request.user)
        items = []
        for kind, model in (("claim", Claim), ("event", Event)):
            withdrawn = model.objects.filter(status__in=WITHDRAWN_STATUSES)
            if not everything:
                withdrawn = once_published(withdrawn, model, "pk")
            rows = (
                withdrawn.filter(_after("reviewed_at", kind, cursor))
                .order_by("reviewed_at", "pk")
                .values("pk", "reviewed_at", "status", "status_reason")
            )[: limit + 1]
            items += [
                {
                    "type": kind,
                    "id": row["pk"],
                    "url": None,
                    "at": row["reviewed_at"],
                    "status": row["status"],
                    "reason": row["status_reason"] if everything else "",
                }
                for row in rows
            ]
        for kind, model in SOURCES.items():
            deleted = model.history.filter(history_type="-")
            if not everything:
                if not hasattr(model, "status"):
                    continue  # articles carry no publication mark of their own
                deleted = once_published(deleted, model, "id")
            columns = ["id", "history_date", "history_change_reason"]
            merges = hasattr(model.history.model, "merged_into_id")
            if merges:
                columns.append("merged_into_id")
            deleted = list(
                deleted.filter(_after_history(kind, cursor))
                .order_by("history_date", "id")
                .values(*columns)[: limit + 1]
            )
            survivors = _shown_survivors(request, model, deleted) if merges else set()
            items += [
                {
                    "type": kind,
                    "id": row["id"],
                    "url": None,
                    "at": row["history_date"],
                    "status": "merged" if row.get("merged_into_id") else "deleted",
                    "reason": (row["history_change_reason"] or "") if everything else "",
                    "merged_into": _survivor(request, kind, row.get("merged_into_id"), survivors),
                }
                for row in deleted
            ]
        return Response(_page(request, items, limit, "since", "at"))


def _shown_survivors(request, model, rows: list[dict]) -> set[int]:
    """Of the records these were merged into, those the reader may see (one query): a reader
    is not pointed at an unpublished survivor."""
    ids = {row["merged_into_id"] for row in rows if row.get("merged_into_id")}
    if not ids:
        return set()
    return set(
        model.objects.visible_to(request.user).filter(pk__in=ids).values_list("pk", flat=True)
    )


def _survivor(request, kind: str, pk: int | None, shown: set[int]) -> dict | None:
    """Where a merged record went, when the reader may see the survivor; nothing when it
    has gone since (merged on in turn: its own tombstone names the next one)."""
    if pk is None or pk not in shown:
        return None
    return {
        "type": kind,
        "id": pk,
        "url": reverse(f"api:{kind}-detail", args=[pk], request=request),
    }


def _after_history(kind: str, cursor) -> Q:
    when, after_type, after_id = cursor
    if kind > after_type:
        return Q(history_date__gte=when)
    if kind == after_type:
        return Q(history_date__gt=when) | Q(history_date=when, id__gt=after_id)
    return Q(history_date__gt=when)
