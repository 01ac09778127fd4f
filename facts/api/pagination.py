"""Cursor pagination: no COUNT(*), stable under inserts; 50 a page by default, 500 at most."""

from django.db import DataError
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination, PageNumberPagination

from facts.api.facets import FACETS_PARAM, FACETS_SCHEMA, facet_counts, requested, schema_parameter


def strict_page_size(paginator, request):
    """A page size that is not a positive integer is an error, not silently the default."""
    raw = request.query_params.get(paginator.page_size_query_param)
    if raw is None:
        return paginator.page_size
    try:
        size = int(raw)
    except ValueError:
        raise ValidationError({"page_size": ["A whole number from 1 to 500."]}) from None
    if not 1 <= size <= paginator.max_page_size:
        raise ValidationError({"page_size": ["A whole number from 1 to 500."]})
    return size


def _documented(parameters: list[dict], name: str) -> list[dict]:
    for parameter in parameters:
        if parameter["name"] == name:
            parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": 500}
    return parameters


class CursorPage(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-id"

    def get_page_size(self, request):
        return strict_page_size(self, request)

    def get_schema_operation_parameters(self, view):
        return _documented(super().get_schema_operation_parameters(view), "page_size")

    def paginate_queryset(self, queryset, request, view=None):
        # A cursor is opaque, but a client can still send one it made up: a position of the
        # wrong type, one out of range, or a NUL byte PostgreSQL refuses is a bad request.
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, TypeError, OverflowError, DataError):
            raise ValidationError(
                {"cursor": ["Invalid cursor: use the next and previous links."]}
            ) from None

    def get_ordering(self, request, queryset, view):
        # Ties (equal confidence, say) need a fixed order, or a row can move between pages.
        ordering = tuple(super().get_ordering(request, queryset, view))
        if not {"id", "-id", "pk", "-pk"} & set(ordering):
            # In the first key's direction, so that an index on (key, id) serves the sort.
            ordering += ("-id" if ordering[0].startswith("-") else "id",)
        return ordering


class KeysFirstCursorPage(CursorPage):
    """A page's keys first, then its rows by key. A database that sorts whole rows (SQLite)
    would otherwise carry every row that matches, with its joins, through the sort to keep
    fifty: 100,000 events in a map's box took it half a second; the keys come from an index."""

    def paginate_queryset(self, queryset, request, view=None):
        ordering = [field.lstrip("-") for field in self.get_ordering(request, queryset, view)]
        keys = queryset.select_related(None).prefetch_related(None).only("pk", *ordering)
        page = super().paginate_queryset(keys, request, view)
        if page is None:
            return None
        if view is not None and getattr(view, "serves_documents", lambda: False)():
            return page  # the keys are all a page of stored documents needs
        rows = {row.pk: row for row in queryset.filter(pk__in=[key.pk for key in page])}
        self.page = [rows[key.pk] for key in page if key.pk in rows]  # none deleted since
        return self.page


class SmallTablePage(PageNumberPagination):
    """For reference tables of a few hundred rows, where a count is cheap and useful."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_size(self, request):
        return strict_page_size(self, request)

    def get_schema_operation_parameters(self, view):
        parameters = _documented(super().get_schema_operation_parameters(view), "page_size")
        for parameter in parameters:
            if parameter["name"] == "page":
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return parameters


class FacetsPage:
    """Pages of a list that offers facet counts (the view's `facets`, facts.api.facets):
    asked for with `facets=`, they come with the page under "facets"."""

    facet_query_param = FACETS_PARAM
    facets: dict | None = None

    def paginate_queryset(self, queryset, request, view=None):
        asked = requested(request, getattr(view, "facets", {}))
        self.facets = facet_counts(queryset, asked) if asked else None
        return super().paginate_queryset(queryset, request, view)  # type: ignore[misc]

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)  # type: ignore[misc]
        if self.facets is not None:
            response.data["facets"] = self.facets
        return response

    def get_paginated_response_schema(self, schema):
        page = super().get_paginated_response_schema(schema)  # type: ignore[misc]
        page["properties"]["facets"] = FACETS_SCHEMA
        return page

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)  # type: ignore[misc]
        return [*parameters, schema_parameter(view.facets)]


class FacetedCursorPage(FacetsPage, CursorPage):
    pass


class FacetedKeysFirstCursorPage(FacetsPage, KeysFirstCursorPage):
    pass
