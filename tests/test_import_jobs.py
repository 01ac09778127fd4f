"""Import jobs on the PostgreSQL queue: `import_articles --enqueue` and its workers.

Workers run as `manage.py procrastinate worker` processes, two at a time, against a scratch
database; the database they leave is compared with what one in-process import of the same
files leaves. On SQLite there is no queue, and the command says so.
"""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from tests.servers import ROOT

SEEDS = ROOT / "fixtures" / "articles"
CORPUS = ROOT / "bench" / "corpus"

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the job queue lives in PostgreSQL"
)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="SQLite has no job queue")
@pytest.mark.django_db
def test_on_sqlite_enqueue_says_the_queue_needs_postgresql():
    with pytest.raises(CommandError, match=r"--enqueue: the job queue lives in PostgreSQL"):
        call_command("import_articles", "--enqueue", str(SEEDS))


def _scratch_database(tag: str):
    s = connection.settings_dict
    name = f"sahel_jobs_{tag}_{os.getpid()}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {name}")
    server = (
        f"postgres://{s['USER']}:{s['PASSWORD']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}"
    )
    return f"{server}/{name}", name


def _drop(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _env(url: str) -> dict[str, str]:
    """Production settings (DEBUG off) on the scratch database `url`."""
    return {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "sahel.settings",
        "ENV_FILE": "",
        "DEBUG": "0",
        "SECRET_KEY": "test-jobs-" + "x" * 40,
        "DATABASE_URL": url,
    }


def _manage(url: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_env(url),
        capture_output=True,
        text=True,
        timeout=600,
        check=check,
    )


def _workers(url: str, count: int) -> list[subprocess.Popen]:
    command = [
        *[sys.executable, "manage.py", "procrastinate", "worker"],
        *["--queues", "imports", "--one-shot"],
    ]
    return [
        subprocess.Popen(
            command,
            cwd=ROOT,
            env=_env(url),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(count)
    ]


# What an import leaves whatever order its articles come in. Which events a mention links to,
# and so the corroboration links, depend on the order even in one process (an article read
# first creates the event the next one joins), and workers take jobs in no fixed order.
SNAPSHOT = """
SELECT json_build_object(
  'articles', (SELECT count(*) FROM facts_article),
  'claims', (SELECT count(*) FROM facts_claim),
  'actors', (SELECT count(*) FROM facts_actor),
  'quotes', (SELECT json_agg(q ORDER BY q) FROM (
      SELECT a.sha256 || ':' || c.quote AS q FROM facts_claim c
      JOIN facts_article a ON a.id = c.article_id) quotes),
  'actor_slugs', (SELECT json_agg(slug ORDER BY slug) FROM facts_actor)
)
"""


def _query(url: str, sql: str):
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        return conn.execute(sql).fetchone()[0]


def _snapshot(url: str) -> dict:
    return _query(url, SNAPSHOT)


def _jobs(url: str) -> list[tuple[str, int]]:
    rows = _query(
        url,
        "SELECT json_agg(json_build_array(status, attempts) ORDER BY id) FROM procrastinate_jobs",
    )
    return [tuple(row) for row in rows]


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_import_the_queued_articles_as_one_process_does(tmp_path):
    files = tmp_path / "articles"
    files.mkdir()
    # The seeds and two corpora that report the same coups and attacks: events to link.
    reports = [*(CORPUS / "wikipedia").glob("*.txt"), *(CORPUS / "written").glob("*.txt")]
    for source in [*SEEDS.glob("*.txt"), *reports]:
        (files / f"{source.parent.name}-{source.name}").write_bytes(source.read_bytes())
    (files / "zz-empty.txt").write_bytes(b"")
    count = len(list(files.glob("*.txt")))
    queued_url, queued_name = _scratch_database("queued")
    direct_url, direct_name = _scratch_database("direct")
    try:
        for url in (queued_url, direct_url):
            _manage(url, "migrate", "-v0")
            _manage(url, "loaddata", "countries", "actors", "places", "-v0")
        enqueued = _manage(queued_url, "import_articles", "--enqueue", "--json", str(files))
        report = json.loads(enqueued.stdout)
        assert len(report["job_ids"]) == count and report["refused"] == []
        # Queued again while they wait: nothing is queued twice.
        again = json.loads(
            _manage(queued_url, "import_articles", "--enqueue", "--json", str(files)).stdout
        )
        assert again["job_ids"] == [] and len(again["already_waiting"]) == count

        workers = _workers(queued_url, 2)
        logs = [worker.communicate(timeout=600)[0] for worker in workers]
        assert [worker.returncode for worker in workers] == [0, 0], logs
        direct = _manage(direct_url, "import_articles", str(files), check=False)
        assert direct.returncode == 1 and "zz-empty.txt" in direct.stderr

        statuses = _jobs(queued_url)
        assert sorted(status for status, _ in statuses) == ["failed"] + ["succeeded"] * (
            count - 1
        ), logs
        assert _snapshot(queued_url) == _snapshot(direct_url)
        # The failed job's reason is in its worker's log, without the file's bytes.
        assert "zz-empty.txt: empty file" in "".join(logs)
        assert max(len(line) for line in "".join(logs).splitlines()) < 2_000
    finally:
        _drop(queued_name)
        _drop(direct_name)


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_enqueue_refuses_an_unreadable_file_by_name_and_queues_the_rest(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(
        "Coup in Mali\n\nSoldiers detained President Ibrahim Boubacar Keïta in Bamako on "
        "18 August 2020, the army said.\n",
        encoding="utf-8",
    )
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2_000)
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_articles", "--enqueue", "--max-bytes", "1500", str(good), str(big), "/no/such"
        )
    message = str(raised.value)
    assert "2 file(s) could not be queued" in message
    assert "big.txt: larger than 1,500 bytes" in message and "/no/such: no such file" in message
    from procrastinate.contrib.django.models import ProcrastinateJob

    (job,) = ProcrastinateJob.objects.all()
    assert job.args["name"].endswith("good.txt") and job.status == "todo"


@on_postgres
@pytest.mark.django_db
def test_enqueue_takes_neither_dry_run_nor_workers():
    with pytest.raises(CommandError, match="neither --dry-run nor --workers"):
        call_command("import_articles", "--enqueue", "--dry-run", str(SEEDS))
    with pytest.raises(CommandError, match="neither --dry-run nor --workers"):
        call_command("import_articles", "--enqueue", "--workers", "2", str(SEEDS))


def test_the_queue_is_installed_only_on_postgresql():
    from django.conf import settings

    installed = "procrastinate.contrib.django" in settings.INSTALLED_APPS
    assert installed == (connection.vendor == "postgresql")


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_an_import_in_its_own_process_waits_its_turn_behind_a_workers_write(tmp_path):
    import time

    import psycopg

    from facts.ingest.writing.writer import IMPORT_WRITE_LOCK

    article = tmp_path / "mali.txt"
    article.write_bytes((SEEDS / "000_9469444dcccace0f.txt").read_bytes())
    url, name = _scratch_database("turn")
    try:
        _manage(url, "migrate", "-v0")
        _manage(url, "loaddata", "countries", "actors", "-v0")
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as worker:
            worker.execute("SELECT pg_advisory_lock(%s)", [IMPORT_WRITE_LOCK])  # mid-write
            command = [sys.executable, "manage.py", "import_articles", str(article)]
            importing = subprocess.Popen(
                command, cwd=ROOT, env=_env(url), stdout=subprocess.PIPE, text=True
            )
            time.sleep(8)
            assert importing.poll() is None, "the import wrote while a worker held the turn"
            assert _query(url, "SELECT count(*) FROM facts_article") == 0
            worker.execute("SELECT pg_advisory_unlock(%s)", [IMPORT_WRITE_LOCK])
            output = importing.communicate(timeout=120)[0]
        assert importing.returncode == 0, output
        assert _query(url, "SELECT count(*) FROM facts_article") == 1
    finally:
        _drop(name)
