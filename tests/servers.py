"""A real server for the tests and benchmarks that need several worker processes: gunicorn
on a free loopback port, with the environment a deployment would give it."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(database_url: str, cache_dir: Path, **extra: str) -> dict[str, str]:
    """Production settings (DEBUG off) on a scratch database and cache of their own."""
    return {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "sahel.settings",
        "ENV_FILE": "",
        "DEBUG": "0",
        "SECRET_KEY": "test-server-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "CACHE_URL": f"file://{cache_dir}",
        **extra,
    }


def manage(env: dict[str, str], *commands: list[str]) -> None:
    for command in commands:
        subprocess.run(
            [str(BIN / "python"), "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=300,
            stdout=subprocess.DEVNULL,
        )


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2) -> Iterator[str]:
    """Serve the project with `workers` processes; yields the API's base URL."""
    port = free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "sahel.wsgi:application",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # listening (requests then wait for a worker)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}/api/v1"
    finally:
        server.terminate()
        server.wait(timeout=30)


def call(method: str, url: str, token: str | None = None, body=None, etag: str | None = None):
    """One request: (status, ETag, body bytes); HTTP errors are answers, not exceptions."""
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Token {token}"
    if etag:
        headers["If-Match"] = etag
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.headers.get("ETag"), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, None, error.read()


def sign_in(api: str, username: str, password: str) -> str:
    status, _, body = call(
        "POST", f"{api}/auth/token/", body={"username": username, "password": password}
    )
    assert status == 200, body
    return json.loads(body)["token"]
