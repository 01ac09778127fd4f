"""Ordering by one known field, or a 400 that names the choices: never silently ignored."""

from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter


class StrictOrderingFilter(OrderingFilter):
    """One field, optionally prefixed with "-"; anything else is a 400 naming the choices."""

    def choices(self, view) -> list[str]:
        fields = [f for f in getattr(view, "ordering_fields", None) or [] if f != "__all__"]
        return [*fields, *(f"-{f}" for f in fields)]

    def get_ordering(self, request, queryset, view):
        param = request.query_params.get(self.ordering_param)
        if param is not None and param not in self.choices(view):  # "" too: not a field
            raise ValidationError(
                {self.ordering_param: [f"Order by one of: {', '.join(self.choices(view))}."]}
            )
        ordering = super().get_ordering(request, queryset, view)
        # A public name may stand for a column of another name (events' "date" is a sort key
        # that puts undated events last in either direction).
        keys = getattr(view, "ordering_keys", {})
        return [keys.get(term, term) for term in ordering] if ordering else ordering

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Order by this field; prefix with - for descending.",
                "schema": {"type": "string", "enum": self.choices(view)},
            }
        ]
