"""Readers by format name, and the file suffixes each one reads.

A reader is a function from an input's bytes to its text (and any metadata the format states),
registered under a format name with the suffixes it claims. A new format is a new module with
one registered function, imported by `facts.ingest.reading`; nothing else changes.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from facts.ingest.reading.document import ReadError


@dataclass(frozen=True)
class Decoded:
    """A reader's result: the text, and what the format states about the article."""

    text: str
    metadata: dict[str, str] = field(default_factory=dict)


Decoder = Callable[[bytes], Decoded]
READERS: dict[str, Decoder] = {}
FORMAT_BY_SUFFIX: dict[str, str] = {}


def register(name: str, *, suffixes: tuple[str, ...]) -> Callable[[Decoder], Decoder]:
    """Register the decorated function as the reader of format `name` (suffixes lower-case,
    with their dot; "" for files without one)."""

    def add(decoder: Decoder) -> Decoder:
        for suffix in suffixes:
            claimed = FORMAT_BY_SUFFIX.setdefault(suffix, name)
            if claimed != name:
                raise ValueError(f"suffix {suffix!r} is read as {claimed!r} already")
        READERS[name] = decoder
        return decoder

    return add


def article_suffixes() -> set[str]:
    """The suffixes of the files a folder import picks up."""
    return {suffix for suffix in FORMAT_BY_SUFFIX if suffix}


def format_for(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    if suffix not in FORMAT_BY_SUFFIX:
        supported = ", ".join(sorted(article_suffixes()))
        raise ReadError(f"unsupported file type '{suffix}' (supported: {supported})")
    return FORMAT_BY_SUFFIX[suffix]
