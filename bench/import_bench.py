"""Import throughput: build a corpus of N articles from the seeds' sentences, import it into a
fresh database, print articles per second and peak memory. Run by hand, on each engine:

    .venv/bin/python bench/import_bench.py                 # both engines, 1 and 2 workers
    .venv/bin/python bench/import_bench.py --engine sqlite --articles 2000 --workers 2
    .venv/bin/python bench/import_bench.py --articles 20 --json var/import_bench.json
    .venv/bin/python bench/import_bench.py --input html    # only the web-page figure
    .venv/bin/python bench/import_bench.py --texts corpus  # real articles, not the seeds

Each corpus is measured as plain text (.txt) and as web pages (.html): the same articles,
each wrapped in a page as a news site serves it (menus, share buttons, a caption, related
links, a footer, JSON-LD and Open Graph metadata), so the difference is what reading the page
costs (decoding, trafilatura's extraction, htmldate) and storing its snapshot.

`--texts seeds` (the default) builds each article from sentences of the five seed articles;
`--texts corpus` takes the development corpora instead (bench/corpus and bench/corpus_fr:
real articles from wires, governments, the UN and encyclopedias, English and French), each
generated article one of them with its years shifted, its numbers changed and its paragraphs
rotated, so speed is not measured on the seeds' style alone.

PostgreSQL is reached through BENCH_POSTGRES_URL (default: the role CI uses); a throw-away
database is created and dropped there. Each run is a fresh process, so its peak memory is its
own. The import runs with DEBUG off, as in production (DEBUG=1 in the environment measures it
with Django's query log, which costs time and memory of its own).

--json writes one object per engine, input and worker count: engine, input, workers, articles,
seconds, articles_per_s, claims, events, failed and peak_rss_mib. peak_rss_mib is the importing
process's peak plus, with workers, the largest worker's peak once per worker: an upper bound,
since workers share pages with the process that started them.
"""

import argparse
import html
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_PG = "postgres://sahel:sahel@127.0.0.1:5432/postgres"
COUNTRIES = ["Mali", "Niger", "Burkina Faso", "Chad", "Mauritania", "Senegal", "Nigeria", "Benin"]
MONTHS = ["January", "March", "April", "June", "July", "September", "October", "November"]
INPUTS = ("text", "html")
# A news site's article page, as the .html corpus serves each article.
PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | Sahel Bulletin</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="Sahel Bulletin">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{iso}T09:30:00Z">
<meta property="article:modified_time" content="{iso}T17:05:00Z">
<link rel="canonical" href="https://bulletin.example/news/{index}">
<link rel="stylesheet" href="/static/site.css">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "{title}", "datePublished": "{iso}T09:30:00Z", "author": {{"@type": "Person",
"name": "Amadou Traoré"}}, "publisher": {{"@type": "Organization", "name": "Sahel Bulletin"}}}}
</script>
<script>window.analytics = {{"page": "article", "id": {index}}};</script>
</head>
<body>
<div id="cookie-consent"><p>We use cookies to measure our audience.</p><button>Accept</button></div>
<header class="site-header"><a class="logo" href="/">Sahel Bulletin</a>
<nav><ul><li><a href="/world">World</a></li><li><a href="/africa">Africa</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/security">Security</a></li>
<li><a href="/economy">Economy</a></li><li><a href="/opinion">Opinion</a></li>
<li><a href="/video">Video</a></li><li><a href="/newsletters">Newsletters</a></li></ul></nav>
</header>
<main><article class="story">
<h1 class="headline">{title}</h1>
<p class="byline">By <a href="/authors/amadou-traore">Amadou Traoré</a> ·
<time datetime="{iso}">{dateline}</time></p>
<div class="share-tools"><a href="#">Share</a> <a href="#">Facebook</a> <a href="#">X</a>
<a href="#">WhatsApp</a> <a href="#">Email</a></div>
<figure><img src="/img/{index}.jpg" alt=""><figcaption>A checkpoint outside the capital.
Photo: Sahel Bulletin</figcaption></figure>
<div class="story-body">
{paragraphs}
</div>
<aside class="related-stories"><h3>Related</h3><ul>
<li><a href="/news/{index}1">Regional leaders meet over security pact</a></li>
<li><a href="/news/{index}2">Aid agencies warn of funding gap</a></li>
<li><a href="/news/{index}3">Border crossings reopen after six months</a></li></ul></aside>
<div class="newsletter-signup"><p>Get the Sahel Bulletin in your inbox every morning.</p>
<input type="email" placeholder="Email"><button>Sign up</button></div>
</article></main>
<footer class="site-footer"><ul><li><a href="/about">About us</a></li>
<li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li></ul>
<p>© Sahel Bulletin. All rights reserved.</p></footer>
</body>
</html>
"""


TEXTS = ("seeds", "corpus")
_YEAR = re.compile(r"\b(20[12]\d)\b")
_COUNT = re.compile(r"\b([1-9]\d{0,2})\b(?=\s+[a-zà-ÿ])")


def _varied(text: str, rng: random.Random) -> str:
    """A real article, varied: years shifted, counts changed, paragraphs rotated."""
    shift = rng.randint(-3, 3)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    text = _COUNT.sub(lambda m: str(max(1, int(m.group(1)) + rng.randint(-5, 5))), text)
    title, _, body = text.partition("\n\n")
    paragraphs = body.split("\n\n")
    turn = rng.randrange(len(paragraphs)) if len(paragraphs) > 2 else 0
    return title + "\n\n" + "\n\n".join(paragraphs[turn:] + paragraphs[:turn])


def build_real_corpus(folder: Path, count: int, seed: int = 7) -> None:
    """`count` articles from the development corpora's texts, each varied."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahel.settings")
    django.setup()
    texts = [
        path.read_text("utf-8")
        for corpus in ("corpus", "corpus_fr")
        for path in sorted((ROOT / "bench" / corpus).rglob("*.txt"))
    ]
    rng = random.Random(seed)
    for index in range(count):
        (folder / f"article_{index:05d}.txt").write_text(
            _varied(texts[index % len(texts)], rng) + "\n", encoding="utf-8"
        )


