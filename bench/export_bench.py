"""Export streaming at scale: every claim of the corpus as JSON Lines (or CSV), with the
process's own memory (anonymous RSS, sampled at every chunk) before, after 100,000 rows and
at the end, to show it stays flat however many rows stream.

The export is requested through Django's full handler in a child process (one per engine)
and its body consumed chunk by chunk, as a WSGI server would send it.

    .venv/bin/python bench/export_bench.py                    # both corpora, JSON Lines
    .venv/bin/python bench/export_bench.py --engines sqlite --format csv
"""

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, corpus_url, machine, peak_rss_mib, save_figures


def anonymous_rss_mib() -> float:
    """Resident memory that is the process's own (heap, stacks), without file pages: SQLite
    maps the database file into memory, and pages read through the map count in plain RSS
    though they are the kernel's page cache, shared and reclaimable."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    return peak_rss_mib()


def export(database_url: str, fmt: str) -> dict:
    from common import bench_viewer, setup_django

    setup_django(database_url)
    from django.test import Client

    user = bench_viewer()
    client = Client()
    client.force_login(user)
    rss_before = anonymous_rss_mib()
    highest = rss_before
    started = time.perf_counter()
    response = client.get(f"/api/v1/claims/export/{fmt}/")
    if response.status_code != 200:
        raise SystemExit(f"HTTP {response.status_code}")
    size = lines = 0
    rss_at_100k = None
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
        highest = max(highest, anonymous_rss_mib())
        if rss_at_100k is None and lines >= 100_000:
            rss_at_100k = highest
    seconds = time.perf_counter() - started
    rows = lines - (1 if fmt == "csv" else 0)
    return {
        "format": fmt,
        "rows": rows,
        "mib": round(size / 2**20, 1),
        "seconds": round(seconds, 1),
        "rows_per_s": round(rows / seconds),
        # Highest anonymous RSS seen so far, sampled at every chunk.
        "peak_rss_mib_before": round(rss_before),
        "peak_rss_mib_after_100k_rows": round(rss_at_100k or highest),
        "peak_rss_mib_at_end": round(highest),
        "peak_rss_mib_with_file_pages": round(peak_rss_mib()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", default="postgresql,sqlite")
    parser.add_argument("--format", choices=["jsonl", "csv"], default="jsonl")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help="figures file (JSON)")
    args = parser.parse_args()
    if args.child:
        url = corpus_url(args.child)
        args.out.write_text(json.dumps(export(url, args.format)))
        return
    results = {}
    for engine in args.engines.split(","):
        part = OUT / f"export-{engine}.part.json"
        subprocess.run(
            [sys.executable, __file__, "--child", engine, "--format", args.format,
             "--out", str(part)],
            check=True,
        )  # fmt: skip
        results[engine] = figures = json.loads(part.read_text())
        part.unlink()
        print(
            f"{engine:10s} {figures['rows']:,} claims as {figures['format']}: "
            f"{figures['mib']} MiB in {figures['seconds']} s ({figures['rows_per_s']:,}/s); "
            f"peak RSS {figures['peak_rss_mib_before']} MiB before, "
            f"{figures['peak_rss_mib_after_100k_rows']} MiB after 100,000 rows, "
            f"{figures['peak_rss_mib_at_end']} MiB at the end (own memory; with mapped file "
            f"pages {figures['peak_rss_mib_with_file_pages']} MiB)",
            flush=True,
        )
    path = save_figures("export", {"machine": machine(), "engines": results}, args.out)
    print(f"figures: {path}")


if __name__ == "__main__":
    main()
