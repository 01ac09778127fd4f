"""Stage 1 of an import, reading: an input's bytes (a file, standard input, a web page) become
a `Document`, or are refused with a one-line reason (`ReadError`).

Checks every format shares (empty, over-size, binary) come first; then the reader registered
for the input's format (by file suffix, or by content type for a fetched page; `registry.py`)
turns the bytes into text, which is normalised (NFC, Unix line ends) so the same article always
gives the same text. `sources.py` lists the inputs (files, folders, stdin, addresses) and
`fetch.py` fetches pages within bounds. Nothing here knows about articles' content or about
the database. A new format is one module with one `@register`ed reader, imported below.
"""

import hashlib
import re
from collections.abc import Mapping
from dataclasses import replace

from facts.ingest.reading import html as _html  # noqa: F401  (registers the web-page reader)
from facts.ingest.reading import text as _text  # noqa: F401  (registers the plain-text reader)
from facts.ingest.reading.document import NOTHING_RECEIVED, Document, ReadError, Received
from facts.ingest.reading.registry import READERS, format_for
from facts.ingest.reading.text import normalize_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "ReadError",
    "Received",
    "normalize_text",
    "read_document",
    "with_supplied",
]

DEFAULT_MAX_BYTES = 2_000_000

# Control characters other than tab, newline, carriage return and form feed do not occur in
# prose. Unicode fixes the control characters (category Cc) for good: U+0000-U+001F and
# U+007F-U+009F; one regular expression counts them at C speed.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_RATIO = 0.01


def read_document(
    name: str,
    raw: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    received: Received = NOTHING_RECEIVED,
) -> Document:
    """Check and decode one input. Raises ReadError with the reason when it is unusable.
    `received` is what came with a fetched page's bytes (its content type, charset and
    addresses)."""
    if len(raw) == 0:
        raise ReadError("empty file")
    if len(raw) > max_bytes:
        raise ReadError(f"too large (over the limit of {max_bytes:,} bytes; see --max-bytes)")
    nul = raw.find(b"\x00")  # anywhere: a NUL late in a file is no more text than an early one
    if nul >= 0:
        raise ReadError(f"binary file (a NUL byte at offset {nul:,}), not text")
    fmt = format_for(name, received.media_type)
    decoded = READERS[fmt](raw, received)
    controls = len(_CONTROLS.findall(decoded.text))
    if controls > max(2, len(decoded.text) * _MAX_CONTROL_RATIO):
        raise ReadError(f"binary file ({controls} control characters), not text")
    text = normalize_text(decoded.text)
    if not text.strip():
        raise ReadError("no text (only whitespace)")
    return Document(
        name=name,
        raw_bytes=raw,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        format=fmt,
        # A fetched page's address, unless it states a better one (its canonical address).
        metadata={"url": received.url, **decoded.metadata} if received.url else decoded.metadata,
        snapshot_type=decoded.media_type,
        fetched_url=received.fetched_url,
    )


def with_supplied(document: Document, supplied: Mapping[str, str]) -> Document:
    """`document` with metadata supplied for a whole import (`--published`, `--publisher`):
    they fill in what the file itself does not state (its front matter is more specific)."""
    if not supplied:
        return document
    return replace(document, metadata={**supplied, **document.metadata})
