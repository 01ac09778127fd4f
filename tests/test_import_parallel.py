"""Imports with worker processes: the same database as one process, failures reported per file."""

import io
import itertools
import json
import multiprocessing
import re
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import connection, models, transaction
from django.test.utils import CaptureQueriesContext

from facts.ingest import parallel
from facts.ingest.analysis import analyze
from facts.ingest.pipeline import import_sources
from facts.ingest.reading import read_document
from facts.ingest.reading.sources import expand_paths
from facts.ingest.writing.checkpoints import BULK_WAL_AUTOCHECKPOINT
from facts.ingest.writing.state import load_context
from facts.models import Actor, Article, Claim

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
VOLATILE = {"created_at", "updated_at", "history_date", "retrieved_at", "source_file"}


def content() -> dict[str, list[dict]]:
    """Every row of every facts table, history and link tables included, with each key
    replaced by its rank in its table and times left out: two runs that write the same rows
    in the same order compare equal, whatever keys the database handed out."""
    tables = list(apps.get_app_config("facts").get_models(include_auto_created=True))
    ranks = {
        model: {
            pk: rank
            for rank, pk in enumerate(model.objects.order_by("pk").values_list("pk", flat=True))
        }
        for model in tables
    }

    def key_of(field: models.Field, model) -> dict | None:
        if field.primary_key:
            return ranks[model]
        if field.is_relation and field.related_model in ranks:
            return ranks[field.related_model]
        instance_type = getattr(model, "instance_type", None)  # a history table's "id"
        if field.name == "id" and instance_type in ranks:
            return ranks[instance_type]
        return None

    result = {}
    for model in tables:
        fields = [f for f in model._meta.concrete_fields if f.attname not in VOLATILE]
        keyed = {f.attname: key_of(f, model) for f in fields}
        result[model._meta.db_table] = [
            {
                name: keyed[name].get(value, value) if keyed[name] is not None else value
                for name, value in row.items()
            }
            for row in model.objects.order_by("pk").values(*keyed)
        ]
    return result


def files(report) -> list[tuple]:
    return [(Path(f.name).name, f.status, f.reason) for f in report.files]


@pytest.fixture
def corpus(tmp_path) -> Path:
    """The seeds, twice (the copy is unchanged), people named with a title in one article and
    without one in later ones, and files that cannot be imported."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    shutil.copy(next(SEEDS.glob("*.txt")), folder / "zz_copy_of_the_first_seed.txt")
    (folder / "p00_kanoute.txt").write_text(
        "Kanouté in Moscow\n\nDefence Minister Issa Kanouté met Russian officials in Moscow "
        "in March 2025.\n",
        encoding="utf-8",
    )
    for n in range(1, 11):
        (folder / f"p{n:02d}_kanoute_again.txt").write_text(
            f"Kanouté report {n}\n\nIssa Kanouté said Mali would buy Turkish drones in May "
            f"202{n % 6}, after Niger had done the same.\n",
            encoding="utf-8",
        )
    (folder / "q_empty.txt").write_bytes(b"")
    (folder / "q_furniture.txt").write_text(
        "Read Entire Article\n\nShare This Article\nLeave a Comment\n4 min read\n?>\n",
        encoding="utf-8",
    )
    (folder / "q_latin1.txt").write_bytes("Le Mali a quitté la CEDEAO en 2025.".encode("latin-1"))
    return folder


@pytest.mark.django_db
class TestWorkers:
    def test_two_workers_store_exactly_what_one_process_stores(self, reference_data, corpus):
        sources = list(expand_paths([str(corpus)]))
        with transaction.atomic():
            alone = import_sources(sources)
            expected = content()
            transaction.set_rollback(True)
        assert not Article.objects.exists()

        shared = import_sources(sources, workers=2)

        assert files(shared) == files(alone)
        assert shared.summary() == alone.summary()
        assert content() == expected
        # The later articles name Kanouté without a title: they find him only because the
        # importer re-analysed them after the first one taught the run his name.
        kanoute = Actor.objects.get(name="Issa Kanouté")
        assert Claim.objects.filter(actors=kanoute).count() == 11

    def test_a_second_run_with_workers_changes_nothing(self, reference_data, corpus):
        sources = list(expand_paths([str(corpus)]))
        import_sources(sources, workers=2)
        before = content()
        again = import_sources(sources, workers=2)
        assert again.summary()["articles"] == {
            "created": 0,
            "reextracted": 0,
            "unchanged": 17,
            "failed": 3,
        }
        assert content() == before

    def test_reextract_and_dry_run_with_workers_match_one_process(self, reference_data, corpus):
        sources = list(expand_paths([str(corpus)]))
        import_sources(sources)
        with transaction.atomic():
            alone = import_sources(sources, reextract=True)
            expected = content()
            transaction.set_rollback(True)
        shared = import_sources(sources, reextract=True, workers=2)
        assert files(shared) == files(alone)
        assert content() == expected

        before = content()
        dry = import_sources(sources, dry_run=True, reextract=True, workers=2)
        assert dry.summary()["articles"]["reextracted"] == 17
        assert content() == before

    def test_failing_files_are_reported_in_order_and_the_others_import(
        self, reference_data, corpus
    ):
        report = import_sources(list(expand_paths([str(corpus)])), workers=2)
        failed = {name: reason for name, status, reason in files(report) if status == "failed"}
        assert failed == {
            "q_empty.txt": "empty file",
            "q_furniture.txt": (
                "no article text (only page furniture, metadata or generator notes)"
            ),
            "q_latin1.txt": "not UTF-8 (byte 0xe9 at offset 15); re-encode the file as UTF-8",
        }
        assert [name for name, *_ in files(report)] == sorted(p.name for p in corpus.iterdir())
        assert Article.objects.count() == 16

    @pytest.mark.skipif(
        multiprocessing.get_start_method() != "fork",
        reason="the failure is planted by patching the module the workers are forked from",
    )
    def test_an_unexpected_error_in_a_worker_fails_only_its_file(
        self, reference_data, corpus, monkeypatch, caplog
    ):
        original = parallel.steps.analyze

        def fail_on_seed(document, ctx):
            if document.name.endswith("003_a33a895daf8ffad1.txt"):
                raise RuntimeError("worker fell over")
            return original(document, ctx)

        monkeypatch.setattr(parallel.steps, "analyze", fail_on_seed)
        report = import_sources(list(expand_paths([str(corpus)])), workers=2)
        failed = {name: reason for name, status, reason in files(report) if status == "failed"}
        assert failed["003_a33a895daf8ffad1.txt"] == (
            "internal error in analysis (RuntimeError): worker fell over"
        )
        assert Article.objects.count() == 15
        assert not Article.objects.filter(source_file__endswith="003_a33a895daf8ffad1.txt")
        assert "worker fell over" in caplog.text  # with the worker's traceback

    def test_the_command_takes_workers(self, reference_data, corpus):
        out = io.StringIO()
        with pytest.raises(CommandError, match="3 of 20 file"):
            call_command(
                "import_articles",
                str(corpus),
                workers=2,
                json=True,
                stdout=out,
                stderr=io.StringIO(),
            )
        assert json.loads(out.getvalue())["summary"]["articles"]["created"] == 16
        with pytest.raises(CommandError, match="--workers must be at least 1"):
            call_command("import_articles", workers=0, stdout=io.StringIO())


class TestStillValid:
    """A worker's analysis holds unless an actor the run created since could change it."""

    @pytest.fixture
    def prepared(self, reference_data) -> parallel.Prepared:
        text = "Kanouté visit\n\nDefence Minister Issa Kanouté met Moussa Traoré in Bamako.\n"
        document = read_document("a.txt", text.encode())
        return parallel.Prepared(document=document, analysis=analyze(document, load_context()))

    def test_nothing_learned_since(self, prepared):
        assert parallel.still_valid(prepared, [])

    def test_an_actor_whose_name_is_not_in_the_text(self, prepared):
        assert parallel.still_valid(prepared, [("Ibrahim Traoré", "ibrahim-traore-2", "person")])

    def test_an_actor_named_in_the_text(self, prepared):
        assert not parallel.still_valid(prepared, [("Moussa Traoré", "moussa-traore", "person")])

    def test_an_actor_the_analysis_proposed_itself(self, prepared):
        assert [p.target for p in prepared.analysis.people] == ["actor:issa-kanoute"]
        assert not parallel.still_valid(prepared, [("I. Kanouté", "issa-kanoute", "person")])

    def test_no_analysis_to_check(self):
        assert parallel.still_valid(parallel.Prepared(), [])
        assert not parallel.still_valid(parallel.Prepared(), [("X Y", "x-y", "person")])


