"""`release_dump`: the published record as files, with a manifest and checksums that verify;
as many rows per resource as the API lists to a reader without an account; the events and
claims files equal to the API's exports; nothing unpublished; refused over a folder that
holds files unless forced, and never left half-written."""

import csv
import hashlib
import io
import json
import shutil
import subprocess
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db.migrations.recorder import MigrationRecorder
from rest_framework.test import APIClient

from facts.api import release
from facts.api.columns import CLAIM, EVENT
from facts.choices import ReviewStatus
from facts.models import Claim, Event
from tests.base import make_article, make_claim, make_event
from tests.test_api import API, APITestCase

BASE = "http://testserver"
RELEASED_AT = "2026-11-30T12:00:00Z"
SECRET_CLAIM = "An unreviewed secret the release must not hold."
SECRET_EVENT = "unreviewed-secret-event"


def dump(outdir: Path, *options: str) -> str:
    out = io.StringIO()
    call_command(
        "release_dump",
        str(outdir),
        "--released-at",
        RELEASED_AT,
        "--base-url",
        BASE,
        *options,
        stdout=out,
    )
    return out.getvalue()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def every_row(client: APIClient, resource: str) -> list[dict]:
    rows: list[dict] = []
    url = f"{API}/{resource}/?page_size=500"
    while url:
        page = client.get(url).json()
        rows += page["results"]
        url = page["next"]
    return rows


