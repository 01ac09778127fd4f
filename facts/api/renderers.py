"""Renderers: orjson for JSON (the same bytes DRF's encoder would give, several times
faster), and the export formats, which stream their own bodies."""

import orjson
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_DRF_ENCODER = JSONEncoder()
# Datetimes go through DRF's encoder ("Z" for UTC), so the bytes stay the same as DRF's.
_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
# DRF escapes these two so a response is also safe inside a <script> block; so do we.
_LINE_SEPARATORS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))


def json_bytes(data) -> bytes:
    body = orjson.dumps(data, default=_DRF_ENCODER.default, option=_OPTIONS)
    for raw, escaped in _LINE_SEPARATORS:
        if raw in body:
            body = body.replace(raw, escaped)
    return body


class FastJSONRenderer(JSONRenderer):
    """JSONRenderer through orjson; an `indent` asked for in the Accept header still works."""

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        return json_bytes(data)


class GeoJSONRenderer(FastJSONRenderer):
    """GeoJSON's own media type (RFC 7946), so that a client asking for it is answered; an
    error is then plain JSON in that type."""

    media_type = "application/geo+json"
    format = "geojson"


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only errors reach a renderer (exports stream their own body): keep them JSON.
        return data if isinstance(data, bytes) else json_bytes(data)


class JSONLinesRenderer(BaseRenderer):
    media_type = "application/x-ndjson"
    format = "jsonl"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json_bytes(data) + b"\n"


# The Web Annotation profile of JSON-LD (W3C Web Annotation Protocol, section 4).
ANNOTATION_PROFILE = "http://www.w3.org/ns/anno.jsonld"
ANNOTATION_MEDIA_TYPE = f'application/ld+json; profile="{ANNOTATION_PROFILE}"'


def _plain_json(renderer_context) -> None:
    """Label the body being rendered plain JSON: errors and OPTIONS metadata are not the
    resource's own format, and the schema promises `application/json` for them."""
    response = (renderer_context or {}).get("response")
    if response is not None:
        response["Content-Type"] = "application/json"


class AnnotationRenderer(FastJSONRenderer):
    """JSON-LD in the Web Annotation profile, which the protocol says responses should name
    in their Content-Type whatever form of `application/ld+json` was asked for. Only a
    JSON-LD document (one with an `@context`) is labelled so."""

    media_type = "application/ld+json"
    format = "jsonld"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and "@context" in data:
            response = (renderer_context or {}).get("response")
            if response is not None:
                response["Content-Type"] = ANNOTATION_MEDIA_TYPE
        else:
            _plain_json(renderer_context)
        return super().render(data, accepted_media_type, renderer_context)


class PlainTextRenderer(BaseRenderer):
    """A text as it is stored, encoded in UTF-8 and nothing else (no BOM, no added newline),
    so that offsets counted in code points land on the same characters."""

    media_type = "text/plain"
    format = "txt"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, str):
            return data.encode("utf-8")
        _plain_json(renderer_context)
        return json_bytes(data)
