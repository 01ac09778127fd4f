"""A real streaming read replica on this machine: its lag, the API served through it, and
throughput without and with it.

Starts a second PostgreSQL cluster as a hot standby of the local server (`pg_basebackup -R`,
WAL streamed), on a port of its own, then:

1. **tests**: runs tests/test_streaming_replica.py and the API suite (tests/test_api*.py) with
   reads routed to the standby (TEST_STREAMING_REPLICA_URL, read by tests/settings.py);
2. **lag**: commits numbered rows on the primary one at a time and times how long each takes
   to be visible on the standby (p50/p95/max), beside pg_stat_replication's replay lag;
3. **API**: serves the PostgreSQL corpus of bench/make_corpus.py with gunicorn twice, on the
   primary alone and with DATABASE_REPLICA_URLS naming the standby; every request of the
   benchmark's mix must answer the same bytes from both, then wrk drives the mix: req/s, p95,
   errors, and how many transactions the standby served.

    .venv/bin/python bench/replica_bench.py                    # after make_corpus.py
    .venv/bin/python bench/replica_bench.py --seconds 2 --lag-writes 20 --replica-tests-only  # CI

Runs as root (the standby's files belong to the postgres user, as the primary's do). On this
one machine the standby shares the primary's two cores, so the throughput it adds is not what
a standby on a machine of its own adds; the figures show the cost of routing and what lag a
client that reads its own writes is protected from.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from urllib.request import Request, urlopen

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_bench import GUNICORN, SERVER_ENV, prepared
from common import OUT, ROOT, corpus_url, machine, save_figures
from load import free_port, require_wrk, run_wrk, serving

API = "/api/v1"
PRIMARY_SERVER = os.environ.get("BENCH_POSTGRES_SERVER", "postgres://sahel:sahel@127.0.0.1:5432")


def postgres_bin() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_basebackup"))
    if not versions:
        raise SystemExit("pg_basebackup not found: install Debian's postgresql package.")
    return versions[-1].parent


def as_postgres(*command: str, env: dict | None = None) -> None:
    """Run a server tool as the postgres user, which owns every cluster's files."""
    prefix = [] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--"]
    extra = [f"{k}={v}" for k, v in (env or {}).items()]
    subprocess.run([*prefix, "env", *extra, *command], check=True)


def with_port(url: str, port: int) -> str:
    parts = urlsplit(url)
    host = parts.hostname or "127.0.0.1"
    credentials = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
    return urlunsplit(parts._replace(netloc=f"{credentials}{host}:{port}"))


STANDBY_CONF = """\
# A hot standby of the local server, for bench/replica_bench.py only.
port = {port}
listen_addresses = '127.0.0.1'
unix_socket_directories = '{directory}'
hot_standby = on
max_connections = 100
shared_buffers = 128MB
"""
STANDBY_HBA = """\
local all all peer
host all all 127.0.0.1/32 scram-sha-256
"""


