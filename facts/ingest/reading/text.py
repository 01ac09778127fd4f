"""The plain-text reader: UTF-8 files, with or without a byte-order mark."""

import unicodedata

from facts.ingest.reading.document import ReadError
from facts.ingest.reading.registry import Decoded, register


@register("text", suffixes=(".txt", ".text", ""))
def decode_plain_text(raw: bytes) -> Decoded:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "re-encode the file as UTF-8"
        ) from None
    return Decoded(text)


def normalize_text(text: str) -> str:
    """NFC, Unix line ends, no trailing spaces: the same article always gives the same text."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    return "\n".join(line.rstrip() for line in text.split("\n"))
