"""What a reader hands the analysis: one article's text, whatever format it came in."""

from dataclasses import dataclass, field


class ReadError(ValueError):
    """The input cannot be imported; the message says why in one line."""


@dataclass(frozen=True)
class Document:
    """One input, read. `text` is the article as text (NFC, Unix line ends): what cleaning,
    quotes and offsets start from. `raw_bytes` are kept exactly as received, so the stored
    article can always be checked against its source. `metadata` holds what the format itself
    states (a web page's title or author, say; plain text states nothing), by field name."""

    name: str
    raw_bytes: bytes
    text: str
    sha256: str
    format: str
    metadata: dict[str, str] = field(default_factory=dict)
