"""What every benchmark needs: a database to point Django at, the machine it ran on, and a
place to leave its figures for bench/RESULTS.md."""

import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
# BENCH_OUT and BENCH_CORPUS_DB keep a smoke run's files and database apart from the real ones.
OUT = Path(os.environ.get("BENCH_OUT") or ROOT / "var" / "bench")
CORPUS_DB = os.environ.get("BENCH_CORPUS_DB", "sahel_corpus")
DEFAULT_PG_SERVER = "postgres://sahel:sahel@127.0.0.1:5432"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def postgres_url(database: str) -> str:
    server = os.environ.get("BENCH_POSTGRES_SERVER", DEFAULT_PG_SERVER).rstrip("/")
    return f"{server}/{database}"


def corpus_url(engine: str) -> str:
    """Where bench/make_corpus.py puts the corpus of an engine (BENCH_<ENGINE>_URL overrides)."""
    override = os.environ.get(f"BENCH_{engine.upper()}_URL")
    if override:
        return override
    return postgres_url(CORPUS_DB) if engine == "postgresql" else sqlite_url(OUT / "corpus.sqlite3")


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///").removeprefix("sqlite://"))


def _maintenance_url(url: str) -> str:
    parts = urlsplit(url.replace("postgres://", "postgresql://", 1))
    return urlunsplit(parts._replace(path="/postgres"))


def _database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


class UnsafeTarget(ValueError):
    """A database a benchmark must not drop."""


def check_scratch_target(url: str) -> None:
    """Benchmarks drop and rebuild their database: refuse anything that is not plainly a
    scratch one (a name with "bench" or "corpus" in it), so a production DATABASE_URL pasted
    by mistake is never wiped."""
    if not (is_postgres(url) or url.startswith("sqlite:///")):
        raise UnsafeTarget(f"{url!r}: give a sqlite:///… or postgres://… URL.")
    name = _database_name(url) if is_postgres(url) else sqlite_path(url).name
    if not any(word in name.lower() for word in ("bench", "corpus")):
        raise UnsafeTarget(
            f"{url!r}: the benchmark drops this database first; its name must contain "
            "'bench' or 'corpus' (e.g. sahel_corpus, var/bench/corpus.sqlite3)."
        )


def recreate_database(url: str) -> None:
    """An empty database at `url` (the SQLite file, or a PostgreSQL database, dropped first)."""
    check_scratch_target(url)
    if is_postgres(url):
        import psycopg

        name = _database_name(url)
        with psycopg.connect(_maintenance_url(url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        path = sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def drop_database(url: str) -> None:
    if is_postgres(url):
        import psycopg

        with psycopg.connect(_maintenance_url(url), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{_database_name(url)}" WITH (FORCE)')


def setup_django(database_url: str) -> None:
    """Django against `database_url`, with settings a benchmark needs (no throttling)."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sahel.settings")
    # Production settings: DEBUG would keep a log of the last 9,000 queries in memory and
    # slow every query down.
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 50)
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("SESSION_COOKIE_SECURE", "0")
    os.environ.setdefault("CSRF_COOKIE_SECURE", "0")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("API_ANON_RATE", "100000000/minute")
    import django

    django.setup()


def machine() -> dict:
    memory_kib = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    except OSError:
        pass
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def save_figures(name: str, figures, path: Path | None = None) -> Path:
    """Write a benchmark's figures as JSON (var/bench/<name>.json unless told otherwise)."""
    path = path or OUT / f"{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2, default=str) + "\n", encoding="utf-8")
    return path


def peak_rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_viewer():
    """The account benchmarks read as: a staff account in the viewer role, which reads
    everything (a role without staff status reads only what is published)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user, _ = get_user_model().objects.update_or_create(
        username="bench-viewer", defaults={"is_staff": True}
    )
    user.groups.add(Group.objects.get(name="viewer"))
    return user
