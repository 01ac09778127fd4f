"""Readers by format name, and the file suffixes and media types each one reads.

A reader is a function from an input's bytes (and what came with them: `Received`) to its text
and any metadata the format states, registered under a format name with the suffixes and HTTP
media types it claims. A new format is a new module with one registered function, imported by
`facts.ingest.reading`; nothing else changes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from facts.ingest.reading.document import ReadError, Received


@dataclass(frozen=True)
class Decoded:
    """A reader's result: the text, and what the format states about the article.
    `media_type` is set when the bytes are to be kept as a snapshot (web pages): the media
    type with the charset they were decoded with."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    media_type: str = ""


Decoder = Callable[[bytes, Received], Decoded]
READERS: dict[str, Decoder] = {}
FORMAT_BY_SUFFIX: dict[str, str] = {}
FORMAT_BY_MEDIA_TYPE: dict[str, str] = {}


def register(
    name: str, *, suffixes: tuple[str, ...], media_types: tuple[str, ...] = ()
) -> Callable[[Decoder], Decoder]:
    """Register the decorated function as the reader of format `name` (suffixes lower-case,
    with their dot; "" for files without one; media types as HTTP names them)."""

    def add(decoder: Decoder) -> Decoder:
        for claims, keys in ((FORMAT_BY_SUFFIX, suffixes), (FORMAT_BY_MEDIA_TYPE, media_types)):
            for key in keys:
                claimed = claims.setdefault(key, name)
                if claimed != name:
                    raise ValueError(f"{key!r} is read as {claimed!r} already")
        READERS[name] = decoder
        return decoder

    return add


def article_suffixes() -> set[str]:
    """The suffixes of the files a folder import picks up."""
    return {suffix for suffix in FORMAT_BY_SUFFIX if suffix}


def media_types() -> set[str]:
    """The media types a fetched page may have."""
    return set(FORMAT_BY_MEDIA_TYPE)


def format_for(name: str, media_type: str = "") -> str:
    """The format of an input: its media type when it came over HTTP, else its suffix."""
    if media_type:
        if media_type not in FORMAT_BY_MEDIA_TYPE:
            supported = ", ".join(sorted(FORMAT_BY_MEDIA_TYPE))
            raise ReadError(f"unsupported content type '{media_type}' (supported: {supported})")
        return FORMAT_BY_MEDIA_TYPE[media_type]
    suffix = PurePath(name).suffix.lower()
    if suffix not in FORMAT_BY_SUFFIX:
        supported = ", ".join(sorted(article_suffixes()))
        raise ReadError(f"unsupported file type '{suffix}' (supported: {supported})")
    return FORMAT_BY_SUFFIX[suffix]
