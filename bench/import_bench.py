"""Import throughput: build a corpus of N articles from the seeds' sentences, import it into a
fresh database, print articles per second and peak memory. Run by hand, on each engine:

    .venv/bin/python bench/import_bench.py                 # SQLite and PostgreSQL
    .venv/bin/python bench/import_bench.py --engine sqlite --articles 2000

PostgreSQL is reached through BENCH_POSTGRES_URL (default: the role CI uses); a throw-away
database is created and dropped there.
"""

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_PG = "postgres://sahel:sahel@127.0.0.1:5432/postgres"
COUNTRIES = ["Mali", "Niger", "Burkina Faso", "Chad", "Mauritania", "Senegal", "Nigeria", "Benin"]
MONTHS = ["January", "March", "April", "June", "July", "September", "October", "November"]


def build_corpus(folder: Path, count: int, seed: int = 7) -> None:
    """Articles made of seed sentences, shuffled and varied (places, years, numbers)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahel.settings")
    django.setup()
    from facts.ingest.cleaning import clean_article
    from facts.ingest.reading import normalize_text
    from facts.ingest.sentences import split_sentences

    sentences: list[str] = []
    for path in sorted((ROOT / "fixtures" / "articles").glob("*.txt")):
        cleaned = clean_article(normalize_text(path.read_text("utf-8")))
        sentences += [
            s.text for s in split_sentences(cleaned.text, cleaned.paragraphs) if not s.is_heading
        ]
    rng = random.Random(seed)
    for index in range(count):
        picked = rng.sample(sentences, k=min(len(sentences), rng.randint(8, 24)))
        year = rng.randint(2015, 2026)
        varied = []
        for sentence in picked:
            sentence = sentence.replace("2023", str(year)).replace("2022", str(year - 1))
            if rng.random() < 0.3:
                sentence = sentence.replace("Mali", rng.choice(COUNTRIES))
            sentence = sentence.replace("5,000", f"{rng.randint(2, 9)},{rng.randint(100, 999)}")
            varied.append(sentence)
        body = "\n\n".join(varied)
        title = f"Sahel bulletin {index}: {rng.choice(COUNTRIES)} update"
        dateline = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {year}"
        header = f"{title}\n\n{dateline}\n\n"
        (folder / f"article_{index:05d}.txt").write_text(header + body + "\n", encoding="utf-8")


def run_engine(engine: str, articles: int) -> None:
    """Runs in a child process so peak memory belongs to one engine's import."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        if engine == "sqlite":
            os.environ["DATABASE_URL"] = f"sqlite:///{tmp_path / 'bench.sqlite3'}"
        else:
            base = os.environ.get("BENCH_POSTGRES_URL", DEFAULT_PG)
            import psycopg

            name = f"sahel_bench_{os.getpid()}"
            with psycopg.connect(
                base.replace("postgres://", "postgresql://"), autocommit=True
            ) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
                conn.execute(f'CREATE DATABASE "{name}"')
            os.environ["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/" + name
        os.environ.setdefault("DEBUG", "1")
        build_corpus(corpus, articles)
        from django.core.management import call_command

        from facts.ingest.pipeline import import_sources
        from facts.ingest.sources import expand_paths
        from facts.models import Claim, Event

        call_command("migrate", verbosity=0)
        call_command("loaddata", "countries", "actors", verbosity=0)
        sources = list(expand_paths([str(corpus)]))
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        run = import_sources(sources)
        elapsed = time.perf_counter() - started
        rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        summary = run.summary()
        print(
            f"{engine:10s} {len(sources):5d} articles in {elapsed:6.1f} s = "
            f"{len(sources) / elapsed:6.1f} articles/s | claims {Claim.objects.count():6d} "
            f"events {Event.objects.count():5d} | failed {summary['articles']['failed']} | "
            f"peak RSS {rss_peak / 1024:.0f} MiB (before import {rss_before / 1024:.0f} MiB)"
        )
        if engine == "postgres":
            from django.db import connections

            connections.close_all()
            with psycopg.connect(
                base.replace("postgres://", "postgresql://"), autocommit=True
            ) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_engine(args.engine, args.articles)
        return
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    for engine in engines:
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--child",
                "--engine",
                engine,
                "--articles",
                str(args.articles),
            ],
            check=True,
        )


if __name__ == "__main__":
    main()
