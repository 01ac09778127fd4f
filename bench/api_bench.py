"""API latency and throughput at scale, beside Datasette and the bare-WSGI ceiling.

For each engine the API is served by gunicorn (workers = cores) and driven by wrk from a
separate process on loopback with a fixed request mix. Each request is measured twice: alone
(one connection: p50/p95/p99 latency) and under load (several connections: requests per
second). In the same run the same requests go to:

- the bare WSGI ceiling (bench/bare_wsgi.py): the very SQL our view ran, through
  psycopg/sqlite3 and orjson, under the same gunicorn settings;
- Datasette, on a copy of the SQLite file, given the request's main SQL through its JSON API.

Then 32 connections hammer the mix for 30 s on PostgreSQL: errors must be zero.

    .venv/bin/python bench/api_bench.py                    # corpora from bench/make_corpus.py
    .venv/bin/python bench/api_bench.py --seconds 1 --load-seconds 3     # smoke run

The corpora are the ones `make_corpus.py` left (var/bench/corpus.sqlite3 and the
sahel_corpus PostgreSQL database); `--scale` builds them first if they are missing.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, ROOT, corpus_url, machine, save_figures
from load import require_wrk, run_wrk, serving

API = "/api/v1"
BIN = Path(sys.executable).parent
CORES = os.cpu_count() or 2
SERVER_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "bench-" + "k" * 50,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "API_ANON_RATE": "100000000/minute",
    "DATABASE_STATEMENT_TIMEOUT_MS": "30000",
}
GUNICORN = [
    str(BIN / "gunicorn"),
    "--chdir",
    str(ROOT),
    "--bind",
    "127.0.0.1:{port}",
    "--workers",
    str(CORES),
    "--worker-class",
    "gthread",
    "--threads",
    "2",
    "--log-level",
    "warning",
]


# ------------------------------------------------------------------ the request mix


def request_mix(words: dict, ids: dict) -> dict[str, str]:
    """Name -> path. Ids and words come from the corpus, so both engines get the same mix."""
    deep = base64.b64encode(urlencode({"p": ids["deep_position"]}).encode()).decode()
    return {
        "claims_first_page": f"{API}/claims/",
        "claims_country_status": f"{API}/claims/?country=MLI&status=verified",
        "claims_deep_cursor": f"{API}/claims/?{urlencode({'cursor': deep})}",
        "search_rare": f"{API}/claims/?q={quote(words['rare']['word'])}",
        "search_medium": f"{API}/claims/?q={quote(words['medium']['word'])}",
        "search_common": f"{API}/claims/?q={quote(words['common']['word'])}",
        "claim_detail": f"{API}/claims/{ids['detail']}/",
        "events_kind_dates": (
            f"{API}/events/?kind=attack&date_after=2018-01-01&date_before=2018-12-31"
        ),
    }


# ------------------------------------------------------------------ preparing one engine


def prepare(engine: str, database_url: str, words: dict) -> dict:
    """Runs in a child process against one corpus: a viewer token, each request run once
    through Django with its SQL captured (for the ceiling and Datasette), and the EXPLAIN
    plan of each request's slowest query."""
    from common import bench_viewer, setup_django

    setup_django(database_url)
    from django.db import connection
    from django.test import Client
    from rest_framework.authtoken.models import Token

    from facts.models import Claim

    user = bench_viewer()
    token, _ = Token.objects.get_or_create(user=user)
    newest = Claim.objects.order_by("-id").values_list("id", flat=True).first()
    count = Claim.objects.count()
    ids = {
        # 90% of the way down the newest-first list: a cursor deep in the table.
        "deep_position": str(newest - int(count * 0.9)),
        "detail": str(newest - count // 2),
    }
    mix = request_mix(words, ids)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    requests, plans = {}, []
    for name, path in mix.items():
        captured = []

        def capture(execute, sql, params, many, context, captured=captured):
            started = time.perf_counter()
            result = execute(sql, params, many, context)
            captured.append((sql, list(params or []), time.perf_counter() - started))
            return result

        client.get(path)  # warm caches: the capture below is of a steady-state request
        with connection.execute_wrapper(capture):
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{engine} {path}: HTTP {response.status_code} {response.content!r}")
        slowest = max(captured, key=lambda q: q[2])
        requests[name] = {
            "path": path,
            "queries": [(sql, params) for sql, params, _ in captured],
            "main_sql": _interpolated(connection, slowest[0], slowest[1]),
            "main_ms": round(slowest[2] * 1000, 2),
        }
        plans.append(f"--- {name}: {path}\n{_explain(connection, slowest[0], slowest[1])}")
    return {"token": token.key, "requests": requests, "plans": plans}


def _interpolated(connection, sql: str, params: list) -> str:
    with connection.cursor() as cursor:
        return connection.ops.last_executed_query(cursor.cursor, sql, params) or sql


def _explain(connection, sql: str, params: list) -> str:
    prefix = (
        "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql, params)
        rows = cursor.fetchall()
    if connection.vendor == "postgresql":
        return "\n".join(row[0] for row in rows)
    return "\n".join(f"{'  ' * 0}{row[-1]}" for row in rows)


def prepared(engine: str, database_url: str, words: dict) -> dict:
    path = OUT / f"requests-{engine}.json"
    subprocess.run(
        [sys.executable, __file__, "--prepare", engine, "--database-url", database_url,
         "--words", json.dumps(words), "--out", str(path)],
        check=True,
    )  # fmt: skip
    return json.loads(path.read_text())


# ------------------------------------------------------------------ measuring


def measure(targets: dict[str, tuple[str, dict[str, str], dict | None]], args) -> dict:
    """Each request on every target (our API, the bare ceiling, Datasette), side by side:
    for one request, each target's latency alone, then its loaded rounds taken in turns
    (ours, bare, Datasette, ours, ...), so that whatever else loads this shared machine at
    that minute weighs on all of them and their ratio, not on whichever was measured then.
    `targets` maps a name to (base URL, request name -> path, headers)."""
    for base, paths, headers in targets.values():
        warm = list(paths.values())
        run_wrk(base + warm[0], seconds=2, connections=2, headers=headers, mix=warm)
    figures: dict[str, dict] = {target: {} for target in targets}
    names = list(next(iter(targets.values()))[1])
    for name in names:
        alone = {
            target: run_wrk(base + paths[name], seconds=args.seconds, connections=1, headers=hdrs)
            for target, (base, paths, hdrs) in targets.items()
        }
        # Under load, the median of several rounds: one round in a few is halved by
        # something else running on the machine.
        rounds: dict[str, list[dict]] = {target: [] for target in targets}
        for _ in range(max(1, args.rounds)):
            for target, (base, paths, hdrs) in targets.items():
                rounds[target].append(
                    run_wrk(
                        base + paths[name],
                        seconds=args.seconds,
                        connections=args.connections,
                        headers=hdrs,
                    )
                )
        for target in targets:
            ordered = sorted(rounds[target], key=lambda run: run["rps"])
            loaded = ordered[len(ordered) // 2]
            single = alone[target]
            figures[target][name] = {
                "p50_ms": single["p50_ms"],
                "p95_ms": single["p95_ms"],
                "p99_ms": single["p99_ms"],
                "rps": round(loaded["rps"], 1),
                "errors": single["errors"] + sum(run["errors"] for run in ordered),
            }
            print(
                f"  {name:24s} {target:10s} p50 {single['p50_ms']:7.2f}  "
                f"p95 {single['p95_ms']:7.2f}  p99 {single['p99_ms']:7.2f} ms  "
                f"{loaded['rps']:8.1f} req/s  errors {figures[target][name]['errors']}",
                flush=True,
            )
    return figures


def engine_run(engine: str, database_url: str, words: dict, args) -> dict:
    setup = prepared(engine, database_url, words)
    requests = setup["requests"]
    print(f"\n== {engine}: EXPLAIN of each request's slowest query", flush=True)
    print("\n".join(setup["plans"]))
    headers = {"Authorization": f"Token {setup['token']}"}
    env = {**SERVER_ENV, "DATABASE_URL": database_url}
    results = {"main_query_ms": {n: r["main_ms"] for n, r in requests.items()}}
    paths = {name: r["path"] for name, r in requests.items()}
    bare_env = {
        "BARE_REQUESTS": str(OUT / f"requests-{engine}.json.queries"),
        "BARE_DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT / "bench"),
    }
    Path(bare_env["BARE_REQUESTS"]).write_text(json.dumps(requests, default=str))
    bare_paths = {name: f"/{name}" for name in requests}
    log = OUT / f"gunicorn-{engine}.log"
    with ExitStack() as servers:
        api = servers.enter_context(
            serving([*GUNICORN, "sahel.wsgi:application"], env, f"{API}/countries/", log, headers)
        )
        bare = servers.enter_context(
            serving([*GUNICORN, "bare_wsgi:application"], bare_env, "/claim_detail", log)
        )
        targets = {"api": (api, paths, headers), "bare": (bare, bare_paths, None)}
        if engine == "sqlite":
            targets["datasette"] = servers.enter_context(datasette_target(database_url, requests))
        print(
            f"\n== {engine}: our API and the bare WSGI ceiling (gunicorn, {CORES} workers each, "
            "same SQL)"
            + (", and Datasette on a copy of the file (main SQL)" if engine == "sqlite" else ""),
            flush=True,
        )
        results.update(measure(targets, args))
        if engine == "postgresql" and args.load_seconds:
            results["load"] = load_test(api, paths, args, headers)
    return results


@contextmanager
def datasette_target(database_url: str, requests: dict):
    """Datasette serving a copy of the file, and the path of each request's main SQL."""
    copy = OUT / "datasette" / "corpus.sqlite3"
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(database_url.removeprefix("sqlite:///"), copy)
    command = [
        str(BIN / "datasette"), "serve", str(copy), "--host", "127.0.0.1", "--port", "{port}",
        "--setting", "sql_time_limit_ms", "60000", "--setting", "default_cache_ttl", "0",
    ]  # fmt: skip
    paths = {
        name: "/corpus.json?" + urlencode({"sql": r["main_sql"], "_shape": "array"})
        for name, r in requests.items()
    }
    with serving(command, {}, paths["claim_detail"], OUT / "datasette.log") as base:
        yield base, paths, None


def load_test(base: str, paths: dict[str, str], args, headers) -> dict:
    print(f"  load: {args.load_connections} connections for {args.load_seconds} s", flush=True)
    figures = run_wrk(
        base + next(iter(paths.values())),
        seconds=args.load_seconds,
        connections=args.load_connections,
        headers=headers,
        mix=list(paths.values()),
        timeout_s=30,
    )
    print(
        f"  load: {figures['requests']} requests, {figures['rps']:.1f} req/s, "
        f"p99 {figures['p99_ms']:.1f} ms, errors {figures['errors']} "
        f"(non-2xx {figures['status_errors']}, timeouts {figures['timeouts']})"
    )
    return {
        "connections": args.load_connections,
        "seconds": args.load_seconds,
        "requests": figures["requests"],
        "rps": round(figures["rps"], 1),
        "p99_ms": figures["p99_ms"],
        "errors": figures["errors"],
    }


def ratios(results: dict) -> dict:
    """Ours ÷ theirs per request: p95 against the ceiling, req/s against Datasette."""
    table = {}
    for engine, figures in results.items():
        for name, ours in figures["api"].items():
            row = table.setdefault(name, {})
            bare = figures["bare"][name]["p95_ms"]
            row[f"{engine}_p95_vs_bare"] = round(ours["p95_ms"] / bare, 2) if bare > 0 else None
            if "datasette" in figures:
                theirs = figures["datasette"][name]["rps"]
                row["sqlite_rps_vs_datasette"] = round(ours["rps"] / theirs, 2) if theirs else None
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", default="postgresql,sqlite")
    parser.add_argument("--seconds", type=float, default=5, help="per request and phase")
    parser.add_argument("--connections", type=int, default=4 * CORES)
    parser.add_argument(
        "--rounds", type=int, default=3, help="loaded rounds per request; the median is kept"
    )
    parser.add_argument("--load-seconds", type=int, default=30)
    parser.add_argument("--load-connections", type=int, default=32)
    parser.add_argument("--prepare", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--words", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help="figures file (JSON)")
    args = parser.parse_args()
    if args.prepare:
        result = prepare(args.prepare, args.database_url, json.loads(args.words))
        args.out.write_text(json.dumps(result, default=str))
        return
    require_wrk()
    results = {}
    for engine in args.engines.split(","):
        manifest_path = OUT / f"corpus-{engine}.json"
        if not manifest_path.exists():
            raise SystemExit(f"No corpus for {engine}: run bench/make_corpus.py first.")
        manifest = json.loads(manifest_path.read_text())
        database_url = corpus_url(engine)
        results[engine] = engine_run(engine, database_url, manifest["search_words"], args)
        results[engine]["corpus"] = manifest
    previous = args.out or OUT / "api.json"
    if previous.exists():  # a run of some engines keeps the figures of the others
        kept = json.loads(previous.read_text())["engines"]
        results = {**{e: f for e, f in kept.items() if e not in results}, **results}
    figures = {
        "machine": machine(),
        "connections": args.connections,
        "rounds": args.rounds,
        "engines": results,
        "ratios": ratios(results),
    }
    path = save_figures("api", figures, args.out)
    print("\n== ours ÷ theirs")
    for name, row in figures["ratios"].items():
        print(f"  {name:24s} " + "  ".join(f"{k} {v}" for k, v in row.items()))
    print(f"figures: {path}")


if __name__ == "__main__":
    main()
