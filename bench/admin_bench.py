"""Admin list pages at scale: server time and query count of the claim, event, actor and
article lists, unfiltered, filtered and searched, on the corpora of bench/make_corpus.py.

Pages are rendered through Django's full handler (middleware, admin, templates) in-process,
as a logged-in superuser; each is requested once to warm caches, then timed over several
runs (median and worst). The query count is taken on the last run.

    .venv/bin/python bench/admin_bench.py                      # both corpora
    .venv/bin/python bench/admin_bench.py --engines sqlite --runs 3
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, corpus_url, machine, save_figures

ADMIN = "/admin/facts"


def pages(words: dict) -> dict[str, str]:
    medium = words["medium"]["word"]
    return {
        "claims": f"{ADMIN}/claim/?o=",
        "claims_unreviewed_queue": f"{ADMIN}/claim/?status__exact=unreviewed",
        "claims_filtered": f"{ADMIN}/claim/?status__exact=verified&predicate__exact=attacked",
        "claims_searched": f"{ADMIN}/claim/?q={medium}",
        "events": f"{ADMIN}/event/",
        "events_filtered": f"{ADMIN}/event/?kind__exact=attack&status__exact=unreviewed",
        "events_searched": f"{ADMIN}/event/?q={medium}",
        "actors": f"{ADMIN}/actor/",
        "actors_filtered": f"{ADMIN}/actor/?kind__exact=person&status__exact=verified",
        "actors_searched": f"{ADMIN}/actor/?q=traore",
        "articles": f"{ADMIN}/article/",
        "articles_filtered": f"{ADMIN}/article/?reliability__exact=B",
        "articles_searched": f"{ADMIN}/article/?q={medium}",
    }


def measure(database_url: str, words: dict, runs: int) -> dict:
    from common import setup_django

    setup_django(database_url)
    from django.contrib.auth import get_user_model

    # Production settings serve hashed static files from a manifest, as after a deploy.
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("collectstatic", interactive=False, verbosity=0)

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    figures = {}
    for name, path in pages(words).items():
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        times = []
        for _ in range(runs):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(path)
                times.append((time.perf_counter() - started) * 1000)
        figures[name] = {
            "path": path,
            "median_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1),
            "queries": len(queries.captured_queries),
        }
        print(
            f"  {name:26s} median {figures[name]['median_ms']:7.1f} ms  "
            f"worst {figures[name]['max_ms']:7.1f} ms  {figures[name]['queries']:3d} queries",
            flush=True,
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engines", default="postgresql,sqlite")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help="figures file (JSON)")
    args = parser.parse_args()
    if args.child:
        manifest = json.loads((OUT / f"corpus-{args.child}.json").read_text())
        url = corpus_url(args.child)
        result = measure(url, manifest["search_words"], args.runs)
        args.out.write_text(json.dumps(result))
        return
    results = {}
    for engine in args.engines.split(","):
        print(f"== {engine}: admin list pages", flush=True)
        part = OUT / f"admin-{engine}.part.json"
        subprocess.run(
            [sys.executable, __file__, "--child", engine, "--runs", str(args.runs),
             "--out", str(part)],
            check=True,
        )  # fmt: skip
        results[engine] = json.loads(part.read_text())
        part.unlink()
    path = save_figures("admin", {"machine": machine(), "engines": results}, args.out)
    print(f"figures: {path}")


if __name__ == "__main__":
    main()
