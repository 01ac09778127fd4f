"""Step 1: turn bytes into article text, or refuse them with a one-line reason."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePath

DEFAULT_MAX_BYTES = 2_000_000

# Control characters other than tab, newline, carriage return and form feed do not occur in
# prose. Unicode fixes the control characters (category Cc) for good: U+0000-U+001F and
# U+007F-U+009F; one regular expression counts them at C speed.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_RATIO = 0.01


class ReadError(ValueError):
    """The input cannot be imported; the message says why in one line."""


@dataclass(frozen=True)
class SourceDocument:
    name: str
    raw_bytes: bytes
    text: str
    sha256: str
    format: str


def _decode_plain_text(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "re-encode the file as UTF-8"
        ) from None
    return text


# Readers by file format: plain text now; an HTML reader (boilerplate removal, <p> to
# paragraphs) slots in here and the rest of the pipeline is unchanged.
FORMAT_DECODERS = {"text": _decode_plain_text}
FORMAT_BY_SUFFIX = {".txt": "text", ".text": "text", "": "text"}


def format_for(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix not in FORMAT_BY_SUFFIX:
        raise ReadError(f"unsupported file type '{suffix}' (supported: .txt)")
    return FORMAT_BY_SUFFIX[suffix]


def normalize_text(text: str) -> str:
    """NFC, Unix line ends, no trailing spaces: the same article always gives the same text."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def read_document(name: str, raw: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Check and decode one input. Raises ReadError with the reason when it is unusable."""
    if len(raw) == 0:
        raise ReadError("empty file")
    if len(raw) > max_bytes:
        raise ReadError(f"too large (over the limit of {max_bytes:,} bytes; see --max-bytes)")
    nul = raw.find(b"\x00")  # anywhere: a NUL late in a file is no more text than an early one
    if nul >= 0:
        raise ReadError(f"binary file (a NUL byte at offset {nul:,}), not text")
    fmt = format_for(name)
    text = FORMAT_DECODERS[fmt](raw)
    controls = len(_CONTROLS.findall(text))
    if controls > max(2, len(text) * _MAX_CONTROL_RATIO):
        raise ReadError(f"binary file ({controls} control characters), not text")
    text = normalize_text(text)
    if not text.strip():
        raise ReadError("no text (only whitespace)")
    return SourceDocument(
        name=name,
        raw_bytes=raw,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
        format=fmt,
    )