@pytest.mark.django_db
def test_each_further_article_costs_the_same_few_queries(reference_data, tmp_path):
    """Once a run has loaded what it keeps between files, an article that proposes no new
    event or person costs the same few queries, however many came before it."""
    first = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    for n in range(6):
        # Every sentence its own ("… (report 3)."): a copy of the seed would be recorded as a
        # copy of the first, which costs the few queries of a copy (test_ingest_copies.py).
        own = re.sub(r"\.(\s)", rf" (report {n}).\1", first)
        (tmp_path / f"report{n}.txt").write_text(own, encoding="utf-8")
    counts = []
    with CaptureQueriesContext(connection) as queries:
        report = import_sources(
            list(expand_paths([str(tmp_path)])),
            on_file=lambda _: counts.append(len(queries.captured_queries)),
        )
    assert report.summary()["articles"]["created"] == 6
    per_article = [later - earlier for earlier, later in itertools.pairwise(counts)]
    # The stored copy, if any (none); SAVEPOINT (BEGIN outside a test's transaction); the
    # article; its claims; claims of other articles quoting the same sentences (copies); claims
    # of other articles about the same events; claims of other articles saying the same thing;
    # RELEASE SAVEPOINT (COMMIT, not a query, outside a test).
    # And the rows nothing reads back (the article's history and flag, the claims' history,
    # countries and actors, the mentions copied into the claims' history, the corroboration
    # links): one query on PostgreSQL, eight elsewhere.
    expected = 9 if connection.vendor == "postgresql" else 16
    recent = [q["sql"][:60] for q in queries.captured_queries[-expected:]]
    assert per_article == [expected] * 5, recent


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="an SQLite setting")
def test_an_import_leaves_the_connections_checkpoint_setting_as_it_was(reference_data):
    def setting() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_autocheckpoint")
            return cursor.fetchone()[0]

    before = setting()
    seen = []
    import_sources(list(expand_paths([str(SEEDS)])), on_file=lambda _: seen.append(setting()))
    assert seen == [BULK_WAL_AUTOCHECKPOINT] * 5 or before >= BULK_WAL_AUTOCHECKPOINT
    assert setting() == before