class ReleaseTestCase(APITestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        article = make_article()
        make_claim(article, statement=SECRET_CLAIM)
        make_event(slug=SECRET_EVENT)

    @pytest.fixture(autouse=True)
    def _folder(self, tmp_path):
        self.tmp = tmp_path
        self.outdir = tmp_path / "release"

    def manifest(self) -> dict:
        return json.loads((self.outdir / "manifest.json").read_text())


class TestRelease(ReleaseTestCase):
    def test_manifest_and_checksums_verify(self):
        printed = dump(self.outdir)
        manifest = self.manifest()
        assert manifest["released_at"] == RELEASED_AT
        latest = MigrationRecorder.Migration.objects.filter(app="facts").order_by("-name").first()
        assert manifest["schema"] == f"facts.{latest.name}"
        assert manifest["base_url"] == BASE
        names = {entry["path"] for entry in manifest["files"]}
        resources = ["countries", "actors", "places", "articles", "events", "claims", "claim-links"]
        assert names == {f"{r}.{fmt}" for r in resources for fmt in ("jsonl", "csv")}
        assert {p.name for p in self.outdir.iterdir()} == names | {"manifest.json", "SHA256SUMS"}
        for entry in manifest["files"]:
            path = self.outdir / entry["path"]
            assert entry["bytes"] == path.stat().st_size
            assert entry["sha256"] == sha256(path)
            if entry["format"] == "jsonl":
                lines = path.read_bytes().splitlines()
                assert entry["rows"] == len(lines) == len([json.loads(line) for line in lines])
            else:
                with path.open(newline="", encoding="utf-8") as table:
                    assert entry["rows"] == len(list(csv.DictReader(table)))
        sums = [line.split("  ") for line in (self.outdir / "SHA256SUMS").read_text().splitlines()]
        assert {name for _, name in sums} == names | {"manifest.json"}
        for digest, name in sums:
            assert digest == sha256(self.outdir / name), name
        if shutil.which("sha256sum"):
            subprocess.run(
                ["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=self.outdir, check=True
            )
        assert "claims: " in printed and "sha256sum -c SHA256SUMS" in printed

    def test_row_counts_are_what_the_api_lists_to_a_reader_without_an_account(self):
        dump(self.outdir)
        rows = {e["resource"]: e["rows"] for e in self.manifest()["files"]}
        anonymous = APIClient()
        for resource in ("actors", "places", "articles", "events", "claims", "claim-links"):
            assert rows[resource] == len(every_row(anonymous, resource)), resource
        assert rows["countries"] == anonymous.get(f"{API}/countries/").json()["count"]
        assert rows["claims"] == Claim.objects.filter(status=ReviewStatus.VERIFIED).count()
        assert rows["events"] == Event.objects.filter(status=ReviewStatus.VERIFIED).count()

    def test_events_and_claims_equal_the_apis_exports(self):
        dump(self.outdir)
        anonymous = APIClient()
        for resource in ("events", "claims"):
            for fmt in ("jsonl", "csv"):
                response = anonymous.get(f"{API}/{resource}/export/{fmt}/?ordering=id")
                exported = b"".join(response.streaming_content)
                assert (self.outdir / f"{resource}.{fmt}").read_bytes() == exported, (
                    resource,
                    fmt,
                )
        header = (self.outdir / "events.csv").read_text().splitlines()[0]
        assert header == ",".join(EVENT.columns)
        with (self.outdir / "claims.csv").open(newline="") as table:
            assert next(csv.reader(table)) == list(CLAIM.columns)

    def test_every_other_resource_equals_the_apis_list_by_key(self):
        dump(self.outdir)
        anonymous = APIClient()
        for resource, key in (("actors", "id"), ("places", "slug"), ("claim-links", "id")):
            lines = (self.outdir / f"{resource}.jsonl").read_text().splitlines()
            written = [json.loads(line) for line in lines]
            assert written == sorted(every_row(anonymous, resource), key=lambda r: r[key])
        written = [json.loads(line) for line in (self.outdir / "articles.jsonl").open()]
        assert written and all("text" not in article for article in written)

    def test_nothing_unpublished_is_written(self):
        dump(self.outdir)
        for path in self.outdir.iterdir():
            body = path.read_text(encoding="utf-8")
            assert SECRET_CLAIM not in body and SECRET_EVENT not in body, path.name
            assert '"status":"unreviewed"' not in body, path.name

    def test_article_texts_on_request(self):
        dump(self.outdir, "--with-text")
        article = json.loads((self.outdir / "articles.jsonl").open().readline())
        assert article["text"] and article["raw_text"] and article["text_sha256"]
        with (self.outdir / "articles.csv").open(newline="") as table:
            assert next(csv.DictReader(table))["text"] == article["text"]

    def test_urls_are_paths_without_a_base_url(self):
        call_command("release_dump", str(self.outdir), stdout=io.StringIO())
        event = json.loads((self.outdir / "events.jsonl").open().readline())
        assert event["url"] == f"{API}/events/{event['id']}/"
        assert self.manifest()["base_url"] is None
        released = datetime.fromisoformat(self.manifest()["released_at"])
        assert released.tzinfo is not None


class TestRefusals(ReleaseTestCase):
    def hidden_leftovers(self) -> list[str]:
        return [p.name for p in self.tmp.iterdir() if p.name.startswith(".")]

    def test_a_folder_that_holds_files_is_refused_unless_forced(self):
        dump(self.outdir)
        (self.outdir / "notes.txt").write_text("left in the old release")
        with pytest.raises(CommandError, match="is not empty: give --force"):
            dump(self.outdir)
        assert (self.outdir / "notes.txt").exists()
        dump(self.outdir, "--force")
        assert not (self.outdir / "notes.txt").exists()
        assert (self.outdir / "manifest.json").exists()
        assert self.hidden_leftovers() == []

    def test_force_replaces_an_earlier_release_only(self):
        mine = self.tmp / "mine"
        mine.mkdir()
        (mine / "notes.txt").write_text("mine")
        for options, refusal in (((), "is not empty"), (("--force",), "but no manifest")):
            with pytest.raises(CommandError, match=refusal):
                dump(mine, *options)
        assert [p.name for p in mine.iterdir()] == ["notes.txt"]
        assert self.hidden_leftovers() == []

    def test_an_empty_folder_is_filled(self):
        self.outdir.mkdir()
        dump(self.outdir)
        assert (self.outdir / "SHA256SUMS").exists()

    def test_clear_messages_for_what_cannot_be_written(self):
        with pytest.raises(CommandError, match="no folder"):
            dump(self.tmp / "missing" / "release")
        (self.tmp / "file").write_text("x")
        with pytest.raises(CommandError, match="is not a folder"):
            dump(self.tmp / "file")
        with pytest.raises(CommandError, match="not an ISO 8601"):
            call_command("release_dump", str(self.outdir), "--released-at", "yesterday")
        assert not self.outdir.exists()

    def test_a_failure_halfway_leaves_the_old_release_as_it_was(self):
        dump(self.outdir)
        before = {p.name: p.read_bytes() for p in self.outdir.iterdir()}

        written = release.resource_rows

        def broken(resource, reader, **options):
            rows = written(resource, reader, **options)
            if resource.name == "claims":  # after four resources, and some claims
                yield from islice(rows, 3)
                raise RuntimeError("the database went away")
            yield from rows

        with (
            mock.patch.object(release, "resource_rows", broken),
            pytest.raises(RuntimeError, match="went away"),
        ):
            dump(self.outdir, "--force")
        assert {p.name: p.read_bytes() for p in self.outdir.iterdir()} == before
        assert self.hidden_leftovers() == []

    def test_a_release_time_without_a_zone_is_utc(self):
        call_command(
            "release_dump", str(self.outdir), "--released-at", "2026-11-30", stdout=io.StringIO()
        )
        assert self.manifest()["released_at"] == "2026-11-30T00:00:00Z"
        with pytest.raises(release.ReleaseError, match="time zone"):
            release.write_release(outdir=self.tmp / "other", released_at=datetime(2026, 1, 1))
        aware = datetime(2026, 1, 1, tzinfo=UTC)
        manifest = release.write_release(outdir=self.tmp / "other", released_at=aware)
        assert manifest["released_at"] == "2026-01-01T00:00:00Z"
