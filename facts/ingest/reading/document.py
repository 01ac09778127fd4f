"""What a reader hands the analysis: one article's text, whatever format it came in."""

from dataclasses import dataclass, field


class ReadError(ValueError):
    """The input cannot be imported; the message says why in one line."""


@dataclass(frozen=True)
class Received:
    """What came with an input's bytes besides its name: set for a page fetched over HTTP,
    empty for a file (whose suffix names its format and whose bytes state their encoding)."""

    media_type: str = ""  # the response's content type, without parameters ("text/html")
    charset: str = ""  # the response's charset parameter, as sent
    url: str = ""  # where the page was in the end, after any redirects
    fetched_url: str = ""  # the address asked for


NOTHING_RECEIVED = Received()  # a file's: its name and bytes say it all


@dataclass(frozen=True)
class Document:
    """One input, read. `text` is the article as text (NFC, Unix line ends): what cleaning,
    quotes and offsets start from. `raw_bytes` are kept exactly as received, so the stored
    article can always be checked against its source. `metadata` holds what the format itself
    states (a web page's title or author, say; plain text states nothing), by field name.

    `snapshot_type` is set for web pages only ("text/html; charset=windows-1252": the media
    type and the encoding the bytes were read with): their bytes are stored as the article's
    snapshot, since the page itself may change or disappear. `fetched_url` is the address a
    page was fetched from."""

    name: str
    raw_bytes: bytes
    text: str
    sha256: str
    format: str
    metadata: dict[str, str] = field(default_factory=dict)
    snapshot_type: str = ""
    fetched_url: str = ""
