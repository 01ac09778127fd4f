"""Where articles come from: files, folders (recursively), standard input and web addresses."""

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from facts.ingest.reading.document import NOTHING_RECEIVED, ReadError, Received
from facts.ingest.reading.fetch import DEFAULT_POLICY, FetchPolicy, fetch, is_address
from facts.ingest.reading.registry import article_suffixes

STDIN = "-"


@dataclass(frozen=True)
class Source:
    name: str
    path: Path | None  # None for standard input and web pages
    problem: str = ""  # found while listing (an unreadable folder, a link leading outside)
    url: str = ""  # a web page's address
    fetch_policy: FetchPolicy = DEFAULT_POLICY
    # The bytes themselves, read elsewhere (a queued import job carries its file's bytes).
    content: bytes | None = None

    def receive(self, max_bytes: int) -> tuple[bytes, Received]:
        """The input's bytes and what came with them (a fetched page's content type and
        addresses; nothing for a file)."""
        if self.url and not self.problem:
            return fetch(self.url, max_bytes=max_bytes, policy=self.fetch_policy)
        return self.read_bytes(max_bytes), NOTHING_RECEIVED

    def read_bytes(self, max_bytes: int) -> bytes:
        """At most max_bytes + 1 bytes: enough to tell an over-size file without reading it all."""
        if self.problem:
            raise ReadError(self.problem)
        if self.content is not None:
            return self.content[: max_bytes + 1]
        if self.url:
            return self.receive(max_bytes)[0]
        if self.path is None:
            return sys.stdin.buffer.read(max_bytes + 1)
        try:
            if not self.path.exists():
                raise ReadError("no such file")
            if not self.path.is_file():
                raise ReadError("not a regular file")
            before = self.path.stat()
            with self.path.open("rb") as handle:
                raw = handle.read(max_bytes + 1)
            after = self.path.stat()
        except OSError as error:
            raise ReadError(f"cannot be read: {error.strerror or error}") from error
        if (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns):
            # Half a file would be stored as one article and the whole one later as another.
            raise ReadError("changed while it was being read (still being written?): try again")
        return raw


def expand_paths(paths: list[str], *, fetch_policy: FetchPolicy | None = None) -> Iterator[Source]:
    """Files as given, folders as their article files in name order, "-" as stdin, and
    http:// or https:// addresses as web pages, fetched within `fetch_policy` when read.

    A path that does not exist, a folder that cannot be read and a symbolic link that leads
    out of the folder given are still yielded, with the problem, so they are reported as
    failed, never skipped without a word or followed.
    """
    for raw in paths:
        if raw == STDIN:
            yield Source("<stdin>", None)
            continue
        if is_address(raw):
            yield Source(raw, None, url=raw, fetch_policy=fetch_policy or DEFAULT_POLICY)
            continue
        path = Path(raw)
        try:
            is_dir = path.is_dir()
        except OSError as error:
            yield Source(_display(path), path, f"cannot be read: {error.strerror or error}")
            continue
        if is_dir:
            yield from _folder(path)
        else:
            yield Source(_display(path), path)


def _folder(root: Path) -> Iterator[Source]:
    problems: list[Source] = []

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or root)
        problems.append(
            Source(_display(where), where, f"folder cannot be read: {error.strerror or error}")
        )

    found: list[Source] = []
    inside = root.resolve()
    for folder, _, files in os.walk(root, onerror=unreadable, followlinks=False):
        for name in files:
            child = Path(folder) / name
            if child.suffix.lower() not in article_suffixes() or name.startswith("."):
                continue
            problem = ""
            if child.is_symlink() and not child.resolve().is_relative_to(inside):
                problem = f"a symbolic link to {child.resolve()}, outside {root}: not followed"
            found.append(Source(_display(child), child, problem))
    yield from sorted(found + problems, key=lambda source: source.path or Path())


def _display(path: Path) -> str:
    """A short name for reports: relative to the working folder when inside it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative
