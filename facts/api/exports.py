"""Streamed CSV and JSON Lines: memory stays flat however many rows are exported."""

import csv
import io
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

from facts.api.renderers import json_bytes
from facts.choices import ReviewStatus

CHUNK = 500

CLAIM_COLUMNS = [
    ("id", lambda d: d["id"]),
    ("url", lambda d: d["url"]),
    ("statement", lambda d: d["statement"]),
    ("status", lambda d: d["status"]),
    ("credibility", lambda d: d["credibility"]),
    ("subject", lambda d: (d["subject"] or {}).get("slug", "")),
    ("predicate", lambda d: d["predicate"]),
    ("object_actor", lambda d: (d["object_actor"] or {}).get("slug", "")),
    ("object_country", lambda d: (d["object_country"] or {}).get("code", "")),
    ("object_value", lambda d: d["object_value"]),
    ("event", lambda d: (d["event"] or {}).get("slug", "")),
    ("date_start", lambda d: d["date"]["start"]),
    ("date_end", lambda d: d["date"]["end"]),
    ("date_precision", lambda d: d["date"]["precision"]),
    ("date_text", lambda d: d["date"]["text"]),
    ("countries", lambda d: ";".join(c["code"] for c in d["countries"])),
    ("actors", lambda d: ";".join(a["slug"] for a in d["actors"])),
    ("claimant", lambda d: (d["claimant"] or {}).get("slug", "") or d["claimant_text"]),
    ("reported_via", lambda d: d["reported_via"]),
    ("quote", lambda d: d["quote"]["exact"]),
    ("quote_start", lambda d: d["quote"]["start"]),
    ("quote_end", lambda d: d["quote"]["end"]),
    ("article_id", lambda d: d["article"]["id"]),
    ("article_title", lambda d: d["article"]["title"]),
    ("article_reliability", lambda d: d["article"]["reliability"]),
    ("corroborating_articles", lambda d: d["corroborating_articles"]),
    ("updated_at", lambda d: d["updated_at"]),
]


def _participant(part: dict) -> str:
    """actor-slug:role, and the review status after it unless verified (only a role is shown
    participants that are not)."""
    text = f"{part['actor']['slug']}:{part['role']}"
    return text if part["status"] == ReviewStatus.VERIFIED else f"{text}:{part['status']}"


EVENT_COLUMNS = [
    ("id", lambda d: d["id"]),
    ("url", lambda d: d["url"]),
    ("slug", lambda d: d["slug"]),
    ("kind", lambda d: d["kind"]),
    ("title", lambda d: d["title"]),
    ("date_start", lambda d: d["date"]["start"]),
    ("date_end", lambda d: d["date"]["end"]),
    ("date_precision", lambda d: d["date"]["precision"]),
    ("date_text", lambda d: d["date"]["text"]),
    ("countries", lambda d: ";".join(c["code"] for c in d["countries"])),
    ("place", lambda d: (d["place"] or {}).get("name", "")),
    ("place_slug", lambda d: (d["place"] or {}).get("slug", "")),
    ("admin1", lambda d: (d["admin1"] or {}).get("name", "")),
    ("admin2", lambda d: (d["admin2"] or {}).get("name", "")),
    ("location", lambda d: d["location"]),
    ("latitude", lambda d: d["latitude"]),
    ("longitude", lambda d: d["longitude"]),
    ("location_precision", lambda d: d["location_precision"]),
    ("geo_precision", lambda d: d["geo_precision"]),
    ("where_prec", lambda d: d["where_prec"]),
    ("fatalities_low", lambda d: d["fatalities_low"]),
    ("fatalities_best", lambda d: d["fatalities_best"]),
    ("fatalities_high", lambda d: d["fatalities_high"]),
    ("participants", lambda d: ";".join(_participant(p) for p in d["participants"])),
    ("acled_event_type", lambda d: d["taxonomy"]["acled_event_type"]),
    ("plover", lambda d: d["taxonomy"]["plover"]),
    ("status", lambda d: d["status"]),
    ("updated_at", lambda d: d["updated_at"]),
]
COLUMNS = {"claim": CLAIM_COLUMNS, "event": EVENT_COLUMNS}


# A cell a spreadsheet would read as a formula (OWASP "CSV injection"): quoted text from an
# article or a curator's note must never run as =HYPERLINK(…) or @SUM(…) when opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(value) -> object:
    """Text that opens with a formula character gets a leading apostrophe, which spreadsheets
    show as text; numbers, dates and every other value are written as they are."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_lines(rows: Iterable[dict], columns) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _ in columns])
    for row in rows:
        writer.writerow([spreadsheet_safe(get(row)) for _, get in columns])
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _jsonl_lines(rows: Iterable[dict]) -> Iterator[bytes]:
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


def stream(rows: Iterable[dict], *, fmt: str, model_name: str, filename: str):
    if fmt == "csv":
        body, content_type = _csv_lines(rows, COLUMNS[model_name]), "text/csv; charset=utf-8"
    else:
        body, content_type = _jsonl_lines(rows), "application/x-ndjson; charset=utf-8"
    response = StreamingHttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
