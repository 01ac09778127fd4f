"""Streamed CSV and JSON Lines: memory stays flat however many rows are exported."""

import csv
import io
import re
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

from facts.api.columns import TABLES, Selection, Table, projected
from facts.api.renderers import json_bytes

CHUNK = 500

# A cell a spreadsheet would read as a formula (OWASP "CSV injection"): quoted text from an
# article or a curator's note must never run as =HYPERLINK(…) or @SUM(…) when opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# A decimal the API writes as text (a negative longitude): a number to a spreadsheet, never a
# formula, so it keeps its sign.
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def spreadsheet_safe(value) -> object:
    """Text that opens with a formula character gets a leading apostrophe, which spreadsheets
    show as text; null is an empty cell, true and false are written as JSON writes them, and
    numbers, dates and every other value as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def csv_cells(row: dict, table: Table, chosen: Selection | None = None) -> list:
    return [spreadsheet_safe(cell) for cell in table.cells(row, chosen)]


def csv_lines(rows: Iterable[dict], table: Table, chosen: Selection | None = None) -> Iterator[str]:
    """The table's header, then a line per row, in blocks of about 64 kB."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.header(chosen))
    for row in rows:
        writer.writerow(csv_cells(row, table, chosen))
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def jsonl_lines(rows: Iterable[dict]) -> Iterator[bytes]:
    # Lines are sent in blocks of about 64 kB: one write per row would dominate the time.
    block: list[bytes] = []
    size = 0
    for row in rows:
        line = json_bytes(row) + b"\n"
        block.append(line)
        size += len(line)
        if size > 64_000:
            yield b"".join(block)
            block, size = [], 0
    yield b"".join(block)


def _geojson_chunks(features: Iterable[dict], limit: int | None) -> Iterator[bytes]:
    # One FeatureCollection, written as it is read: the features in blocks of about 64 kB.
    # Past `limit` features it stops and says so in a member of its own ("truncated", which
    # RFC 7946 allows as a foreign member): readers of the map are told to narrow it.
    block: list[bytes] = [b'{"type":"FeatureCollection","features":[']
    size, truncated = 0, False
    for written, feature in enumerate(features):
        if limit is not None and written == limit:
            truncated = True
            break
        line = (b",\n" if written else b"\n") + json_bytes(feature)
        block.append(line)
        size += len(line)
        if size > 64_000:
            yield b"".join(block)
            block, size = [], 0
    block.append(b'\n],"truncated":' + (b"true" if truncated else b"false") + b"}\n")
    yield b"".join(block)


def stream_geojson(features: Iterable[dict], *, filename: str, limit: int | None = None):
    response = StreamingHttpResponse(
        _geojson_chunks(features, limit), content_type="application/geo+json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.geojson"'
    return response


def stream(
    rows: Iterable[dict],
    *,
    fmt: str,
    model_name: str,
    filename: str,
    chosen: Selection | None = None,
):
    """The rows as a CSV or JSON Lines download, narrowed to the `fields=` chosen."""
    body: Iterator[str] | Iterator[bytes]
    if fmt == "csv":
        body = csv_lines(rows, TABLES[model_name], chosen)
        content_type = "text/csv; charset=utf-8"
    else:
        body = jsonl_lines(projected(rows, chosen))
        content_type = "application/x-ndjson; charset=utf-8"
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