def build_corpus(folder: Path, count: int, seed: int = 7, page: bool = False) -> None:
    """Articles made of seed sentences, shuffled and varied (places, years, numbers); as
    plain-text files, or (`page`) as the same articles in web pages."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahel.settings")
    django.setup()
    from facts.ingest.analysis.cleaning import clean_article
    from facts.ingest.analysis.sentences import split_sentences
    from facts.ingest.reading import normalize_text

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
        if page:
            iso = datetime.strptime(dateline, "%B %d, %Y").date().isoformat()
            paragraphs = "\n".join(f"<p>{html.escape(sentence)}</p>" for sentence in varied)
            (folder / f"article_{index:05d}.html").write_text(
                PAGE.format(
                    title=html.escape(title),
                    iso=iso,
                    dateline=dateline,
                    index=index,
                    paragraphs=paragraphs,
                ),
                encoding="utf-8",
            )
            continue
        header = f"{title}\n\n{dateline}\n\n"
        (folder / f"article_{index:05d}.txt").write_text(header + body + "\n", encoding="utf-8")


def run_engine(
    engine: str,
    articles: int,
    workers: int,
    source: str = "text",
    texts: str = "seeds",
    profile: Path | None = None,
) -> dict:
    """One import, in a child process so peak memory belongs to it alone."""
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
        os.environ.setdefault("DEBUG", "0")
        os.environ.setdefault("SECRET_KEY", "import-bench-only-" + "x" * 40)  # DEBUG off needs one
        if texts == "corpus":
            build_real_corpus(corpus, articles)
        else:
            build_corpus(corpus, articles, page=source == "html")
        from django.core.management import call_command

        from facts.ingest.pipeline import import_sources
        from facts.ingest.reading.sources import expand_paths
        from facts.models import Claim, Event

        call_command("migrate", verbosity=0)
        call_command("loaddata", "countries", "actors", verbosity=0)
        sources = list(expand_paths([str(corpus)]))
        profiler = None
        if profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.001)
            profiler.start()
        started = time.perf_counter()
        run = import_sources(sources, workers=workers)
        elapsed = time.perf_counter() - started
        if profiler:
            profiler.stop()
            profile.write_text(
                profiler.output_text(unicode=False, color=False, time="percent_of_total"),
                encoding="utf-8",
            )
        parent_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # The workers have exited by now: the largest one's peak.
        worker_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        result = {
            "engine": engine,
            "input": source,
            "texts": texts,
            "workers": workers,
            "articles": len(sources),
            "seconds": round(elapsed, 3),
            "articles_per_s": round(len(sources) / elapsed, 1),
            "claims": Claim.objects.count(),
            "events": Event.objects.count(),
            "failed": run.summary()["articles"]["failed"],
            "peak_rss_mib": round(parent_mib + (worker_mib * workers if workers > 1 else 0)),
        }
        memory = f"peak RSS {parent_mib:.0f} MiB" + (
            f" + {workers} workers × {worker_mib:.0f} MiB" if workers > 1 else ""
        )
        print(
            f"{engine:8s} {source:4s} {texts:6s} {workers} worker{'s' if workers > 1 else ' '} "
            f"{result['articles']:5d} articles in {elapsed:6.1f} s = "
            f"{result['articles_per_s']:6.1f} articles/s | claims {result['claims']:6d} "
            f"events {result['events']:5d} | failed {result['failed']} | {memory}",
            flush=True,
        )
        if engine == "postgres":
            from django.db import connections

            connections.close_all()
            for connection in connections.all():
                if hasattr(connection, "close_pool"):  # DEBUG off: psycopg's pool holds some
                    connection.close_pool()
            with psycopg.connect(
                base.replace("postgres://", "postgresql://"), autocommit=True
            ) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument(
        "--workers",
        type=int,
        help="extraction processes (default: measure 1 and 2)",
    )
    parser.add_argument(
        "--input",
        choices=[*INPUTS, "both"],
        default="both",
        help="plain-text files, web pages, or both (default)",
    )
    parser.add_argument(
        "--texts",
        choices=TEXTS,
        default="seeds",
        help="articles from the seeds' sentences (default) or the development corpora",
    )
    parser.add_argument("--json", type=Path, help="write the results to this file, as JSON")
    parser.add_argument(
        "--profile",
        type=Path,
        help="write a pyinstrument profile of the importing process (the last run) here",
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.workers is not None and args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.child:
        result = run_engine(
            args.engine, args.articles, args.workers, args.input, args.texts, args.profile
        )
        args.child.write_text(json.dumps(result), encoding="utf-8")
        return
    engines = ["sqlite", "postgres"] if args.engine == "both" else [args.engine]
    inputs = list(INPUTS) if args.input == "both" else [args.input]
    if args.texts == "corpus":
        inputs = ["text"]  # the development corpora are plain text
    worker_counts = [args.workers] if args.workers else [1, 2]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for engine in engines:
            for source in inputs:
                for workers in worker_counts:
                    out = Path(tmp) / f"{engine}-{source}-{workers}.json"
                    subprocess.run(
                        [
                            sys.executable,
                            __file__,
                            "--child",
                            str(out),
                            "--engine",
                            engine,
                            "--input",
                            source,
                            "--articles",
                            str(args.articles),
                            "--workers",
                            str(workers),
                            "--texts",
                            args.texts,
                            *(["--profile", str(args.profile)] if args.profile else []),
                        ],
                        check=True,
                    )
                    results.append(json.loads(out.read_text(encoding="utf-8")))
    for engine in engines:
        for source in inputs:
            rates = {
                r["workers"]: r["articles_per_s"]
                for r in results
                if r["engine"] == engine and r["input"] == source
            }
            if 1 in rates and len(rates) > 1:
                print(
                    f"{engine:8s} {source:4s} "
                    + ", ".join(f"{w} workers {rates[w] / rates[1]:.2f}×" for w in rates if w > 1)
                    + " the rate of 1"
                )
        text, page = (
            {
                r["workers"]: r["articles_per_s"]
                for r in results
                if r["engine"] == engine and r["input"] == i
            }
            for i in INPUTS
        )
        for workers in sorted(set(text) & set(page)):
            print(
                f"{engine:8s} html {workers} worker{'s' if workers > 1 else ' '} "
                f"{page[workers] / text[workers]:.2f}× the rate of text"
            )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
