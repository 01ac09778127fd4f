"""A release: the published record (every object an anonymous reader is shown) written to a
folder as JSON Lines and CSV per resource, with `manifest.json` and `SHA256SUMS`, to cite,
archive and compare.

The rows are the API's own: each resource's viewset gives the queryset a reader without an
account gets, and its serializer or representation functions give the rows, so a file holds
what the API's list or export gives that reader, in the order of the resource's key. The CSV
columns are those of facts.api.columns. The folder appears whole or not at all: it is
written beside its destination under a hidden name and renamed into place.
"""

import csv
import hashlib
import io
import json
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from facts.api import columns as c
from facts.api import views as v
from facts.api.exports import CHUNK, csv_cells
from facts.api.renderers import json_bytes

MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
# Bytes written to a file at a time: memory stays flat however many rows there are.
BLOCK = 64_000


class ReleaseError(Exception):
    """A release that cannot be written, with the reason for the person running it."""


class Reader:
    """What the serializers and representations ask of a request: who reads (nobody signed
    in), and the site's address, which URLs start with (paths alone without one)."""

    def __init__(self, base_url: str = ""):
        self.user = AnonymousUser()
        self.base_url = base_url.rstrip("/")

    def build_absolute_uri(self, location: str) -> str:
        return self.base_url + location


@dataclass(frozen=True)
class Resource:
    name: str  # the API's: the files are NAME.jsonl and NAME.csv
    viewset: type
    table: c.Table
    order: tuple[str, ...]


def resources(*, with_text: bool = False) -> tuple[Resource, ...]:
    return (
        Resource("countries", v.CountryViewSet, c.COUNTRY_TABLE, ("alpha3",)),
        Resource("actors", v.ActorViewSet, c.ACTOR_TABLE, ("id",)),
        Resource("places", v.PlaceViewSet, c.PLACE_TABLE, ("slug",)),
        Resource(
            "articles",
            v.ArticleViewSet,
            c.ARTICLE_TEXT_TABLE if with_text else c.ARTICLE_TABLE,
            ("id",),
        ),
        Resource("events", v.EventViewSet, c.EVENT, ("id",)),
        Resource("claims", v.ClaimViewSet, c.CLAIM, ("id",)),
        Resource("claim-links", v.ClaimLinkViewSet, c.CLAIM_LINK_TABLE, ("id",)),
    )


def resource_rows(resource: Resource, reader: Reader, *, with_text: bool = False) -> Iterator[dict]:
    """The resource's rows as the API gives them to `reader`, a chunk at a time."""
    # A detail's serializer for articles with their text; the list's for everything else.
    action = "retrieve" if with_text and resource.name == "articles" else "list"
    view = resource.viewset(request=reader, action=action, format_kwarg=None, args=(), kwargs={})
    queryset = view.get_queryset().order_by(*resource.order)
    if hasattr(view, "export_representations"):
        yield from view.export_representations(queryset)  # the export's own path
        return
    serializer = view.get_serializer_class()
    context = view.get_serializer_context()
    objects = queryset.iterator(CHUNK)
    while chunk := list(islice(objects, CHUNK)):
        yield from serializer(chunk, many=True, context=context).data


def write_files(path_jsonl: Path, path_csv: Path, rows: Iterable[dict], table: c.Table) -> int:
    """The rows into a JSON Lines and a CSV file in one pass (the CSV in the dialect and
    cells of the API's export, facts.api.exports.csv_lines); answers how many."""
    with path_jsonl.open("wb") as jsonl, path_csv.open("w", encoding="utf-8", newline="") as out:
        jsonl_block: list[bytes] = []
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(table.header())
        count = 0
        for row in rows:
            jsonl_block.append(json_bytes(row) + b"\n")
            writer.writerow(csv_cells(row, table))
            count += 1
            if buffer.tell() > BLOCK:
                jsonl.write(b"".join(jsonl_block))
                out.write(buffer.getvalue())
                jsonl_block = []
                buffer.seek(0)
                buffer.truncate()
        jsonl.write(b"".join(jsonl_block))
        out.write(buffer.getvalue())
    return count


