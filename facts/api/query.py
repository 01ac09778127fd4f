"""Strict query strings on lists, exports and feeds: a parameter nothing reads, or a single
value given twice, is a 400 that names it, never silently ignored."""

from collections.abc import Iterable

import django_filters as filters
from rest_framework.exceptions import ValidationError

# The actions of a list viewset that read a query string of filters.
LIST_ACTIONS = {"list", "export", "export_geojson"}


def check_query(request, accepted: Iterable[str], multiple: Iterable[str] = ()) -> None:
    """A 400 with a message for each parameter not in `accepted`, and for each one given
    more than once that is not in `multiple` (the multi-valued filters)."""
    accepted, multiple = set(accepted), set(multiple)
    params = request.query_params
    errors = {}
    for name in params:
        if name not in accepted:
            errors[name] = [
                f"Unknown parameter “{name}”. Accepted here: {', '.join(sorted(accepted))}."
            ]
        elif name not in multiple and len(params.getlist(name)) > 1:
            errors[name] = [f"Give “{name}” once."]
    if errors:
        raise ValidationError(errors)


def view_parameters(view) -> tuple[set[str], set[str]]:
    """The query parameters a list viewset's action reads, and which of them may repeat:
    its filterset's filters, `ordering`, its paginator's, and the action's own."""
    accepted: set[str] = set(getattr(view, "extra_query_parameters", {}).get(view.action, ()))
    multiple: set[str] = set()
    filterset_class = getattr(view, "filterset_class", None)
    if filterset_class is not None:
        for name, field in filterset_class.base_filters.items():
            accepted.add(name)
            if isinstance(field, filters.MultipleChoiceFilter):
                multiple.add(name)
    for backend in view.filter_backends:
        param = getattr(backend, "ordering_param", None)
        if param and getattr(view, "ordering_fields", None):
            accepted.add(param)
    paginator = view.paginator
    facets = getattr(paginator, "facet_query_param", None)
    if facets:
        accepted.add(facets)
        multiple.add(facets)
    if paginator is not None:
        for name in ("page_query_param", "page_size_query_param", "cursor_query_param"):
            param = getattr(paginator, name, None)
            if param:
                accepted.add(param)
    return accepted, multiple


class StrictQueryMixin:
    """Lists and exports refuse parameters they do not read (see check_query).
    `extra_query_parameters` maps an action to the parameters it reads itself."""

    extra_query_parameters: dict[str, tuple[str, ...]] = {}

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if self.action in LIST_ACTIONS:  # type: ignore[attr-defined]
            check_query(request, *view_parameters(self))
