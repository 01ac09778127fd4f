"""Import through the job queue: articles queued with `import_articles --enqueue`, imported
by 1 and then 2 `procrastinate worker` processes (PostgreSQL only).

Each run starts from a scratch database, queues the articles (bench/import_bench.py builds
them), starts the workers together with `--one-shot` and times them until the queue is
empty: articles per second, and how many jobs failed.

    .venv/bin/python bench/queue_bench.py                       # 500 articles, 1 and 2 workers
    .venv/bin/python bench/queue_bench.py --articles 20         # smoke run
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, drop_database, postgres_url, recreate_database, save_figures
from import_bench import build_corpus, build_real_corpus


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )


def job_statuses(url: str) -> dict[str, int]:
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        rows = conn.execute("SELECT status, count(*) FROM procrastinate_jobs GROUP BY status")
        return {status: count for status, count in rows}


def run(corpus: Path, workers: int) -> dict:
    url = postgres_url(f"sahel_bench_queue_{os.getpid()}")
    recreate_database(url)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "sahel.settings",
        "ENV_FILE": "",
        "DEBUG": "0",
        "SECRET_KEY": "queue-bench-only-" + "x" * 40,
    }
    try:
        manage(env, "migrate", "-v0")
        manage(env, "loaddata", "countries", "actors", "-v0")
        queued = json.loads(
            manage(env, "import_articles", "--enqueue", "--json", str(corpus)).stdout
        )
        command = [sys.executable, "manage.py", "procrastinate", "worker"]
        command += ["--queues", "imports", "--one-shot"]
        started = time.perf_counter()
        processes = [
            subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            for _ in range(workers)
        ]
        errors = [process.communicate()[1] for process in processes]
        elapsed = time.perf_counter() - started
        if any(process.returncode for process in processes):
            raise SystemExit(b"\n".join(errors).decode(errors="replace")[-3000:])
        statuses = job_statuses(url)
    finally:
        drop_database(url)
    articles = len(queued["job_ids"])
    result = {
        "workers": workers,
        "articles": articles,
        "seconds": round(elapsed, 2),
        "articles_per_s": round(articles / elapsed, 1),
        "succeeded": statuses.get("succeeded", 0),
        "failed": statuses.get("failed", 0),
    }
    print(
        f"queue  {workers} worker{'s' if workers > 1 else ' '} {articles:5d} articles in "
        f"{elapsed:6.1f} s = {result['articles_per_s']:6.1f} articles/s | "
        f"succeeded {result['succeeded']} failed {result['failed']}",
        flush=True,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--texts", choices=["seeds", "corpus"], default="seeds")
    parser.add_argument("--json", type=Path, help="figures file (JSON)")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp)
        if args.texts == "corpus":
            build_real_corpus(corpus, args.articles)
        else:
            build_corpus(corpus, args.articles)
        for workers in (1, 2):
            results.append({"texts": args.texts, **run(corpus, workers)})
    rates = {r["workers"]: r["articles_per_s"] for r in results}
    print(f"queue  2 workers {rates[2] / rates[1]:.2f}× the rate of 1")
    print(f"figures: {save_figures('queue', results, args.json)}")


if __name__ == "__main__":
    main()
