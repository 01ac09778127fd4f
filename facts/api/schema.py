"""OpenAPI post-processing: every operation documents the errors it can answer with."""

from drf_spectacular.extensions import OpenApiFilterExtension

ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
ERRORS = {
    "400": "Invalid input; field-level messages by field name (on lists and exports also a "
    "query parameter the operation does not read, a single-valued one given twice, or a "
    "country or actor that names none).",
    "401": "Authentication required for this write.",
    "403": "Your role does not allow this.",
    "404": "Not found (or not visible to you).",
    "405": "Method not allowed.",
    "406": "Only JSON is served.",
    "409": "Other records depend on this one.",
    "412": "The object changed since you read it (stale If-Match).",
    "415": "Send JSON.",
    "428": "Writes need an If-Match header.",
    "429": "Too many requests; slow down.",
}
WRITE_ONLY = {"409", "412", "415", "428"}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if method == "get" and operation.get("security") and {} not in operation["security"]:
                operation["security"].append({})  # reading needs no account
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                if code in WRITE_ONLY and method == "get":
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


class StrictOrderingFilterExtension(OpenApiFilterExtension):
    """Document `ordering` as the closed list of values the filter accepts."""

    target_class = "facts.api.ordering.StrictOrderingFilter"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema, *args, **kwargs):
        return self.target.get_schema_operation_parameters(auto_schema.view)
