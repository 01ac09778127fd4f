"""Concurrent writes to the same objects through a real server (gunicorn, two worker
processes): every answer is a success or 412, never a 500 such as SQLite's "database is
locked", on SQLite and on PostgreSQL alike."""

import json
import os
import threading

import pytest
from django.db import connection

from tests.servers import call, gunicorn, manage, production_env, sign_in

PASSWORD = "concurrent-writers-passphrase"
ROUNDS = 15  # per thread: bounded, loopback only


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


@pytest.mark.django_db(transaction=True)
def test_concurrent_writes_to_one_claim_answer_success_or_412_never_500(tmp_path):
    url, drop = _scratch_database(tmp_path)
    env = production_env(
        url, tmp_path / "cache", DATABASE_POOL_SIZE="2", DJANGO_USER_PASSWORD=PASSWORD
    )
    statuses: list[int] = []
    try:
        manage(
            env, ["migrate", "-v0"], ["load_initial_data"], ["create_user", "w", "--role", "lead"]
        )
        with gunicorn(env) as api:
            token = sign_in(api, "w", PASSWORD)
            _, _, body = call("GET", f"{api}/claims/?status=verified&page_size=1", token)
            claim = f"{api}/claims/{json.loads(body)['results'][0]['id']}/"

            def writer(n: int) -> None:
                for round_ in range(ROUNDS):
                    status, etag, _ = call("GET", claim, token)
                    statuses.append(status)
                    change = {"statement": f"writer {n}, round {round_}", "reason": "load test"}
                    status, _, _ = call("PATCH", claim, token, change, etag)
                    statuses.append(status)

            threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=300)
    finally:
        drop()
    assert len(statuses) == 4 * ROUNDS * 2
    assert not [s for s in statuses if s >= 500], statuses
    assert set(statuses) <= {200, 412} and statuses.count(200) > 4 * ROUNDS
