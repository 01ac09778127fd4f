"""Concurrent writes to the same objects through a real server (gunicorn, two worker
processes): every answer is a success or 412, never a 500 such as SQLite's "database is
locked", on SQLite and on PostgreSQL alike."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "concurrent-writers-passphrase"
ROUNDS = 15  # per thread: bounded, loopback only


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _scratch_database(tmp_path):
    """A database of its own for the server processes: a file for SQLite, a new database on
    the same PostgreSQL server. Returns its URL and a function that removes it."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'writes.sqlite3'}", lambda: None
    s = connection.settings_dict
    name = f"sahel_writes_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")

    def drop():
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    url = f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    return f"{url}/{name}", drop


def _call(method, url, token, body=None, etag=None):
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    if etag:
        headers["If-Match"] = etag
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.headers.get("ETag"), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, None, error.read()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writes_to_one_claim_answer_success_or_412_never_500(tmp_path):
    url, drop = _scratch_database(tmp_path)
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "sahel.settings",
        "ENV_FILE": "",
        "DEBUG": "0",
        "SECRET_KEY": "writes-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": url,
        "DATABASE_POOL_SIZE": "2",
        "CACHE_URL": f"file://{tmp_path / 'cache'}",
        "DJANGO_USER_PASSWORD": PASSWORD,
    }
    python = sys.executable
    for command in (
        ["migrate", "-v0"],
        ["load_initial_data"],
        ["create_user", "w", "--role", "lead"],
    ):
        subprocess.run(
            [python, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=300,
            stdout=subprocess.DEVNULL,
        )
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(python).parent / "gunicorn"),
            "sahel.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    statuses: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        api = f"http://127.0.0.1:{port}/api/v1"
        request = urllib.request.Request(
            f"{api}/auth/token/",
            data=json.dumps({"username": "w", "password": PASSWORD}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            token = json.loads(answer.read())["token"]
        _, _, body = _call("GET", f"{api}/claims/?status=verified&page_size=1", token)
        claim = f"{api}/claims/{json.loads(body)['results'][0]['id']}/"

        def writer(n: int) -> None:
            for round_ in range(ROUNDS):
                status, etag, _ = _call("GET", claim, token)
                statuses.append(status)
                status, _, _ = _call(
                    "PATCH",
                    claim,
                    token,
                    {"statement": f"writer {n}, round {round_}", "reason": "load test"},
                    etag,
                )
                statuses.append(status)

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
    finally:
        server.terminate()
        server.wait(timeout=30)
        drop()
    assert len(statuses) == 4 * ROUNDS * 2
    assert not [s for s in statuses if s >= 500], statuses
    assert set(statuses) <= {200, 412} and statuses.count(200) > 4 * ROUNDS
