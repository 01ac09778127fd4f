"""The first hour with `make`: a busy port is reported before any set-up, and `make clean`
never deletes the curated database (that has its own target, behind a confirmation)."""

import shutil
import socket
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


@pytest.fixture
def checkout(tmp_path):
    """A copy of the Makefile and its helper scripts, with a database and a venv to lose."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "sahel.sqlite3").write_text("curated work")
    (tmp_path / ".venv").mkdir()
    return tmp_path


def make(where: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=where,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_clean_keeps_the_database(checkout):
    result = make(checkout, "clean")
    assert result.returncode == 0, result.stderr
    assert not (checkout / ".venv").exists()
    assert (checkout / "var" / "sahel.sqlite3").read_text() == "curated work"
    assert "Kept var/" in result.stdout


def test_clean_data_warns_and_needs_confirmation(checkout):
    refused = make(checkout, "clean-data")
    assert refused.returncode != 0
    assert "cannot be undone" in refused.stderr and "CONFIRM=yes" in refused.stderr
    assert (checkout / "var" / "sahel.sqlite3").exists()
    done = make(checkout, "clean-data", "CONFIRM=yes")
    assert done.returncode == 0, done.stderr
    assert not (checkout / "var").exists()


def test_run_on_a_busy_port_stops_before_any_set_up(checkout):
    shutil.rmtree(checkout / ".venv")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = make(checkout, "run", f"HOST=127.0.0.1:{port}")
    assert result.returncode != 0
    assert f"Port {port} on 127.0.0.1 is already in use" in result.stderr
    assert f"make run HOST=127.0.0.1:{port + 1}" in result.stderr
    assert not (checkout / ".venv").exists() and not (checkout / ".env").exists()
    assert "password" not in (result.stdout + result.stderr).lower()
