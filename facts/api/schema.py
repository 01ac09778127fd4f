"""OpenAPI post-processing: every operation documents the errors it can answer with, lists
that take `fields=` promise only the fields asked for, and write bodies say what the server
refuses."""

import copy

from drf_spectacular.extensions import (
    OpenApiFilterExtension,
    OpenApiSerializerExtension,
    OpenApiSerializerFieldExtension,
)
from drf_spectacular.plumbing import is_patched_serializer

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
ERRORS = {
    "400": "Invalid input; field-level messages by field name (on lists and exports also a "
    "query parameter the operation does not read, a single-valued one given twice, or a "
    "country or actor that names none; on writes also a field the write does not take).",
    "401": "Authentication required for this write.",
    "403": "Your role does not allow this.",
    "404": "Not found (or not visible to you).",
    "405": "Method not allowed.",
    "406": "Only JSON is served.",
    "409": "Other records depend on this one.",
    "412": "The object changed since you read it (If-Match names another ETag).",
    "415": "Send JSON.",
    "428": "This write needs an If-Match header with the ETag you read (not `*`).",
    "429": "Too many requests; slow down.",
}
# Answered only by writes that send a body (415), delete rows (409), or take If-Match.
BODY_ONLY = {"415"}
DELETING_ONLY = {"409"}
PRECONDITION_ONLY = {"412", "428"}


def _takes_if_match(operation: dict) -> bool:
    return any(
        parameter.get("in") == "header" and parameter.get("name", "").lower() == "if-match"
        for parameter in operation.get("parameters", ())
    )


def _deletes(path: str, method: str) -> bool:
    return method == "delete" or path.endswith("/merge/")


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            if method == "get" and operation.get("security") and {} not in operation["security"]:
                operation["security"].append({})  # reading needs no account
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                if code in BODY_ONLY and "requestBody" not in operation:
                    continue
                if code in DELETING_ONLY and not _deletes(path, method):
                    continue
                if code in PRECONDITION_ONLY and not _takes_if_match(operation):
                    continue
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return result


SELECTION_NOTE = "Every field is present unless `fields=` leaves it out."


def _resolved_optional(schema, components: dict, seen: frozenset = frozenset()):
    """`schema` with its references inlined and nothing required at any depth: the shape of
    a row that `fields=` may have cut down to any of its columns."""
    if isinstance(schema, list):
        return [_resolved_optional(item, components, seen) for item in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref", "")
    if ref.startswith("#/components/schemas/"):
        name = ref.rsplit("/", 1)[1]
        if name in seen:  # a cycle: leave the reference as it is
            return copy.deepcopy(schema)
        return _resolved_optional(components[name], components, seen | {name})
    return {
        key: _resolved_optional(value, components, seen)
        for key, value in schema.items()
        if key != "required"
    }


def _takes_fields(operation: dict) -> bool:
    return any(
        parameter.get("in") == "query" and parameter.get("name") == "fields"
        for parameter in operation.get("parameters", ())
    )


def selectable_list_items(result, generator, request, public):
    """A list that takes `fields=` lists rows of only the fields named: its items follow a
    `…Selection` schema, the row's with no field required, while the details keep theirs."""
    components = result.setdefault("components", {}).setdefault("schemas", {})
    for path_item in result.get("paths", {}).values():
        operation = path_item.get("get")
        if not operation or not _takes_fields(operation):
            continue
        content = operation.get("responses", {}).get("200", {}).get("content", {})
        ref = content.get("application/json", {}).get("schema", {}).get("$ref", "")
        page = components.get(ref.rsplit("/", 1)[-1]) if ref else None
        items = (page or {}).get("properties", {}).get("results", {}).get("items", {})
        item_ref = items.get("$ref", "")
        if not item_ref:
            continue
        name = item_ref.rsplit("/", 1)[1]
        selection = f"{name}Selection"
        if selection not in components:
            schema = _resolved_optional(components[name], components, frozenset({name}))
            schema["description"] = " ".join(
                filter(None, (schema.get("description"), SELECTION_NOTE))
            )
            components[selection] = schema
        items["$ref"] = f"#/components/schemas/{selection}"
    return result


class StrictWriteSerializerExtension(OpenApiSerializerExtension):
    """A write body takes its declared fields only (the server answers 400 for any other),
    and a PATCH body the reason and at least one field to change."""

    target_class = "facts.api.serializers.StrictWriteSerializer"
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        if direction == "request":
            schema["additionalProperties"] = False
            if is_patched_serializer(self.target, direction):
                always = list(self.target.required_on_patch)
                schema["required"] = always
                schema["minProperties"] = len(always) + 1
        return schema


class UniqueListFieldExtension(OpenApiSerializerFieldExtension):
    target_class = "facts.api.serializers.UniqueListField"

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        return {**schema, "uniqueItems": True}


class StrictOrderingFilterExtension(OpenApiFilterExtension):
    """Document `ordering` as the closed list of values the filter accepts."""

    target_class = "facts.api.ordering.StrictOrderingFilter"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        return self.target.get_schema_operation_parameters(auto_schema.view)
