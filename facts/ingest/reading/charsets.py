"""Bytes to text for web pages, with the encoding the bytes state, and saying which one.

The order is the one browsers follow (the WHATWG encoding rules), because a page is written
for them: a byte-order mark; the charset the server sent; the page's own declaration (`<meta
charset>`, the http-equiv Content-Type, an XML declaration); UTF-8, which most pages are;
and only then detection (charset_normalizer). A stated charset that the bytes contradict (a
page sent as UTF-8 that is Windows-1252) is passed over for the next witness rather than
decoded with replacement characters: a quote must be the page's words. The charset used is
returned, and stored with the page's snapshot, so a guess is never silent.
"""

import codecs
import re

from charset_normalizer import from_bytes

from facts.ingest.reading.document import ReadError

# Browsers read these labels as the Windows code page that extends them (WHATWG Encoding):
# pages labelled ISO-8859-1 use Windows-1252's curly quotes and dashes in 0x80-0x9F, which
# Latin-1 would read as control characters.
_AS_BROWSERS_READ = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gbk",
}
# A page cannot be UTF-16 by its own words: it could not have been read to find them.
_NOT_FROM_THE_PAGE = {"utf-16", "utf-16-le", "utf-16-be"}
# Where a page declares its encoding; browsers look in the first 1,024 bytes, pages written
# carelessly put a long comment or script first, so a little further.
_PRESCAN_BYTES = 4096
_DECLARED = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*(?P<meta>[\w.:+-]+)"""
    rb"""|^\s*<\?xml[^>]*?encoding\s*=\s*["'](?P<xml>[\w.:+-]+)""",
    re.I,
)


def declared_charset(raw: bytes) -> str:
    """The charset a page declares in its head (a meta element or an XML declaration)."""
    match = _DECLARED.search(raw[:_PRESCAN_BYTES])
    if match is None:
        return ""
    return (match.group("meta") or match.group("xml")).decode("ascii", "replace")


def codec_for(label: str) -> str | None:
    """The Python codec for a charset label, as browsers read it; None for an unknown one."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    return _AS_BROWSERS_READ.get(name, name)


def charset_name(codec: str) -> str:
    """How a charset is written in a Content-Type: "utf-8", "windows-1252"."""
    name = codecs.lookup(codec).name
    if name == "utf-8-sig":
        return "utf-8"
    if re.fullmatch(r"cp125\d", name):
        return "windows-" + name[2:]
    return name


def decode_page(raw: bytes, *, sent: str = "", in_page: bool = True) -> tuple[str, str]:
    """The text of a page and the charset it was read with (see the module's docstring).
    `sent` is the server's charset; `in_page` looks for the page's own declaration."""
    # (A UTF-16 page never gets here: its NUL bytes are refused as binary before any reader.)
    if raw.startswith(codecs.BOM_UTF8):
        return _decoded(raw, "utf-8-sig")
    stated = [(sent, False)] + ([(declared_charset(raw), True)] if in_page else [])
    for label, from_page in stated:
        codec = codec_for(label) if label else None
        if codec in _NOT_FROM_THE_PAGE and from_page:
            codec = "utf-8"
        if codec is not None and (decoded := _try(raw, codec)) is not None:
            return decoded
    if (decoded := _try(raw, "utf-8")) is not None:
        return decoded
    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise ReadError(
            "the page's character encoding cannot be told (none stated that fits the bytes, "
            "not UTF-8, and detection found none)"
        )
    return str(best), charset_name(best.encoding)


def _try(raw: bytes, codec: str) -> tuple[str, str] | None:
    try:
        return _decoded(raw, codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _decoded(raw: bytes, codec: str) -> tuple[str, str]:
    return raw.decode(codec), charset_name(codec)
