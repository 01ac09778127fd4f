"""Reference fixtures: complete, consistent, natural-keyed, and loadable twice on any engine."""

import hashlib
import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

from facts.models import Actor, ActorAlias, ActorRelation, Country
from facts.names import normalize_name

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
FIXTURE_FILES = sorted(FIXTURES.glob("*.json"))


def fact_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count() for model in apps.get_app_config("facts").get_models()
    }


def dump_facts() -> list[dict]:
    """The data models (not their history tables) and the accounts and roles reviews refer to."""
    out = io.StringIO()
    # History tables, and the stored documents (a read model rebuilt from the data: after a
    # load every record has its document again, stale until read).
    history = [
        f"facts.{model.__name__}"
        for model in apps.get_app_config("facts").get_models()
        if model.__name__.startswith("Historical") or model.__name__.endswith("Document")
    ]
    call_command(
        "dumpdata",
        "facts",
        "auth.group",
        "auth.user",
        exclude=history,
        natural_foreign=True,
        natural_primary=True,
        stdout=out,
        indent=None,
    )
    return json.loads(out.getvalue())


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.name)
def test_fixture_has_no_numeric_primary_keys(path):
    records = json.loads(path.read_text(encoding="utf-8"))
    assert records, f"{path.name} is empty"
    assert all("pk" not in record for record in records)


def test_seed_articles_match_their_checksums():
    sums = (FIXTURES / "articles" / "SHA256SUMS").read_text().split("\n")
    expected = dict(reversed(line.split("  ", 1)) for line in sums if line)
    present = {p.name for p in (FIXTURES / "articles").glob("*.txt")}
    assert present == set(expected)
    for name, digest in expected.items():
        assert hashlib.sha256((FIXTURES / "articles" / name).read_bytes()).hexdigest() == digest


@pytest.mark.skipif(
    not SHARED_SEEDS.is_dir(), reason="the shared seed folder is not beside this checkout"
)
def test_seed_articles_are_byte_identical_to_shared_seeds():
    shared = {p.name: p.read_bytes() for p in SHARED_SEEDS.glob("*.txt")}
    ours = {p.name: p.read_bytes() for p in (FIXTURES / "articles").glob("*.txt")}
    assert shared and ours == shared


def test_country_fixture_is_reproducible_from_pycountry():
    call_command("build_countries_fixture", check=True, stdout=io.StringIO())


@pytest.fixture
def roles(db):
    """The role groups the curated seed set refers to (a transactional test may have
    flushed the ones the migration made)."""
    from facts.roles import sync_role_groups

    sync_role_groups()


def test_loading_every_fixture_twice_changes_no_count(roles):
    call_command("loaddata", *FIXTURE_FILES, verbosity=0)
    first = fact_counts()
    call_command("loaddata", *FIXTURE_FILES, verbosity=0)
    assert fact_counts() == first
    assert first["Country"] == 249


@pytest.mark.django_db(transaction=True)
def test_dump_flush_load_reproduces_the_same_data(tmp_path):
    from facts.roles import sync_role_groups

    sync_role_groups()
    call_command("loaddata", *FIXTURE_FILES, verbosity=0)
    before = dump_facts()
    dump_file = tmp_path / "dump.json"
    dump_file.write_text(json.dumps(before), encoding="utf-8")
    call_command("flush", interactive=False, verbosity=0)
    assert Country.objects.count() == 0
    call_command("loaddata", dump_file, verbosity=0)
    assert dump_facts() == before
    # The read model is not in the dump: every loaded claim and event has its document again.
    from facts.models import Claim, ClaimDocument, Event, EventDocument

    assert ClaimDocument.objects.count() == Claim.objects.count() > 0
    assert EventDocument.objects.count() == Event.objects.count() > 0


