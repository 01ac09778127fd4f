"""Renderers that let the export actions be negotiated; the actions stream their own bodies."""

from rest_framework.renderers import BaseRenderer


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        import json

        # Only errors reach a renderer (exports stream their own body): keep them JSON.
        return data if isinstance(data, bytes) else json.dumps(data, default=str).encode()


class JSONLinesRenderer(BaseRenderer):
    media_type = "application/x-ndjson"
    format = "jsonl"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        import json

        return (json.dumps(data, default=str) + "\n").encode()
