"""Where articles come from: files, folders (recursively) and standard input."""

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from facts.ingest.reading import FORMAT_BY_SUFFIX, ReadError

ARTICLE_SUFFIXES = {suffix for suffix in FORMAT_BY_SUFFIX if suffix}
STDIN = "-"


@dataclass(frozen=True)
class Source:
    name: str
    path: Path | None  # None for standard input

    def read_bytes(self, max_bytes: int) -> bytes:
        """At most max_bytes + 1 bytes: enough to tell an over-size file without reading it all."""
        if self.path is None:
            return sys.stdin.buffer.read(max_bytes + 1)
        if not self.path.exists():
            raise ReadError("no such file")
        if not self.path.is_file():
            raise ReadError("not a regular file")
        with self.path.open("rb") as handle:
            return handle.read(max_bytes + 1)


def expand_paths(paths: list[str]) -> Iterator[Source]:
    """Files as given, folders as their article files in name order, "-" as stdin.

    A path that does not exist is still yielded, so it is reported as failed, not skipped.
    """
    for raw in paths:
        if raw == STDIN:
            yield Source("<stdin>", None)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in ARTICLE_SUFFIXES and not child.name.startswith("."):
                    yield Source(_display(child), child)
        else:
            yield Source(_display(path), path)


def _display(path: Path) -> str:
    """A short name for reports: relative to the working folder when inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
