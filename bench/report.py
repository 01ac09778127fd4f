"""Write bench/RESULTS.md from the figures the benchmarks left in var/bench/*.json.

.venv/bin/python bench/report.py            # after `make bench` (which calls it)
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, ROOT, machine

RESULTS = ROOT / "bench" / "RESULTS.md"
NOTES = ROOT / "bench" / "NOTES.md"  # the hand-written "why" for targets not met
REQUEST_LABELS = {
    "claims_first_page": "Claims, first page of 50",
    "claims_country_status": "Claims by country and status",
    "claims_deep_cursor": "Claims, cursor 900,000 rows deep",
    "search_rare": "Full-text search, rare word",
    "search_medium": "Full-text search, medium word",
    "search_common": "Full-text search, common word",
    "claim_detail": "One claim",
    "events_kind_dates": "Events by kind and year",
}


def _load(name: str):
    path = OUT / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _ms(value) -> str:
    return "–" if value is None else f"{value:.1f}"


def _x(value) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**not met**")


def corpus_section(corpora: dict) -> list[str]:
    lines = ["## Data set", ""]
    lines += [
        "| engine | claims | articles | events | actors (new) | load s | of which FTS index s "
        "| of which stored documents s |"
    ]
    lines += ["|---|---:|---:|---:|---:|---:|---:|---:|"]
    for engine, corpus in corpora.items():
        rows, seconds = corpus["rows"], corpus["seconds"]
        lines.append(
            f"| {engine} | {rows.get('facts_claim', 0):,} | {rows.get('facts_article', 0):,} | "
            f"{rows.get('facts_event', 0):,} | {rows.get('facts_actor', 0):,} | "
            f"{seconds['total']} | {seconds['full_text_index']} | "
            f"{seconds.get('stored_documents', '–')} |"
        )
    words = next(iter(corpora.values()))["search_words"]
    lines += [
        "",
        "Search words, by the share of claims holding them: "
        + ", ".join(f"{k} *{v['word']}* ({v['claims']:,})" for k, v in words.items())
        + ".",
        "",
    ]
    return lines


def api_section(api: dict) -> list[str]:
    engines = api["engines"]
    pg, lite = engines.get("postgresql"), engines.get("sqlite")
    lines = ["## API (gunicorn, workers = cores; wrk on loopback)", ""]
    lines += [
        "Latency is one connection at a time (p50 / p95 / p99, ms); req/s is under "
        f"{api.get('connections', 'several')} connections, the median of "
        f"{api.get('rounds', 1)} rounds. *Bare* is the same SQL through a "
        "bare WSGI app (psycopg/sqlite3 + orjson); Datasette runs the request's main SQL on a "
        "copy of the SQLite file. Each request is measured on the three side by side, their "
        "loaded rounds taken in turns, so the machine's other load weighs on each alike.",
        "",
        "| request | PG p50 / p95 / p99 | PG req/s | PG bare p95 | PG ÷ bare | SQLite p95 | "
        "SQLite req/s | SQLite bare p95 | SQLite ÷ bare | Datasette p95 | Datasette req/s "
        "| SQLite req/s ÷ Datasette |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, label in REQUEST_LABELS.items():
        cells = [label]
        if pg and name in pg["api"]:
            ours, bare = pg["api"][name], pg["bare"][name]
            cells += [
                f"{_ms(ours['p50_ms'])} / {_ms(ours['p95_ms'])} / {_ms(ours['p99_ms'])}",
                f"{ours['rps']:.0f}",
                _ms(bare["p95_ms"]),
                _x(api["ratios"][name].get("postgresql_p95_vs_bare")),
            ]
        else:
            cells += ["–"] * 4
        if lite and name in lite["api"]:
            ours, bare, ds = lite["api"][name], lite["bare"][name], lite["datasette"][name]
            cells += [
                _ms(ours["p95_ms"]),
                f"{ours['rps']:.0f}",
                _ms(bare["p95_ms"]),
                _x(api["ratios"][name].get("sqlite_p95_vs_bare")),
                _ms(ds["p95_ms"]),
                f"{ds['rps']:.0f}",
                _x(api["ratios"][name].get("sqlite_rps_vs_datasette")),
            ]
        else:
            cells += ["–"] * 7
        lines.append("| " + " | ".join(cells) + " |")
    load = (pg or {}).get("load")
    if load:
        lines += [
            "",
            f"Load on PostgreSQL: {load['connections']} connections for {load['seconds']} s, "
            f"{load['requests']:,} requests ({load['rps']:.0f} req/s), p99 {load['p99_ms']:.0f} "
            f"ms, **{load['errors']} errors**.",
        ]
    lines.append("")
    return lines


def admin_section(admin: dict) -> list[str]:
    engines = admin["engines"]
    names = list(next(iter(engines.values())))
    header = " | ".join(f"{e} median / worst ms | {e} queries" for e in engines)
    lines = ["## Admin list pages (server time, in-process)", "", f"| page | {header} |"]
    lines.append("|---|" + "---:|---:|" * len(engines))
    for name in names:
        cells = [f"`{engines[next(iter(engines))][name]['path']}`"]
        for figures in engines.values():
            page = figures[name]
            cells += [f"{page['median_ms']} / {page['max_ms']}", str(page["queries"])]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def import_section(runs: list[dict]) -> list[str]:
    lines = ["## Import (bench/import_bench.py)", ""]
    lines += [
        "The same articles as plain text (`.txt`) and as saved web pages (`.html`, read with "
        "trafilatura and htmldate, the page kept as the article's snapshot).",
        "",
    ]
    lines += [
        "Texts: `seeds` builds articles from the seed articles' sentences; `corpus` is the "
        "development corpora's real articles (English and French), varied.",
        "",
    ]
    lines += [
        "| engine | texts | input | workers | articles | seconds | articles/s | claims "
        "| peak RSS MiB |"
    ]
    lines += ["|---|---|---|---:|---:|---:|---:|---:|---:|"]
    order = lambda r: (r["engine"], r.get("texts", "seeds"), r.get("input", "text"), r["workers"])  # noqa: E731
    for run in sorted(runs, key=order):
        lines.append(
            f"| {run['engine']} | {run.get('texts', 'seeds')} | {run.get('input', 'text')} | "
            f"{run['workers']} | "
            f"{run['articles']:,} | {run['seconds']:.1f} | {run['articles_per_s']:.1f} | "
            f"{run['claims']:,} | {run['peak_rss_mib']:.0f} |"
        )
    lines.append("")
    return lines


def export_section(export: dict) -> list[str]:
    lines = ["## Export of every claim (streamed)", ""]
    lines += [
        "| engine | format | rows | MiB | seconds | rows/s | peak own RSS after 100k rows "
        "| at end |"
    ]
    lines += ["|---|---|---:|---:|---:|---:|---:|---:|"]
    for engine, run in export["engines"].items():
        lines.append(
            f"| {engine} | {run['format']} | {run['rows']:,} | {run['mib']} | {run['seconds']} | "
            f"{run['rows_per_s']:,} | {run['peak_rss_mib_after_100k_rows']} MiB | "
            f"{run['peak_rss_mib_at_end']} MiB |"
        )
    lines.append("")
    return lines


def queue_section(runs: list[dict]) -> list[str]:
    lines = [
        "## Import through the job queue (bench/queue_bench.py, PostgreSQL)",
        "",
        "Articles queued with `import_articles --enqueue`, imported by `procrastinate worker` "
        "processes started together (worker start-up included).",
        "",
        "| workers | articles | seconds | articles/s | succeeded | failed |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        lines.append(
            f"| {run['workers']} | {run['articles']:,} | {run['seconds']} | "
            f"{run['articles_per_s']} | {run['succeeded']:,} | {run['failed']} |"
        )
    lines.append("")
    return lines


def replica_section(replica: dict) -> list[str]:
    lag, api, tests = replica["lag"], replica["api"], replica.get("tests")
    lines = [
        "## A streaming read replica (bench/replica_bench.py)",
        "",
        "A second PostgreSQL cluster on this machine, started as a hot standby of the first "
        f"(`pg_basebackup -R`, WAL streamed; base backup {replica['standby']['base_backup_s']} s). "
        f"A committed write was visible on it after p50 {lag['visible_p50_ms']} ms, "
        f"p95 {lag['visible_p95_ms']} ms, max {lag['visible_max_ms']} ms "
        f"({lag['writes']} single-row commits). "
        + (f"Tests with reads routed to it: {tests['summary']}. " if tests else "")
        + f"Every request of the API mix answered the same from both ({api['same_answers']}).",
        "",
        f"The API on the PostgreSQL corpus ({api['claims']:,} claims), {api['connections']} "
        "connections over the request mix:",
        "",
        "| reads served by | req/s | p50 ms | p95 ms | errors | standby transactions |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for mode, row in api["modes"].items():
        lines.append(
            f"| {mode} | {row['rps']} | {_ms(row['p50_ms'])} | {_ms(row['p95_ms'])} | "
            f"{row['errors']} | {row['standby_transactions']:,} |"
        )
    lines += [
        "",
        "Both clusters share this machine's cores, so a standby here cannot add capacity; on "
        "a machine of its own it takes the reads off the primary.",
        "",
    ]
    return lines


def targets(api, admin, imports, export) -> list[str]:
    rows = []
    pg = (api or {}).get("engines", {}).get("postgresql")
    lite = (api or {}).get("engines", {}).get("sqlite")
    ratios = (api or {}).get("ratios", {})
    lists = ("claims_first_page", "claims_country_status")
    # Issue 18: claim lists, search and event lists, each against Datasette and the ceiling.
    read_path = [name for name in REQUEST_LABELS if name != "claim_detail"]

    def worst_of(key: str, pick) -> tuple[float, str]:
        values = [(ratios[n][key] or 0, n) for n in read_path if n in ratios and key in ratios[n]]
        return pick(values) if values else (0.0, "")

    if pg:
        worst = max(pg["api"][n]["p95_ms"] for n in lists)
        rows.append(
            (
                "Claims list p95 ≤ 25 ms on PostgreSQL (1,000,000 claims)",
                f"{worst:.1f} ms",
                worst <= 25,
            )
        )
        ratio, name = worst_of("postgresql_p95_vs_bare", max)
        rows.append(
            (
                "Claim lists, search, events: p95 within 2.0× the bare ceiling (PG, worst)",
                f"{_x(ratio)} ({REQUEST_LABELS.get(name, name)})",
                ratio <= 2.0,
            )
        )
        deep = pg["api"]["claims_deep_cursor"]["p95_ms"] / pg["api"]["claims_first_page"]["p95_ms"]
        rows.append(("Deep cursor p95 within 1.3× of first page (PG)", _x(deep), deep <= 1.3))
        common, rare = pg["api"]["search_common"]["p95_ms"], pg["api"]["search_rare"]["p95_ms"]
        rows.append(("Search p95 ≤ 150 ms common word (PG)", f"{common:.1f} ms", common <= 150))
        rows.append(("Search p95 ≤ 30 ms rare word (PG)", f"{rare:.1f} ms", rare <= 30))
        load = pg.get("load")
        if load:
            rows.append(
                (
                    "30 s at 32 connections: zero errors",
                    f"{load['errors']} errors",
                    load["errors"] == 0,
                )
            )
    if lite:
        ratio, name = worst_of("sqlite_rps_vs_datasette", min)
        rows.append(
            (
                "Claim lists, search, events: req/s ≥ Datasette's (SQLite, worst)",
                f"{_x(ratio)} ({REQUEST_LABELS.get(name, name)})",
                ratio >= 1,
            )
        )
        ratio, name = worst_of("sqlite_p95_vs_bare", max)
        rows.append(
            (
                "Claim lists, search, events: p95 within 2.0× the bare ceiling (SQLite, worst)",
                f"{_x(ratio)} ({REQUEST_LABELS.get(name, name)})",
                ratio <= 2.0,
            )
        )
        common, rare = lite["api"]["search_common"]["p95_ms"], lite["api"]["search_rare"]["p95_ms"]
        rows.append(("Search p95 ≤ 150 ms common word (SQLite)", f"{common:.1f} ms", common <= 150))
        rows.append(("Search p95 ≤ 30 ms rare word (SQLite)", f"{rare:.1f} ms", rare <= 30))
        deep = (
            lite["api"]["claims_deep_cursor"]["p95_ms"] / lite["api"]["claims_first_page"]["p95_ms"]
        )
        rows.append(("Deep cursor p95 within 1.3× of first page (SQLite)", _x(deep), deep <= 1.3))
    if admin:
        for engine, pages in admin["engines"].items():
            worst = max(page["median_ms"] for page in pages.values())
            rows.append(
                (
                    f"Admin list pages ≤ 300 ms ({engine}, slowest median)",
                    f"{worst} ms",
                    worst <= 300,
                )
            )
    if imports:
        for engine in sorted({run["engine"] for run in imports}):
            # The targets are the plain-text figures; the web-page ones are reported beside.
            by_workers = {
                run["workers"]: run["articles_per_s"]
                for run in imports
                if run["engine"] == engine
                and run.get("input", "text") == "text"
                and run.get("texts", "seeds") == "seeds"
            }
            if 1 in by_workers:
                rows.append(
                    (
                        f"Import ≥ 100 articles/s, one process ({engine})",
                        f"{by_workers[1]:.1f}/s",
                        by_workers[1] >= 100,
                    )
                )
            if 1 in by_workers and 2 in by_workers:
                speedup = by_workers[2] / by_workers[1]
                rows.append(
                    (f"Import with 2 workers ≥ 1.7× ({engine})", _x(speedup), speedup >= 1.7)
                )
    if export:
        for engine, run in export["engines"].items():
            growth = run["peak_rss_mib_at_end"] - run["peak_rss_mib_after_100k_rows"]
            rows.append(
                (f"Export streams with flat memory ({engine})",
                 f"+{growth} MiB from 100k rows to {run['rows']:,}", growth <= 32)
            )  # fmt: skip
    lines = ["## Targets", "", "| target | measured | |", "|---|---|---|"]
    lines += [f"| {what} | {measured} | {_verdict(ok)} |" for what, measured, ok in rows]
    lines.append("")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    api, admin, export = _load("api"), _load("admin"), _load("export")
    replica, queue = _load("replica"), _load("queue")
    # The seed-based runs, and those on the development corpora's real articles.
    imports = (_load("import") or []) + (_load("import-corpus") or [])
    corpora = {e: _load(f"corpus-{e}") for e in ("postgresql", "sqlite")}
    corpora = {e: c for e, c in corpora.items() if c}
    host = (api or admin or {}).get("machine") or machine()
    lines = [
        "# Benchmark results",
        "",
        f"Measured {host['date']} on {host['cores']} cores, {host['memory_gib']} GiB "
        f"({host['cpu']}), Python {host['python']}. Regenerate everything, corpus included, "
        "with `make bench` (full scale; `make bench SCALE=0.01` for a quick run). Figures "
        "are the latest run's; they move with the machine's load.",
        "",
    ]
    if corpora:
        lines += corpus_section(corpora)
    lines += targets(api, admin, imports, export)
    if NOTES.exists():
        lines += [NOTES.read_text(encoding="utf-8").strip(), ""]
    if api:
        lines += api_section(api)
    if admin:
        lines += admin_section(admin)
    if imports:
        lines += import_section(imports)
    if export:
        lines += export_section(export)
    if queue:
        lines += queue_section(queue)
    if replica:
        lines += replica_section(replica)
    lines += [
        "EXPLAIN plans of every request's main query are printed by `bench/api_bench.py` "
        "(and kept in `var/bench/requests-<engine>.json`).",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
