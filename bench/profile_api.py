"""Where one API request's time goes: the benchmark's request mix, served in-process through
the whole WSGI stack (middleware included) under pyinstrument.

    .venv/bin/python bench/profile_api.py                      # var/bench's SQLite corpus
    .venv/bin/python bench/profile_api.py --database-url postgres://…/sahel_corpus \
        --request claims_first_page --repeat 300

Prints, per request, its mean time in-process and the profile of the repeated calls (the
frames that took at least `--min-share` of it); `--times-only` prints the mean alone, without
the profiler's overhead. Run by hand; nothing here is asserted.
"""

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import OUT, corpus_url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=None, help="default: the SQLite corpus")
    parser.add_argument("--request", action="append", help="a name from the mix; repeatable")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--min-share", type=float, default=0.02)
    parser.add_argument(
        "--show-all", action="store_true", help="show library frames too, not only ours"
    )
    parser.add_argument("--anonymous", action="store_true", help="no token: a public reader")
    parser.add_argument(
        "--times-only", action="store_true", help="mean time per request, without the profiler"
    )
    args = parser.parse_args()

    from common import bench_viewer, setup_django

    setup_django(args.database_url or corpus_url("sqlite"))
    from api_bench import request_mix
    from django.test import Client
    from pyinstrument import Profiler
    from rest_framework.authtoken.models import Token

    from facts.models import Claim

    manifest = next(OUT.glob("corpus-*.json"), None)
    words = json.loads(manifest.read_text()).get("search_words", {}) if manifest else {}
    if not words:
        words = {level: {"word": "mali"} for level in ("rare", "medium", "common")}
    newest = Claim.objects.order_by("-id").values_list("id", flat=True).first() or 1
    count = Claim.objects.count()
    mix = request_mix(
        words,
        {"deep_position": str(newest - int(count * 0.9)), "detail": str(newest - count // 2)},
    )
    headers = {}
    if not args.anonymous:
        token, _ = Token.objects.get_or_create(user=bench_viewer())
        headers["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    client = Client(**headers)
    for name in args.request or list(mix):
        path = mix[name]
        for _ in range(20):  # warm: caches, compiled regexes, the connection
            response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path}: HTTP {response.status_code}")
        if args.times_only:
            started = time.perf_counter()
            for _ in range(args.repeat):
                client.get(path)
            mean_ms = (time.perf_counter() - started) * 1000 / args.repeat
            print(f"{name:24s} {mean_ms:7.2f} ms in-process (mean of {args.repeat})")
            continue
        profiler = Profiler(interval=0.0002)
        started = time.perf_counter()
        with profiler:
            for _ in range(args.repeat):
                client.get(path)
        mean_ms = (time.perf_counter() - started) * 1000 / args.repeat
        print(f"\n=== {name}: {path}  mean {mean_ms:.2f} ms in-process")
        print(
            profiler.output_text(
                unicode=False,
                color=False,
                show_all=args.show_all,
                time="percent_of_total",
                processor_options={"filter_threshold": args.min_share},
            ).replace("\n\n", "\n")[: 30000 if args.show_all else 6000]
        )


if __name__ == "__main__":
    main()