@contextmanager
def streaming_standby(primary: str):
    """A hot standby of `primary` (a postgres:// server URL): yields its server URL."""
    tools = postgres_bin()
    parts = urlsplit(primary)
    directory = Path(tempfile.mkdtemp(prefix="sahel-standby-"))
    data = directory / "data"
    shutil.chown(directory, "postgres", "postgres") if os.geteuid() == 0 else None
    port = free_port()
    started = time.perf_counter()
    as_postgres(
        str(tools / "pg_basebackup"),
        "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432),
        "-U", parts.username or "sahel", "-D", str(data),
        "-R", "-X", "stream", "-c", "fast",
        env={"PGPASSWORD": parts.password or ""},
    )  # fmt: skip
    copied_s = time.perf_counter() - started
    conf = STANDBY_CONF.format(port=port, directory=directory)
    for name, text in (("postgresql.conf", conf), ("pg_hba.conf", STANDBY_HBA)):
        (data / name).write_text(text)
        shutil.chown(data / name, "postgres", "postgres") if os.geteuid() == 0 else None
    pg_ctl = str(tools / "pg_ctl")
    as_postgres(pg_ctl, "-D", str(data), "-l", str(directory / "standby.log"), "-w", "start")
    try:
        yield with_port(primary, port), {"base_backup_s": round(copied_s, 2), "port": port}
    finally:
        as_postgres(pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(directory, ignore_errors=True)


def connect(url: str):
    import psycopg

    return psycopg.connect(url.replace("postgres://", "postgresql://", 1), autocommit=True)


def wait_until_replayed(primary_db: str, standby_db: str, timeout_s: float = 60) -> None:
    """Until the standby has replayed everything the primary had written when asked."""
    with connect(primary_db) as primary, connect(standby_db) as standby:
        target = primary.execute("SELECT pg_current_wal_lsn()").fetchone()[0]
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            behind = standby.execute(
                "SELECT pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn())", [target]
            ).fetchone()[0]
            if behind <= 0:
                return
            time.sleep(0.01)
    raise RuntimeError(f"the standby did not catch up within {timeout_s} s")


# ------------------------------------------------------------------ 1. tests


def run_tests(primary_server: str, standby_server: str, with_api_suite: bool) -> dict:
    print("\n== tests with reads routed to the standby", flush=True)
    files = ["tests/test_streaming_replica.py"]
    if with_api_suite:
        files += sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests").glob("test_api*.py"))
    env = {
        **os.environ,
        "DATABASE_URL": f"{primary_server}/sahel",
        "TEST_STREAMING_REPLICA_URL": f"{standby_server}/sahel",
    }
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-n", "auto", "-p", "no:cacheprovider", *files],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    print(f"  {summary}", flush=True)
    if result.returncode != 0 or "skipped" in summary:
        print(result.stdout[-6000:], result.stderr[-3000:], sep="\n")
        raise SystemExit("the tests with reads on the standby failed (or were skipped)")
    return {
        "files": len(files),
        "summary": summary,
        "seconds": round(time.perf_counter() - started, 1),
    }


# ------------------------------------------------------------------ 2. lag


def measure_lag(primary_db: str, standby_db: str, writes: int) -> dict:
    print(f"\n== replication lag: {writes} single-row commits", flush=True)
    with connect(primary_db) as primary:
        primary.execute("DROP TABLE IF EXISTS bench_replica_probe")
        primary.execute("CREATE TABLE bench_replica_probe (n integer PRIMARY KEY)")
    wait_until_replayed(primary_db, standby_db)
    lags_ms = []
    try:
        with connect(primary_db) as primary, connect(standby_db) as standby:
            for n in range(writes):
                primary.execute("INSERT INTO bench_replica_probe VALUES (%s)", [n])
                committed = time.perf_counter()
                while not standby.execute(
                    "SELECT 1 FROM bench_replica_probe WHERE n = %s", [n]
                ).fetchone():
                    if time.perf_counter() - committed > 30:
                        raise RuntimeError(f"write {n} not on the standby after 30 s")
                lags_ms.append((time.perf_counter() - committed) * 1000)
            replay = primary.execute(
                "SELECT client_addr::text, state, "
                "EXTRACT(EPOCH FROM replay_lag) * 1000 FROM pg_stat_replication"
            ).fetchall()
    finally:
        with connect(primary_db) as primary:
            primary.execute("DROP TABLE IF EXISTS bench_replica_probe")
    lags_ms.sort()
    figures = {
        "writes": writes,
        "visible_p50_ms": round(statistics.median(lags_ms), 2),
        "visible_p95_ms": round(lags_ms[int(0.95 * (len(lags_ms) - 1))], 2),
        "visible_max_ms": round(lags_ms[-1], 2),
        "replay_lag_ms": [None if row[2] is None else round(float(row[2]), 2) for row in replay],
        "senders": [f"{row[0]} {row[1]}" for row in replay],
    }
    print(
        f"  visible on the standby after p50 {figures['visible_p50_ms']} ms, "
        f"p95 {figures['visible_p95_ms']} ms, max {figures['visible_max_ms']} ms; "
        f"pg_stat_replication replay_lag {figures['replay_lag_ms']} ms",
        flush=True,
    )
    return figures


# ------------------------------------------------------------------ 3. the API


def standby_work(standby_db: str, database: str) -> tuple[int, int]:
    with connect(standby_db) as standby:
        row = standby.execute(
            "SELECT xact_commit, tup_returned FROM pg_stat_database WHERE datname = %s",
            [database],
        ).fetchone()
    return int(row[0]), int(row[1])


def fetch(base: str, path: str, headers: dict) -> bytes:
    with urlopen(Request(base + path, headers=headers), timeout=60) as response:
        return response.read()


def measure_api(corpus: str, standby_corpus: str, args) -> dict:
    manifest = json.loads((OUT / "corpus-postgresql.json").read_text())
    setup = prepared("postgresql", corpus, manifest["search_words"])
    headers = {"Authorization": f"Token {setup['token']}"}
    paths = [request["path"] for request in setup["requests"].values()]
    wait_until_replayed(corpus, standby_corpus)
    database = urlsplit(corpus).path.lstrip("/")
    modes = {
        "primary alone": {},
        "reads on the standby": {"DATABASE_REPLICA_URLS": standby_corpus},
    }
    answers: dict[str, list[bytes]] = {}
    figures = {
        "claims": manifest["rows"]["facts_claim"],
        "connections": args.connections,
        "modes": {},
    }
    for mode, extra in modes.items():
        env = {**SERVER_ENV, "DATABASE_URL": corpus, **extra}
        log = OUT / "gunicorn-replica.log"
        print(f"\n== API, {mode} (gunicorn, mix of {len(paths)} requests)", flush=True)
        before = standby_work(standby_corpus, database)
        with serving([*GUNICORN, "sahel.wsgi:application"], env, paths[0], log, headers) as base:
            # Links name the server; each server has a port of its own.
            answers[mode] = [
                fetch(base, path, headers).replace(base.encode(), b"{server}") for path in paths
            ]
            run_wrk(base + paths[0], seconds=1, connections=2, headers=headers, mix=paths)
            loaded = run_wrk(
                base + paths[0],
                seconds=args.seconds,
                connections=args.connections,
                headers=headers,
                mix=paths,
                timeout_s=30,
            )
        after = standby_work(standby_corpus, database)
        row = {
            "rps": round(loaded["rps"], 1),
            "p50_ms": loaded["p50_ms"],
            "p95_ms": loaded["p95_ms"],
            "errors": loaded["errors"],
            "standby_transactions": after[0] - before[0],
            "standby_rows_read": after[1] - before[1],
        }
        figures["modes"][mode] = row
        print(
            f"  {row['rps']} req/s, p50 {row['p50_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms, "
            f"errors {row['errors']}; the standby served {row['standby_transactions']} "
            f"transactions ({row['standby_rows_read']} rows read)",
            flush=True,
        )
    first, second = answers.values()
    differing = [path for path, a, b in zip(paths, first, second, strict=True) if a != b]
    figures["same_answers"] = f"{len(paths) - len(differing)}/{len(paths)}"
    if differing:
        raise SystemExit(f"the standby answered differently for: {differing}")
    routed = figures["modes"]["reads on the standby"]
    if routed["standby_transactions"] <= 0 or routed["errors"]:
        raise SystemExit("reads did not reach the standby, or requests failed")
    alone = figures["modes"]["primary alone"]
    figures["rps_with_standby_vs_alone"] = round(routed["rps"] / alone["rps"], 2)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="wrk run per mode")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--lag-writes", type=int, default=200)
    parser.add_argument("--skip-tests", action="store_true")
    parser.add_argument(
        "--replica-tests-only",
        action="store_true",
        help="run tests/test_streaming_replica.py without the API suite (CI's small run)",
    )
    parser.add_argument("--out", type=Path, help="figures file (JSON)")
    args = parser.parse_args()
    require_wrk()
    corpus = corpus_url("postgresql")
    if not (OUT / "corpus-postgresql.json").exists():
        raise SystemExit("No PostgreSQL corpus: run bench/make_corpus.py first.")
    figures: dict = {"machine": machine()}
    print("== starting a streaming standby of the local server (pg_basebackup)", flush=True)
    with streaming_standby(PRIMARY_SERVER) as (standby_server, standby):
        figures["standby"] = standby
        print(f"  base backup {standby['base_backup_s']} s; standby on port {standby['port']}")
        standby_corpus = with_port(corpus, standby["port"])
        if not args.skip_tests:
            figures["tests"] = run_tests(
                PRIMARY_SERVER, standby_server, with_api_suite=not args.replica_tests_only
            )
        figures["lag"] = measure_lag(corpus, standby_corpus, args.lag_writes)
        figures["api"] = measure_api(corpus, standby_corpus, args)
    print(f"\nfigures: {save_figures('replica', figures, args.out)}")


if __name__ == "__main__":
    main()