class TestCountries:
    @pytest.fixture(autouse=True)
    def _countries(self, db):
        call_command("loaddata", "countries", verbosity=0)

    def test_every_iso_country_is_present_with_unique_codes(self):
        import pycountry

        assert set(Country.objects.values_list("alpha3", flat=True)) == {
            c.alpha_3 for c in pycountry.countries
        }

    def test_nigerien_and_nigerian_name_different_countries(self):
        niger, nigeria = Country.objects.get(alpha3="NER"), Country.objects.get(alpha3="NGA")
        assert "Nigerien" in niger.demonyms and "Nigerian" not in niger.demonyms
        assert "Nigerian" in nigeria.demonyms and "Nigerien" not in nigeria.demonyms

    @pytest.mark.parametrize(
        ("alpha3", "capital", "demonym"),
        [
            ("MLI", "Bamako", "Malian"),
            ("NER", "Niamey", "Nigerien"),
            ("BFA", "Ouagadougou", "Burkinabe"),
            ("TCD", "N'Djamena", "Chadian"),
            ("MRT", "Nouakchott", "Mauritanian"),
            ("SEN", "Dakar", "Senegalese"),
            ("NGA", "Abuja", "Nigerian"),
            ("DZA", "Algiers", "Algerian"),
            ("USA", "Washington", "American"),
            ("RUS", "Moscow", "Russian"),
            ("FRA", "Paris", "French"),
            ("TUR", "Ankara", "Turkish"),
            ("CHN", "Beijing", "Chinese"),
        ],
    )
    def test_gazetteer_fields_for_the_region_and_outside_powers(self, alpha3, capital, demonym):
        country = Country.objects.get(alpha3=alpha3)
        assert country.capital == capital
        assert demonym in country.demonyms

    def test_no_name_or_demonym_denotes_two_countries(self):
        owner: dict[str, str] = {}
        for country in Country.objects.all():
            for name in {*country.all_names, *country.demonyms}:
                key = normalize_name(name)
                assert owner.setdefault(key, country.alpha3) == country.alpha3, name


class TestActors:
    @pytest.fixture(autouse=True)
    def _actors(self, reference_data):
        pass

    @pytest.mark.parametrize(
        "name",
        [
            "AES",
            "Alliance of Sahel States",
            "Confederation of Sahel States",
            "ECOWAS",
            "JNIM",
            "ISGS",
            "IS Sahel",
            "AQIM",
            "Wagner Group",
            "Africa Corps",
            "U.S. Africa Command",
            "AFRICOM",
            "U.S. Department of State",
            "Operation Barkhane",
            "Takuba Task Force",
            "Trans-Saharan Counterterrorism Partnership",
            "Millennium Challenge Corporation",
            "Malian Armed Forces",
            "Nigerien Armed Forces",
            "Armed Forces of Burkina Faso",
            "AES joint force",
            "Assimi Goïta",
            "Ibrahim Traoré",
            "Abdourahamane Tchiani",
            "Mohamed Bazoum",
            "Abdoulaye Diop",
            "Rudy Atallah",
            "Michael Langley",
            "Molly Phee",
            "John Brennan",
            "Rachna Korhonen",
            "Donald Trump",
        ],
    )
    def test_seed_actor_is_known_by_name_or_alias(self, name):
        key = normalize_name(name)
        by_name = [a for a in Actor.objects.all() if normalize_name(a.name) == key]
        by_alias = list(Actor.objects.filter(aliases__normalized=key))
        assert len(by_name) + len(by_alias) == 1, name

    def test_every_alias_maps_to_exactly_one_actor_and_no_other_actors_name(self):
        names = {normalize_name(actor.name): actor.pk for actor in Actor.objects.all()}
        for actor in Actor.objects.all():
            assert actor.name_key == normalize_name(actor.name), actor.slug
        assert len(names) == Actor.objects.count(), "two actors share a name"
        for alias in ActorAlias.objects.all():
            assert alias.normalized == normalize_name(alias.name), alias.name
            assert alias.normalized not in names, f"{alias.name} is also an actor's name"

    def test_every_actor_country_and_parent_exists(self):
        for actor in Actor.objects.select_related("country", "parent"):
            if actor.kind in {"state", "person"}:
                assert actor.country is not None, actor.slug
            if actor.country_id:
                assert Country.objects.filter(pk=actor.country_id).exists()

    def test_aes_membership_and_ecowas_exit_are_dated(self):
        for state in ["mali", "niger", "burkina-faso"]:
            aes = ActorRelation.objects.get(
                subject__slug=state, kind="member-of", object__slug="aes"
            )
            assert str(aes.start) == "2023-09-16" and aes.end is None
            ecowas = ActorRelation.objects.get(
                subject__slug=state, kind="member-of", object__slug="ecowas"
            )
            assert str(ecowas.end) == "2025-01-29"

    def test_wagner_and_africa_corps_are_linked_actors(self):
        succession = ActorRelation.objects.get(subject__slug="wagner-group", kind="succeeded-by")
        assert succession.object.slug == "africa-corps"
        assert (
            ActorAlias.objects.get(name="Wagner Group (now rebranded as Africa Corps)").actor.slug
            == "wagner-group"
        )

    def test_people_have_their_roles(self):
        roles = {
            relation.subject.slug
            for relation in ActorRelation.objects.select_related("subject").filter(
                subject__kind="person"
            )
        }
        people = set(Actor.objects.filter(kind="person").values_list("slug", flat=True))
        assert people <= roles, f"people without a role: {people - roles}"


