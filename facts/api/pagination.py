"""Cursor pagination: no COUNT(*), stable under inserts; 50 a page by default, 500 at most."""

from rest_framework.pagination import CursorPagination, PageNumberPagination


class CursorPage(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "-id"

    def get_ordering(self, request, queryset, view):
        # Ties (equal confidence, say) need a fixed order, or a row can move between pages.
        ordering = tuple(super().get_ordering(request, queryset, view))
        if not {"id", "-id", "pk", "-pk"} & set(ordering):
            ordering += ("-id",)
        return ordering


class SmallTablePage(PageNumberPagination):
    """For reference tables of a few hundred rows, where a count is cheap and useful."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