@contextmanager
def snapshot() -> Iterator[None]:
    """One transaction for the whole release, so that every file reads the same state: a
    claim verified while it is written is in all of them or in none. PostgreSQL is asked
    for one snapshot (REPEATABLE READ); SQLite reads one within a transaction anyway."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while block := data.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def schema_version() -> str:
    """The latest migration of the facts app the database has, as "facts.NNNN_name"; a
    database that lacks some of the code's migrations is refused."""
    executor = MigrationExecutor(connection)
    missing = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if missing:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _ in missing[:5])
        raise ReleaseError(
            f"The database lacks {len(missing)} migration(s) ({names}): run ./manage.py "
            "migrate first, so the release matches the code's schema."
        )
    applied = [name for app, name in executor.loader.applied_migrations if app == "facts"]
    return f"facts.{max(applied)}"


def _checked_destination(outdir: Path, force: bool) -> Path:
    outdir = outdir.expanduser().absolute()
    if not outdir.parent.is_dir():
        raise ReleaseError(f"There is no folder {outdir.parent} to write the release in.")
    if outdir.exists() or outdir.is_symlink():
        if not outdir.is_dir() or outdir.is_symlink():
            raise ReleaseError(f"{outdir} exists and is not a folder.")
        if any(outdir.iterdir()):
            if not force:
                raise ReleaseError(f"{outdir} is not empty: give --force to replace it.")
            # Replacing deletes the folder: a mistyped path must not cost someone their files.
            if not (outdir / MANIFEST).is_file():
                raise ReleaseError(
                    f"{outdir} holds files but no {MANIFEST}: --force replaces an earlier "
                    "release only; give an empty or new folder."
                )
    return outdir


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def write_release(
    *,
    outdir: Path,
    released_at: datetime,
    base_url: str = "",
    force: bool = False,
    with_text: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> dict:
    """Write the release to `outdir` (refused when it holds anything, unless `force` and it
    holds an earlier release, which is then replaced) and answer its manifest. `released_at`
    is recorded as given (a moment with its time zone); `base_url` starts every URL in it
    (paths alone without one)."""
    if released_at.tzinfo is None:
        raise ReleaseError("Give the release time with its time zone (…Z or +01:00).")
    outdir = _checked_destination(Path(outdir), force)
    staging = outdir.with_name(f".{outdir.name}.{secrets.token_hex(4)}.partial")
    staging.mkdir()
    try:
        manifest = _write_all(staging, released_at, base_url, with_text, progress)
        _swap(staging, outdir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def _write_all(
    folder: Path,
    released_at: datetime,
    base_url: str,
    with_text: bool,
    progress: Callable[[str, int], None] | None,
) -> dict:
    reader = Reader(base_url)
    files = []
    with snapshot():
        schema = schema_version()
        for resource in resources(with_text=with_text):
            rows = resource_rows(resource, reader, with_text=with_text)
            jsonl, table = folder / f"{resource.name}.jsonl", folder / f"{resource.name}.csv"
            count = write_files(jsonl, table, rows, resource.table)
            for path, fmt in ((jsonl, "jsonl"), (table, "csv")):
                files.append(
                    {
                        "path": path.name,
                        "resource": resource.name,
                        "format": fmt,
                        "rows": count,
                        "bytes": path.stat().st_size,
                        "sha256": sha256_of(path),
                    }
                )
            if progress is not None:
                progress(resource.name, count)
    manifest = {
        "title": "Sahel Facts: the published record",
        "released_at": _iso(released_at),
        "schema": schema,
        "api": "/api/v1/",
        "base_url": base_url or None,
        "reader": "anonymous: what /api/v1/ shows a reader without an account (verified "
        "claims, verified events and the records they rest on)",
        "columns": "CSV columns are the JSON paths joined with dots; lists are joined with "
        "';' (countries by code, actors by slug, participants as slug:role)",
        "files": files,
    }
    (folder / MANIFEST).write_bytes(
        json.dumps(manifest, indent=2, ensure_ascii=False).encode() + b"\n"
    )
    sums = [(entry["sha256"], entry["path"]) for entry in files]
    sums.append((sha256_of(folder / MANIFEST), MANIFEST))
    # The format `sha256sum -c SHA256SUMS` reads: the digest, two spaces, the file's name.
    (folder / CHECKSUMS).write_text("".join(f"{digest}  {name}\n" for digest, name in sums))
    return manifest


def _swap(staging: Path, outdir: Path) -> None:
    """Put the finished folder in place: a rename, or two when it replaces an old release
    (which is put back if the second fails)."""
    if not outdir.exists():
        staging.rename(outdir)
        return
    old = outdir.with_name(f".{outdir.name}.{secrets.token_hex(4)}.old")
    outdir.rename(old)
    try:
        staging.rename(outdir)
    except BaseException:
        old.rename(outdir)
        raise
    shutil.rmtree(old)
