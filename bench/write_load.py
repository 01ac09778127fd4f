"""Concurrent writes to the same objects for a bounded time: no answer may be a 500.

For each engine, a scratch database gets the curated seed set and a lead account; gunicorn
serves it with two workers; WRITERS threads then, for --seconds, read a claim (or event) and
PATCH it with the ETag they read, all on the same few objects. Every answer must be 200
(written) or 412 (someone else wrote first): the script prints the count of each status and
exits 1 if any answer was 5xx. Loopback only; it stops by itself.

    .venv/bin/python bench/write_load.py                       # SQLite and PostgreSQL, 30 s each
    .venv/bin/python bench/write_load.py --engine sqlite --seconds 10 --writers 8
"""

import argparse
import json
import os
import secrets
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import drop_database, postgres_url, recreate_database, sqlite_url

from tests.servers import call, gunicorn, manage, production_env, sign_in

ROOT = Path(__file__).resolve().parent.parent
OUT = Path(os.environ.get("BENCH_OUT", ROOT / "var" / "bench"))
PASSWORD = "write-load-" + secrets.token_urlsafe(12)


def run(engine: str, seconds: float, writers: int) -> Counter:
    url = (
        sqlite_url(OUT / "write_load_bench.sqlite3")
        if engine == "sqlite"
        else postgres_url("sahel_write_load_bench")
    )
    recreate_database(url)
    env = production_env(
        url,
        OUT / "write_load_cache",
        SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_USER_PASSWORD=PASSWORD,
    )
    statuses: Counter = Counter()
    lock = threading.Lock()
    try:
        manage(
            env, ["migrate", "-v0"], ["load_initial_data"], ["create_user", "w", "--role", "lead"]
        )
        with gunicorn(env) as api:
            token = sign_in(api, "w", PASSWORD)
            _, _, body = call("GET", f"{api}/claims/?status=verified&page_size=2", token)
            targets = [c["url"] for c in json.loads(body)["results"]]
            _, _, body = call("GET", f"{api}/events/?page_size=1", token)
            targets += [e["url"] for e in json.loads(body)["results"]]
            stop = time.monotonic() + seconds

            def writer(n: int) -> None:
                round_ = 0
                while time.monotonic() < stop:
                    target = targets[(n + round_) % len(targets)]
                    status, etag, _ = call("GET", target, token)
                    field = "statement" if "/claims/" in target else "description"
                    change = {field: f"writer {n}, round {round_}", "reason": "write load"}
                    written, _, _ = call("PATCH", target, token, change, etag)
                    with lock:
                        statuses[status] += 1
                        statuses[written] += 1
                    round_ += 1

            threads = [threading.Thread(target=writer, args=(n,)) for n in range(writers)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=seconds + 120)
    finally:
        drop_database(url)
    return statuses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--writers", type=int, default=8)
    args = parser.parse_args()
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    failed = False
    for engine in engines:
        statuses = run(engine, args.seconds, args.writers)
        errors = sum(n for status, n in statuses.items() if status >= 500)
        failed |= bool(errors)
        shown = ", ".join(f"{status}: {n}" for status, n in sorted(statuses.items()))
        print(f"{engine:<9} {args.writers} writers for {args.seconds:g} s: {shown}; 5xx: {errors}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