class TestCuratedSeedSet:
    @pytest.fixture(autouse=True)
    def _curated(self, db):
        from facts.bootstrap import initial_data_load

        initial_data_load()

    def test_every_seed_proposal_carries_a_review(self):
        from facts.models import Article, Claim, Event

        assert Article.objects.count() == 5
        assert Claim.objects.count() > 60
        assert not Claim.objects.filter(status="unreviewed").exists()
        assert not Event.objects.filter(status="unreviewed").exists()
        assert not Claim.objects.exclude(status="unreviewed").filter(status_reason="").exists()
        assert Claim.objects.filter(status="verified").count() > 30

    def test_articles_with_generator_leftovers_are_graded_d_or_worse(self):
        from facts.models import Article

        for article in Article.objects.filter(flags__code="generation-artifacts"):
            assert article.reliability >= "D", article.title
            assert article.reliability_reason
        assert not Article.objects.filter(reliability="F").exists()  # every seed graded

    def test_the_air_base_201_presence_is_disputed(self):
        from facts.models import Claim

        claim = Claim.objects.get(quote__contains="Air Base 201")
        assert claim.status == "disputed" and "2024" in claim.status_reason

    def test_quotes_still_match_their_articles(self):
        from facts.models import Claim

        for claim in Claim.objects.select_related("article"):
            assert claim.article.text[claim.quote_start : claim.quote_end] == claim.quote

    def test_reimporting_the_seeds_changes_nothing(self):
        from facts.models import Claim, Event

        before = (
            list(Claim.objects.order_by("pk").values()),
            list(Event.objects.order_by("pk").values()),
        )
        call_command("import_articles", stdout=io.StringIO(), stderr=io.StringIO())
        call_command("import_articles", reextract=True, stdout=io.StringIO(), stderr=io.StringIO())
        after = (
            list(Claim.objects.order_by("pk").values()),
            list(Event.objects.order_by("pk").values()),
        )
        assert after == before

    def test_running_setup_again_keeps_curators_work(self):
        from facts.bootstrap import initial_data_load
        from facts.models import Claim

        Claim.objects.filter(quote__contains="Air Base 201").update(statement="Edited locally")
        assert all("already loaded" in line for line in initial_data_load())
        assert Claim.objects.get(quote__contains="Air Base 201").statement == "Edited locally"


def test_the_seed_set_holds_no_value_the_database_computes():
    from django.apps import apps

    for record in json.loads((FIXTURES / "seed_curated.json").read_text("utf-8")):
        model = apps.get_model(record["model"])
        generated = {f.name for f in model._meta.concrete_fields if f.generated}
        assert not generated & set(record["fields"]), record["model"]


def test_seed_set_check_ignores_timestamps_but_not_content():
    from facts.curation import same_content

    committed = (FIXTURES / "seed_curated.json").read_text("utf-8")
    records = json.loads(committed)
    for record in records:
        if "updated_at" in record["fields"]:
            record["fields"]["updated_at"] = "2030-01-01T00:00:00Z"
    assert same_content(json.dumps(records), committed)
    claim = next(r for r in records if r["model"] == "facts.claim")
    claim["fields"]["status"] = "retracted"
    assert not same_content(json.dumps(records), committed)


def test_countries_have_their_french_names_but_not_common_words():
    records = json.loads((FIXTURES / "countries.json").read_text("utf-8"))
    by_code = {r["fields"]["alpha3"]: r["fields"] for r in records}
    assert "Estonie" in by_code["EST"]["aliases"]
    assert "États-Unis" in by_code["USA"]["aliases"]
    assert {"malien", "malienne", "maliens", "maliennes"} <= set(by_code["MLI"]["demonyms"])
    # "une grenade", "Maurice": a French word or first name is no alias of a country.
    assert "Grenade" not in by_code["GRD"]["aliases"]
    assert "Maurice" not in by_code["MUS"]["aliases"]
