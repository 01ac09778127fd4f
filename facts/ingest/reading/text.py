"""The plain-text reader: UTF-8 files, with or without a byte-order mark, and an optional
front-matter block at the top that states the article's metadata:

    ---
    title: Mali orders French troops out
    url: https://example.org/mali
    publisher: Example News
    published: 22 March 2025
    ---

The block is taken off the text and its fields go into `Document.metadata`.

A text file must be UTF-8 (another encoding is refused, never guessed). Plain text fetched
over HTTP is read in the charset the server sent, as a browser would (charsets.py), and its
bytes are kept as the article's snapshot like a web page's.
"""

import re
import unicodedata

from facts.ingest.reading.charsets import decode_page
from facts.ingest.reading.document import ReadError, Received
from facts.ingest.reading.registry import Decoded, register


@register("text", suffixes=(".txt", ".text", ""), media_types=("text/plain",))
def decode_plain_text(raw: bytes, received: Received) -> Decoded:
    if received.media_type:
        text, charset = decode_page(raw, sent=received.charset, in_page=False)
        body, metadata = split_front_matter(text)
        return Decoded(body, metadata, media_type=f"text/plain; charset={charset}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "re-encode the file as UTF-8"
        ) from None
    body, metadata = split_front_matter(text)
    return Decoded(body, metadata)


# The fields a front-matter block may state; other keys are allowed and ignored.
FRONT_MATTER_FIELDS = frozenset({"title", "subtitle", "author", "url", "publisher", "published"})
_FRONT_MATTER_LINES = 40
_FENCE = "---"
_FIELD = re.compile(r"^\s*(?P<key>[A-Za-z][\w-]*)\s*:\s*(?P<value>.*?)\s*$")


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """The text without its front-matter block, and the block's fields. A text that does not
    open with a well-formed block (a "---" line, "key: value" lines, a closing "---" within
    40 lines, at least one known field) is returned whole, with no fields."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != _FENCE:
        return text, {}
    end = next(
        (
            i
            for i, line in enumerate(lines[1 : _FRONT_MATTER_LINES + 1], 1)
            if line.strip() == _FENCE
        ),
        None,
    )
    if end is None:
        return text, {}
    fields: dict[str, str] = {}
    for line in lines[1:end]:
        if not line.strip():
            continue
        match = _FIELD.match(line)
        if match is None:
            return text, {}  # not a block of fields: a horizontal rule, say
        key, value = match.group("key").lower(), match.group("value")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1].strip()
        if key in FRONT_MATTER_FIELDS and value:
            fields[key] = " ".join(value.split())
    if not fields:
        return text, {}
    return "".join(lines[end + 1 :]), fields


def normalize_text(text: str) -> str:
    """NFC, Unix line ends, no trailing spaces: the same article always gives the same text."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))
