"""What the importer is given on disk: unreadable folders and paths are reported, links out
of the folder are not followed, a late NUL byte is a binary file, and a file that changes
while it is read is refused rather than stored half-written."""

import contextlib
import io
import json
import os

import pytest
from django.core.management import CommandError, call_command

from facts.ingest.reading import ReadError, read_document
from facts.ingest.reading.sources import Source, expand_paths
from facts.models import Article

ARTICLE = "A title\n\nIn Bamako, Colonel Assimi Goïta met officials of Niger on 9 July 2024.\n"
root_only = pytest.mark.skipif(os.geteuid() != 0, reason="")


def run_json(*paths) -> dict:
    out = io.StringIO()
    # A failed file makes the command fail; the report says which.
    with contextlib.suppress(CommandError):
        call_command(
            "import_articles", *map(str, paths), json=True, stdout=out, stderr=io.StringIO()
        )
    return json.loads(out.getvalue())


def by_name(report: dict) -> dict:
    return {f["name"].rsplit("/", 1)[-1]: f for f in report["files"]}


def test_a_nul_byte_anywhere_makes_a_binary_file():
    raw = (ARTICLE * 400).encode() + b"\x00" + b"more"
    assert len(raw) > 8192
    with pytest.raises(ReadError, match=r"NUL byte at offset [\d,]+"):
        read_document("late-nul.txt", raw)


@pytest.mark.django_db
def test_links_out_of_the_folder_are_reported_not_followed(reference_data, tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text(ARTICLE, encoding="utf-8")
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "link.txt").symlink_to(outside / "secret.txt")
    (folder / "inner.txt").symlink_to(folder / "a.txt")  # a link that stays inside is fine
    report = by_name(run_json(folder))
    assert report["link.txt"]["status"] == "failed"
    assert (
        "outside" in report["link.txt"]["reason"] and "not followed" in report["link.txt"]["reason"]
    )
    assert report["a.txt"]["status"] == "created"
    assert report["inner.txt"]["status"] == "unchanged"  # the same bytes as a.txt
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_an_unreadable_folder_is_reported_and_the_rest_imported(reference_data, tmp_path):
    if os.geteuid() == 0:
        # root reads anything: simulate the refusal the way the operating system reports it
        import facts.ingest.reading.sources as sources

        real_walk = os.walk

        def walk(top, onerror=None, followlinks=False):
            for folder, dirs, files in real_walk(top, onerror=onerror, followlinks=followlinks):
                if folder.endswith("locked"):
                    onerror(PermissionError(13, "Permission denied", folder))
                    dirs[:] = []
                    continue
                yield folder, dirs, files

        pytest.MonkeyPatch().setattr(sources.os, "walk", walk)
    folder = tmp_path / "inbox"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "hidden.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE, encoding="utf-8")
    if os.geteuid() != 0:
        (folder / "locked").chmod(0)
    try:
        report = by_name(run_json(folder))
    finally:
        (folder / "locked").chmod(0o755)
    assert report["locked"]["status"] == "failed"
    assert "folder cannot be read: Permission denied" in report["locked"]["reason"]
    assert report["b.txt"]["status"] == "created"


def test_a_path_that_cannot_be_examined_is_a_failed_source(tmp_path, monkeypatch):
    from pathlib import Path

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "is_dir", refuse)
    (source,) = list(expand_paths([str(tmp_path / "locked" / "a.txt")]))
    with pytest.raises(ReadError, match="cannot be read: Permission denied"):
        source.read_bytes(1000)


def test_a_file_that_changes_while_it_is_read_is_refused(tmp_path, monkeypatch):
    article = tmp_path / "growing.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    source = Source("growing.txt", article)
    real_open = type(article).open

    def open_while_a_writer_appends(self, *args, **kwargs):
        handle = real_open(self, *args, **kwargs)
        with real_open(self, "a", encoding="utf-8") as writer:
            writer.write("More text arrives.\n")
        return handle

    monkeypatch.setattr(type(article), "open", open_while_a_writer_appends)
    with pytest.raises(ReadError, match="changed while it was being read"):
        source.read_bytes(100_000)


def _running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry))
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="reads /proc (Linux)")
def test_workers_end_when_the_importer_is_killed(tmp_path):
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    seed = sorted((root / "fixtures" / "articles").glob("*.txt"))[3].read_text(encoding="utf-8")
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(400):
        (folder / f"{n:03}.txt").write_text(f"{seed}\nCopy {n}.\n", encoding="utf-8")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "sahel.settings",
        "ENV_FILE": "",
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'kill.sqlite3'}",
    }
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "-v0"], ["loaddata", "countries", "actors", "-v0"]):
        subprocess.run([*manage, *command], cwd=root, env=env, check=True, timeout=300)
    importer = subprocess.Popen(
        [*manage, "import_articles", "--workers", "2", "-v0", str(folder)],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while len(workers := _children(importer.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(workers) >= 2, "the workers never started"
        importer.send_signal(signal.SIGKILL)
        importer.wait(timeout=30)
        deadline = time.monotonic() + 20
        while any(_running(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        alive = [w for w in workers if _running(w)]
    finally:
        importer.kill()
    for pid in alive:  # leave nothing behind, even when the test fails
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    assert alive == []
