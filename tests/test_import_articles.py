"""The import_articles command, end to end on the database (SQLite or PostgreSQL)."""

import io
import json
import re
import shutil
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import F
from django.forms.models import model_to_dict
from django.test import TestCase
from django.utils import timezone

from facts.models import Actor, Article, ArticleFlag, Claim, ClaimLink, Event, EventParticipant

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
FACT_MODELS = [Article, ArticleFlag, Actor, Event, EventParticipant, Claim, ClaimLink]


def run(*args, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_articles", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def run_json(*args, **options) -> dict:
    out, _ = run(*args, json=True, **options)
    return json.loads(out)


def snapshot() -> dict[str, list]:
    """Every row of every fact table, field by field."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in FACT_MODELS}


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in FACT_MODELS}


def event(kind: str, country: str, **filters) -> Event:
    return Event.objects.get(kind=kind, countries__alpha3=country, **filters)


def participants(event: Event) -> set[tuple[str, str]]:
    return set(event.participants.values_list("actor__slug", "role"))


class TestSeedImport(TestCase):
    """One import of the seed articles per class (setUpTestData); each test rolls back."""

    @classmethod
    def setUpTestData(cls):
        call_command("loaddata", "countries", "actors", verbosity=0)
        run()

    def test_all_five_seeds_are_stored_with_title_text_and_flags(self):
        assert Article.objects.count() == 5
        untitled = Article.objects.get(source_file__endswith="004_fa8c0901263450be.txt")
        assert "untitled" in untitled.flag_codes and "unresolved-dates" in untitled.flag_codes
        generated = Article.objects.get(source_file__endswith="003_a33a895daf8ffad1.txt")
        assert "generation-artifacts" in generated.flag_codes
        assert (
            generated.raw_text.endswith("Leave a Reply") and "Leave a Reply" not in generated.text
        )
        dated = Article.objects.get(source_file__endswith="002_ca89226b21face4c.txt")
        assert (str(dated.published_start), dated.published_precision) == ("2026-02-05", "day")
        undated = Article.objects.get(source_file__endswith="000_9469444dcccace0f.txt")
        assert undated.published_start is None and undated.published_text == "3 days ago"

    def test_mali_coups_of_2020_and_2021_with_goita(self):
        coups = Event.objects.filter(kind="coup", countries__alpha3="MLI").order_by("date_start")
        assert [(str(e.date_start), e.date_precision) for e in coups] == [
            ("2020-08-01", "month"),
            ("2021-05-01", "month"),
        ]
        assert all(("assimi-goita", "leader") in participants(e) for e in coups)

    def test_burkina_faso_coups_of_2022_and_traore_in_september(self):
        september = event("coup", "BFA", date_precision="month")
        assert (str(september.date_start), str(september.date_end)) == ("2022-09-01", "2022-09-30")
        assert participants(september) == {("ibrahim-traore", "leader")}
        assert event("coup", "BFA", date_precision="year").date_start.year == 2022

    def test_niger_coup_of_july_2023_one_event_from_two_sentences(self):
        coup = event("coup", "NER")
        assert (str(coup.date_start), coup.date_precision) == ("2023-07-01", "month")
        assert participants(coup) == {
            ("abdourahamane-tchiani", "leader"),
            ("mohamed-bazoum", "target"),
        }
        # "overthrown in July 2023" and "following the July 2023 coup in Niger": one event.
        assert Event.objects.filter(kind="coup", countries__alpha3="NER").count() == 1

    def test_end_of_operation_barkhane_in_mali(self):
        end = event("withdrawal", "MLI")
        assert (str(end.date_start), end.date_precision) == ("2022-08-01", "month")
        assert {("operation-barkhane", "party"), ("france", "party")} <= participants(end)

    def test_founding_of_the_aes_is_one_event_corroborated_across_articles(self):
        founding = Event.objects.get(kind="alliance-formation")
        assert (str(founding.date_start), founding.date_precision) == ("2023-09-01", "month")
        assert {("aes", "party"), ("mali", "party"), ("niger", "party")} <= participants(founding)
        articles = set(founding.claims.values_list("article_id", flat=True))
        assert len(articles) >= 3
        linked = ClaimLink.objects.filter(
            kind="corroborates", from_claim__event=founding, to_claim__event=founding
        )
        assert linked.exclude(from_claim__article=F("to_claim__article")).count() >= 3

    def test_us_aid_pause_to_niger(self):
        pause = Event.objects.get(kind="aid-suspension", participants__actor__slug="niger")
        assert {("united-states", "party"), ("niger", "target")} <= participants(pause)
        claim = pause.claims.get()
        assert claim.object_value == "over $500 million"

    def test_russian_deliveries_of_jets_to_mali_and_helicopters_to_niger(self):
        jets = Event.objects.get(kind="equipment-delivery", participants__actor__slug="mali")
        helicopters = Event.objects.get(
            kind="equipment-delivery", participants__actor__slug="niger"
        )
        assert "L-39 jets" in jets.title and "Mi-35" in helicopters.title
        assert ("russia", "supplier") in participants(jets) & participants(helicopters)

    def test_inauguration_of_the_aes_joint_force_late_2025(self):
        force = Event.objects.get(kind="force-creation")
        assert (str(force.date_start), force.date_precision) == ("2025-09-01", "part-of-year")
        assert ("aes-unified-force", "party") in participants(force)

    def test_diop_atallah_talks_on_july_9_with_the_year_left_open(self):
        talks = Event.objects.get(kind="meeting")
        assert participants(talks) == {("abdoulaye-diop", "party"), ("rudy-atallah", "party")}
        assert talks.date_text == "July 9" and talks.date_start is None
        claim = talks.claims.get()
        assert (claim.date_text, claim.date_start) == ("July 9", None)

    def test_limited_us_intelligence_sharing_with_aes_militaries(self):
        sharing = Event.objects.get(kind="intelligence-sharing", participants__actor__slug="aes")
        assert {("united-states", "supplier"), ("aes", "recipient")} <= participants(sharing)

    def test_seed_entities_are_recognised(self):
        for slug in [
            "aes",
            "jnim",
            "isgs",
            "us-africom",
            "wagner-group",
            "africa-corps",
            "john-brennan",
            "abdoulaye-diop",
            "rudy-atallah",
            "tsctp",
            "millennium-challenge-corporation",
            "operation-barkhane",
        ]:
            with self.subTest(slug=slug):
                assert Claim.objects.filter(actors__slug=slug).exists()

    def test_countries_by_name_demonym_and_capital(self):
        for alpha3 in ["MLI", "NER", "BFA", "USA", "RUS", "TUR", "NGA", "FRA"]:
            assert Claim.objects.filter(countries__alpha3=alpha3).exists(), alpha3
        nigeria_claim = Claim.objects.get(quote__contains="coordination with Nigeria")
        assert set(nigeria_claim.countries.values_list("alpha3", flat=True)) == {"USA", "NGA"}

    def test_titled_people_already_known_are_not_duplicated(self):
        assert Actor.objects.filter(origin="import").count() == 0
        assert Actor.objects.filter(name__icontains="Brennan").count() == 1

    def test_claimants_and_reported_sources(self):
        brennan = Claim.objects.get(quote__startswith="Lieutenant General John Brennan")
        assert brennan.claimant.slug == "john-brennan"
        afp = Claim.objects.get(quote__startswith="According to AFP")
        assert afp.reported_via == "AFP; Malay Mail"
        official = Claim.objects.get(quote__contains="said a U.S. official")
        assert official.claimant_text == "a U.S. official familiar with the discussions"

    def test_every_stored_quote_matches_its_article_at_its_offsets(self):
        claims = Claim.objects.select_related("article")
        assert claims.count() > 40
        for claim in claims:
            text = claim.article.text
            assert text[claim.quote_start : claim.quote_end] == claim.quote
            assert text[: claim.quote_start].endswith(claim.quote_prefix)
            assert text[claim.quote_end :].startswith(claim.quote_suffix)
            assert claim.anchor_text_sha256 == claim.article.text_sha256

    def test_no_claim_quotes_furniture_generator_leftovers_epigraph_or_bio(self):
        for junk in [
            "Read Entire Article",
            "Share This Article",
            "Leave a",
            "Related",
            "#image_title",
            "?>",
            "min read",
            "views",
            "Viral_X",
            "3 days ago",
            "Self-Correction",
            "Word Count",
            "HTML",
            "expand massively",
            "Continuing with more sections",
            "the man who craves more",
            "Seneca",
            "Soarez",
            "Market conditions may have changed",
        ]:
            with self.subTest(junk=junk):
                assert not Claim.objects.filter(quote__contains=junk).exists()

    def test_second_run_reports_everything_unchanged_and_changes_no_row(self):
        before = snapshot()
        report = run_json()
        assert report["summary"]["articles"] == {
            "created": 0,
            "reextracted": 0,
            "unchanged": 5,
            "failed": 0,
        }
        assert snapshot() == before

    def test_reextract_leaves_curated_claims_as_the_curator_left_them(self):
        curator = get_user_model().objects.create_user("curator")
        claim = Claim.objects.get(quote__startswith="Most recently, Niger")
        Claim.objects.filter(pk=claim.pk).update(
            status="verified",
            statement="General Tchiani ousted President Bazoum on 26 July 2023.",
            reviewed_by=curator,
            reviewed_at=timezone.now(),
            curator_edited_at=timezone.now(),
            credibility=1,
        )
        curated = model_to_dict(Claim.objects.get(pk=claim.pk))
        total = Claim.objects.count()
        report = run_json(reextract=True)
        assert report["summary"]["articles"]["reextracted"] == 5
        assert model_to_dict(Claim.objects.get(pk=claim.pk)) == curated
        assert Claim.objects.count() == total

    def test_curated_event_is_not_changed_by_a_more_precise_mention(self):
        founding = Event.objects.get(kind="alliance-formation")
        Event.objects.filter(pk=founding.pk).update(
            status="verified",
            reviewed_at=timezone.now(),
            date_start="2023-09-16",
            date_end="2023-09-16",
            date_precision="day",
            date_text="16 September 2023",
        )
        run(reextract=True)
        founding.refresh_from_db()
        assert (str(founding.date_start), founding.date_precision) == ("2023-09-16", "day")


@pytest.mark.django_db
class TestBadInput:
    @pytest.fixture
    def folder(self, tmp_path):
        good = tmp_path / "in"
        good.mkdir()
        shutil.copy(SEEDS / "004_fa8c0901263450be.txt", good / "good.txt")
        (good / "Côte d’Ivoire report – été 2024.txt").write_text(
            "Ivorian army on alert\n\nJune 20, 2024\n\n"
            "Côte d'Ivoire deployed troops to its northern border with Burkina Faso "
            "in June 2024.\n",
            encoding="utf-8",
        )
        (good / "empty.txt").write_bytes(b"")
        (good / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
        (good / "latin1.txt").write_bytes("Le Mali a quitté la CEDEAO en 2025.".encode("latin-1"))
        (good / "huge.txt").write_text("Mali. " * 2000, encoding="utf-8")
        (good / "furniture.txt").write_text(
            "Read Entire Article\n\nShare This Article\nLeave a Comment\n4 min read\n?>\n",
            encoding="utf-8",
        )
        (good / "ignored.pdf").write_bytes(b"%PDF-1.7")
        return good

    def test_good_files_import_bad_files_are_reported_and_the_run_fails(
        self, reference_data, folder
    ):
        out, err = io.StringIO(), io.StringIO()
        with pytest.raises(CommandError) as failure:
            call_command(
                "import_articles", str(folder), json=True, max_bytes=5000, stdout=out, stderr=err
            )
        report = json.loads(out.getvalue())
        reasons = {
            Path(f["name"]).name: f["reason"] for f in report["files"] if f["status"] == "failed"
        }
        assert reasons == {
            "empty.txt": "empty file",
            "binary.txt": "binary file (a NUL byte at offset 8), not text",
            "latin1.txt": "not UTF-8 (byte 0xe9 at offset 15); re-encode the file as UTF-8",
            "huge.txt": "too large (over the limit of 5,000 bytes; see --max-bytes)",
            "furniture.txt": "no article text (only page furniture, metadata or generator notes)",
        }
        assert "5 of 7 file(s) failed" in str(failure.value)
        assert "latin1.txt" in str(failure.value)
        created = {Path(f["name"]).name for f in report["files"] if f["status"] == "created"}
        assert created == {"good.txt", "Côte d’Ivoire report – été 2024.txt"}
        assert Article.objects.count() == 2
        assert not Article.objects.filter(source_file__contains="huge").exists()
        ivorian = Article.objects.get(source_file__contains="Ivoire")
        assert ivorian.claims.filter(countries__alpha3="CIV").exists()

    def test_a_failure_while_writing_leaves_no_half_article_and_the_next_file_imports(
        self, reference_data, tmp_path, monkeypatch
    ):
        from facts.ingest.writing import writer

        shutil.copy(SEEDS / "003_a33a895daf8ffad1.txt", tmp_path / "a.txt")
        shutil.copy(SEEDS / "004_fa8c0901263450be.txt", tmp_path / "b.txt")
        original = writer.link_corroborations
        calls = {"n": 0}

        def fail_first(claims, *args):
            calls["n"] += 1
            if calls["n"] == 1:
                raise RuntimeError("disk full")
            return original(claims, *args)

        monkeypatch.setattr(writer, "link_corroborations", fail_first)
        with pytest.raises(
            CommandError,
            match=re.escape("a.txt: internal error in writing (RuntimeError): disk full"),
        ):
            run(str(tmp_path))
        assert list(Article.objects.values_list("source_file", flat=True)) == [
            str(tmp_path / "b.txt")
        ]
        assert not Claim.objects.filter(quote__contains="Barkhane").exists()
        assert not Event.objects.filter(kind="withdrawal").exists()

    def test_missing_path_is_reported(self, reference_data, tmp_path):
        with pytest.raises(CommandError, match="no such file"):
            run(str(tmp_path / "nope.txt"))

    def test_bad_max_bytes_is_refused(self, reference_data):
        with pytest.raises(CommandError, match="--max-bytes must be a positive"):
            run(max_bytes=0)


@pytest.mark.django_db
class TestModes:
    def test_dry_run_on_an_empty_database_leaves_it_empty(self):
        report = run_json(dry_run=True)
        assert report["summary"]["dry_run"] is True
        assert report["summary"]["articles"]["created"] == 5
        assert counts() == dict.fromkeys(counts(), 0)

    def test_dry_run_reports_what_it_would_do_and_writes_nothing(self, reference_data):
        before = counts()
        report = run_json(dry_run=True)
        assert report["summary"]["claims_proposed"] > 40
        assert report["summary"]["events_proposed"] >= 15
        assert counts() == before

    def test_stdin_is_an_article_source(self, reference_data, monkeypatch):
        text = "Mali leaves ECOWAS\n\nMali, Niger and Burkina Faso left ECOWAS in January 2025.\n"
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        report = run_json("-")
        assert report["files"][0]["name"] == "<stdin>"
        assert report["files"][0]["status"] == "created"
        exit_event = Event.objects.get(kind="membership-change")
        assert (str(exit_event.date_start), exit_event.date_precision) == ("2025-01-01", "month")

    def test_new_titled_people_are_proposed_once_as_unreviewed_actors(
        self, reference_data, tmp_path
    ):
        (tmp_path / "a.txt").write_text(
            "Kanouté in Moscow\n\nDefence Minister Issa Kanouté met Russian officials in Moscow "
            "in March 2025.\n",
            encoding="utf-8",
        )
        (tmp_path / "b.txt").write_text(
            "Kanouté again\n\nThe Defence Minister Issa Kanouté visited Ankara in May 2025 "
            "to buy Turkish drones.\n",
            encoding="utf-8",
        )
        run(str(tmp_path))
        # A made-up minister: Mali's real one, Sadio Camara, is now reference data.
        camara = Actor.objects.get(name="Issa Kanouté")
        assert (camara.kind, camara.title, camara.status, camara.origin) == (
            "person",
            "Defence Minister",
            "unreviewed",
            "import",
        )
        assert camara.first_seen_in.source_file.endswith("a.txt")
        assert Claim.objects.filter(actors=camara).count() == 2

    def test_new_organisations_are_proposed_once_with_their_acronym(self, reference_data, tmp_path):
        (tmp_path / "a.txt").write_text(
            "Kidal talks\n\nThe Azawad Defence Front (ADF) met Malian officials in "
            "Algiers in May 2015.\n",
            encoding="utf-8",
        )
        (tmp_path / "b.txt").write_text(
            "Kidal again\n\nThe Azawad Defence Front attacked a Malian army post in June 2015.\n",
            encoding="utf-8",
        )
        run(str(tmp_path))
        front = Actor.objects.get(name="Azawad Defence Front")
        assert (front.kind, front.status, front.origin) == ("armed-group", "unreviewed", "import")
        assert front.first_seen_in.source_file.endswith("a.txt")
        assert "Azawad Defence Front (ADF)" in front.description
        assert [(a.name, a.case_sensitive, a.kind) for a in front.aliases.all()] == [
            ("ADF", True, "abbreviation")
        ]
        assert Claim.objects.filter(actors=front).count() == 2

    def test_summary_is_printed_for_people(self, reference_data):
        out, _ = run()
        assert "[5/5] created" in out
        assert "Articles: 5 created, 0 re-extracted, 0 unchanged, 0 failed." in out
        assert "Flags raised:" in out and "generation-artifacts ×2" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("stage", "module", "function"),
    [
        ("reading", "facts.ingest.pipeline", "read_document"),
        ("analysis", "facts.ingest.pipeline", "analyze"),
        ("writing", "facts.ingest.writing.writer", "link_corroborations"),
        ("writing", "facts.ingest.pipeline", "stored_article"),
    ],
)
def test_an_unexpected_error_is_reported_for_its_file_with_its_stage(
    reference_data, tmp_path, monkeypatch, caplog, capsys, stage, module, function
):
    """A bug in any stage fails one file, reported as "internal error in <stage> (<type>):
    <message>"; the traceback goes to the log, not into the command's output."""
    import importlib

    target = importlib.import_module(module)
    original = getattr(target, function)

    def fail_for_a(*args, **kwargs):
        name = args[0] if isinstance(args[0], str) else ""
        document = next((a for a in args if hasattr(a, "name") and hasattr(a, "sha256")), None)
        if "a.txt" in name or (document is not None and document.name.endswith("a.txt")):
            raise ValueError("a bug\nover two lines")
        if function in {"link_corroborations", "stored_article"} and not calls:
            calls.append(1)
            raise ValueError("a bug\nover two lines")
        return original(*args, **kwargs)

    calls: list[int] = []
    monkeypatch.setattr(target, function, fail_for_a)
    shutil.copy(SEEDS / "003_a33a895daf8ffad1.txt", tmp_path / "a.txt")
    shutil.copy(SEEDS / "004_fa8c0901263450be.txt", tmp_path / "b.txt")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_articles", str(tmp_path), json=True, stdout=out, stderr=err)
    report = json.loads(out.getvalue())
    reasons = {Path(f["name"]).name: f["reason"] for f in report["files"]}
    assert reasons["a.txt"] == f"internal error in {stage} (ValueError): a bug over two lines"
    assert [f["status"] for f in report["files"]] == ["failed", "created"]
    assert "1 of 2 file(s) failed" in str(failure.value)
    assert "Traceback" not in out.getvalue() + err.getvalue() + str(failure.value)
    assert "Traceback" in caplog.text and "a bug" in caplog.text  # kept in the log


@pytest.mark.django_db
def test_the_three_articles_that_broke_database_rules_now_import(reference_data, tmp_path):
    """Two dates in one sentence, an infobox line with a range of days, and a pull-quote
    repeating a body sentence behind markdown: each once violated a database rule."""
    sentence = "Mali's junta ordered French troops to leave the country on 3 March 2024."
    (tmp_path / "two_dates.txt").write_text(
        "Withdrawal\n\nFrench troops left Gao on 3 March 2024 and Kidal on 9 March 2024, "
        "Mali's army said.\n",
        "utf-8",
    )
    (tmp_path / "infobox.txt").write_text(
        f"Operation Barkhane\n\n2 Oct – 20 Dec 2023\n\n2 Oct 2023 – 20 Dec 2023\n\n{sentence}\n",
        "utf-8",
    )
    (tmp_path / "pull_quote.txt").write_text(
        f"Withdrawal\n\n{sentence}\n\n> {sentence}\n\n**“{sentence}”**\n", "utf-8"
    )
    report = run_json(str(tmp_path))
    assert {f["status"] for f in report["files"]} == {"created"}, report["files"]
    pull = Article.objects.get(source_file__endswith="pull_quote.txt")
    assert pull.claims.count() == 3
    assert pull.claims.values("fingerprint").distinct().count() == 3
    infobox = Article.objects.get(source_file__endswith="infobox.txt")
    assert infobox.published_start is None  # a range of days is no publication date
    for claim in Claim.objects.exclude(date_precision=""):
        assert claim.date_start <= claim.date_end
        assert claim.date_precision != "day" or claim.date_start == claim.date_end
    for row in Event.objects.exclude(date_precision=""):
        assert row.date_precision != "day" or row.date_start == row.date_end
