"""Step 7b: where each proposed event happened. Pure: texts written here in wire, think-tank
and encyclopedia styles are analysed against the reference data, and the proposed events'
place findings are read."""

import re
import typing

import pytest

from facts import choices
from facts.ingest.analysis import analyze, lang
from facts.ingest.analysis import places as analysis_places
from facts.ingest.reading import read_document
from tests.base import fixture_context

EN = lang.pack("en")


@pytest.fixture(scope="module")
def ctx():
    return fixture_context()


def analysis_of(ctx, text: str):
    return analyze(read_document("test.txt", text.encode()), ctx)


def place_of(ctx, text: str, kind: str = "attack"):
    """The place of the one event of `kind` the text reports."""
    (event,) = [e for e in analysis_of(ctx, text).events if e.kind == kind and not e.link_only]
    return event.place


def placed(finding) -> tuple:
    return (finding.slug, finding.kind, finding.precision) if finding else None


class TestSpellings:
    @pytest.mark.parametrize(
        "text",
        [
            "Mali: base attacked\n\nGunmen attacked a military post in Tombouctou on 3 May 2023, "
            "killing five soldiers, a security source told AFP.",
            "Mali: base attacked\n\nGunmen attacked a military post in Timbuktu on 3 May 2023, "
            "killing five soldiers, a security source told AFP.",
        ],
    )
    def test_french_and_english_names_of_a_town_are_one_place(self, ctx, text):
        assert placed(place_of(ctx, text)) == ("ml-timbuktu", "locality", "exact")

    @pytest.mark.parametrize("name", ["Tombouctou", "Timbuktu"])
    def test_french_and_english_names_of_a_region_are_one_place(self, ctx, name):
        text = f"Mali\n\nRebels attacked an army camp in the {name} region in September 2023."
        assert placed(place_of(ctx, text)) == ("ml-tombouctou-region", "admin1", "admin1")

    @pytest.mark.parametrize("name", ["Tillabéri", "Tillaberi"])
    def test_a_name_with_or_without_its_accent_is_one_place(self, ctx, name):
        text = f"Niger attack\n\nGunmen killed 12 soldiers in an ambush in {name} on 9 May 2024."
        finding = place_of(ctx, text)
        assert placed(finding) == ("ne-tillaberi", "locality", "exact")
        assert finding.phrase == f"in {name}"  # the words as written, not the canonical name

    @pytest.mark.parametrize("name", ["Tin Zaouaten", "Tinzaouaten"])
    def test_a_name_written_in_one_or_two_words_is_one_place_in_the_story_country(self, ctx, name):
        # Algeria has a Tin Zaouatine across the border with the same spellings; a story
        # about Mali means Mali's.
        text = (
            "Mali drone strike\n\n"
            f"A drone strike in {name} on 25 August 2024 killed 21 civilians, "
            "local officials said."
        )
        finding = place_of(ctx, text)
        assert placed(finding) == ("ml-tinzaouaten", "locality", "exact")
        assert finding.country == "MLI"


class TestPrecision:
    @pytest.mark.parametrize(
        "where,phrase",
        [
            ("near Djibo", "near Djibo"),
            ("30 km north of Djibo", "30 km north of Djibo"),
            ("on the outskirts of Djibo", "on the outskirts of Djibo"),
        ],
    )
    def test_near_a_town_is_near_not_the_town(self, ctx, where, phrase):
        text = (
            "Burkina ambush\n\n"
            f"Suspected jihadists ambushed a convoy {where} in August 2022, killing at least "
            "30 soldiers, the army said."
        )
        finding = place_of(ctx, text)
        assert placed(finding) == ("bf-djibo", "locality", "near")
        assert finding.phrase == phrase

    def test_in_the_town_is_exact(self, ctx):
        text = "Burkina\n\nGunmen killed 14 villagers in Djibo in May 2022, residents said."
        assert placed(place_of(ctx, text)) == ("bf-djibo", "locality", "exact")

    @pytest.mark.parametrize(
        "words",
        [
            "in Tillabéri region",
            "in the Tillabéri region",
            "in Niger's Tillabéri region",
            "in the region of Tillabéri",
            "in Tillaberi Region",
        ],
    )
    def test_a_region_is_only_the_region(self, ctx, words):
        text = (
            "Niger: the war in the three borders area\n\n"
            f"Insurgents attacked an army position {words} in March 2023, according to the "
            "institute's conflict tracker."
        )
        finding = place_of(ctx, text)
        assert placed(finding) == ("ne-tillaberi-region", "admin1", "admin1")
        assert finding.phrase == words

    @pytest.mark.parametrize(
        "title,where,slug",
        [
            ("Burkina Faso", "in Soum province", "bf-soum-district"),
            ("Mali", "in Douentza cercle", "ml-douentza-district"),
            ("Mali", "in Timbuktu cercle", "ml-tombouctou-district"),
            ("Niger", "in Tera department", "ne-tera-district"),
            ("Niger", "in the Tillaberi department", "ne-tillaberi-district"),
        ],
    )
    def test_a_province_cercle_or_department_is_the_district(self, ctx, title, where, slug):
        text = f"{title}\n\nFighters attacked a gendarmerie post {where} on 4 May 2022."
        finding = place_of(ctx, text)
        assert placed(finding) == (slug, "admin2", "admin2")
        assert finding.phrase == where

    @pytest.mark.parametrize(
        "text,slug",
        [
            ("Mali\n\nAn ambush in northern Mali killed four peacekeepers in June 2019.", "mali"),
            (
                "Burkina\n\nIn northern Burkina Faso, gunmen killed 40 civilians in June 2021.",
                "burkina-faso",
            ),
            ("Niger\n\nThe army launched an offensive in western Niger in April 2022.", "niger"),
        ],
    )
    def test_a_part_of_a_country_is_only_the_country(self, ctx, text, slug):
        assert placed(place_of(ctx, text)) == (slug, "country", "country")

    def test_a_town_named_with_its_part_of_the_country_is_the_town(self, ctx):
        text = "Burkina\n\nGunmen killed 40 civilians in Djibo, in northern Burkina Faso, in 2021."
        assert placed(place_of(ctx, text)) == ("bf-djibo", "locality", "exact")


class TestNewPlaces:
    @pytest.mark.parametrize(
        "text,phrase",
        [
            (
                "Mali\n\nJihadists attacked the village of Kourakou in January 2024, killing 11.",
                "the village of Kourakou",
            ),
            (
                "Mali\n\nJihadists killed 11 people in the village of Kourakou, in the Mopti "
                "region, on 3 January 2024.",
                "in the village of Kourakou",
            ),
            (
                "Mali\n\nOn 3 January 2024, jihadists killed 11 civilians in Kourakou village, "
                "Mopti region.",
                "in Kourakou village",
            ),
        ],
    )
    def test_an_unknown_village_is_proposed_as_a_new_locality(self, ctx, text, phrase):
        finding = place_of(ctx, text)
        assert (finding.slug, finding.name, finding.kind) == (None, "Kourakou", "locality")
        assert (finding.country, finding.precision, finding.phrase) == ("MLI", "exact", phrase)

    def test_near_an_unknown_name_proposes_it_at_near_precision(self, ctx):
        text = "Mali\n\nSoldiers were ambushed near Kourakou in March 2023, the army said."
        finding = place_of(ctx, text)
        assert (finding.slug, finding.name, finding.kind, finding.precision) == (
            None,
            "Kourakou",
            "locality",
            "near",
        )

    def test_a_bare_unknown_name_after_in_is_not_proposed(self, ctx):
        # "in Kourakou" alone might be a person's home, a company or a typo: too little to
        # add a place for curators to locate; the event keeps its country.
        text = "Mali\n\nSoldiers were killed in Kourakou in January 2024."
        assert placed(place_of(ctx, text)) == ("mali", "country", "country")


class TestSites:
    def test_a_base_in_a_town_is_the_site(self, ctx):
        text = (
            "Niger\n\nA drone strike hit a convoy at Air Base 201 in Agadez in August 2024, "
            "the ministry said."
        )
        finding = place_of(ctx, text, kind="airstrike")
        assert placed(finding) == ("ne-air-base-201", "site", "exact")
        assert finding.phrase == "at Air Base 201"

    def test_the_capital_is_the_capital_of_the_events_country(self, ctx):
        text = (
            "Mali\n\nJihadists attacked a gendarmerie school in the capital on 17 September "
            "2024, killing dozens."
        )
        assert placed(place_of(ctx, text)) == ("ml-bamako", "locality", "exact")


class TestWordsThatAreNotThePlace:
    METONYMS = re.compile(r"Washington|Paris|Moscow")

    @pytest.mark.parametrize(
        "text",
        [
            "Mali\n\nWashington said on Tuesday that it condemned the attack in Gao in March 2023.",
            "Burkina\n\nParis condemned the attack near Djibo in May 2022.",
            "Mali\n\nMoscow announced the delivery of attack helicopters to Mali in January 2022.",
            "Mali\n\nParis announced the withdrawal of its troops from Mali in February 2022.",
            "Niger\n\nWashington on Friday suspended military aid to Niamey after the coup of "
            "July 2023.",
            "Mali\n\nMoscow deployed instructors to Mali in December 2021, Paris said, a move "
            "that Washington condemned.",
        ],
    )
    def test_a_capital_standing_for_its_government_is_never_a_place(self, ctx, text):
        events = analysis_of(ctx, text).events
        assert events
        findings = [e.place for e in events if e.place is not None]
        assert not [f for f in findings if self.METONYMS.search(f.name + " " + f.phrase)]

    def test_the_place_of_an_event_a_capital_speaks_of_is_its_own(self, ctx):
        text = "Burkina\n\nParis condemned the attack near Djibo in May 2022."
        # "the attack" is only a pointer to an event reported elsewhere, but still placed.
        (attack,) = [e for e in analysis_of(ctx, text).events if e.kind == "attack"]
        assert placed(attack.place) == ("bf-djibo", "locality", "near")

    @pytest.mark.parametrize(
        "text,slug,phrase",
        [
            (
                "Burkina\n\nGunmen killed 14 villagers in Djibo Sunday, residents said.",
                "bf-djibo",
                "in Djibo",
            ),
            (
                "Burkina\n\nGunmen killed 14 villagers in Djibo on Monday, residents said.",
                "bf-djibo",
                "in Djibo",
            ),
            (
                "Mali\n\nAn explosive device struck a patrol in Gao Tuesday, killing two soldiers.",
                "ml-gao",
                "in Gao",
            ),
            (
                "Mali\n\nGunmen attacked a base in Gao in March 2022, killing three soldiers.",
                "ml-gao",
                "in Gao",
            ),
        ],
    )
    def test_a_day_or_month_after_a_known_name_is_no_part_of_it(self, ctx, text, slug, phrase):
        finding = place_of(ctx, text)
        assert (finding.slug, finding.phrase) == (slug, phrase)

    @pytest.mark.parametrize(
        "text,phrase",
        [
            (
                "Mali\n\nSoldiers were ambushed near Kourakou Monday, the army said.",
                "near Kourakou",
            ),
            (
                "Mali\n\nJihadists attacked the village of Kourakou Sunday, killing 11.",
                "the village of Kourakou",
            ),
            (
                "Mali\n\nJihadists attacked the village of Kourakou March 3, 2024, killing 11.",
                "the village of Kourakou",
            ),
        ],
    )
    def test_a_day_or_month_after_a_new_name_is_no_part_of_it_or_its_words(self, ctx, text, phrase):
        # The name and the words become the new place's name and the event's location.
        finding = place_of(ctx, text)
        assert (finding.slug, finding.name, finding.phrase) == (None, "Kourakou", phrase)

    @pytest.mark.parametrize(
        "text",
        [
            "Mali\n\nFrench special forces killed a senior AQIM commander near the Adrar des "
            "Ifoghas in March 2013.",
            "Mali\n\nChadian troops clashed with jihadists in the Adrar des Ifoghas mountains "
            "in February 2013.",
            "Mali\n\nThe army attacked rebel positions in Adrar des Ifoghas in 2013.",
        ],
    )
    def test_the_adrar_des_ifoghas_is_not_the_town_or_region_of_adrar(self, ctx, text):
        (event,) = [e for e in analysis_of(ctx, text).events if not e.link_only]
        finding = event.place
        assert finding is not None
        assert "adrar" not in (finding.slug or "")  # Algeria's and Mauritania's Adrar
        assert finding.slug is not None or finding.name == "Adrar des Ifoghas"
        assert "country:DZA" not in event.countries and "country:MRT" not in event.countries


# -------------------------------------------------- the pure layer agrees with the models


def test_place_kinds_are_the_models_choices():
    kinds = analysis_places.PlaceKind
    names = [n for n in vars(kinds) if n.isupper()]
    assert sorted(getattr(kinds, n) for n in names) == sorted(choices.PlaceKind.values)
    for name in names:
        assert getattr(kinds, name) == getattr(choices.PlaceKind, name).value


def test_location_precisions_are_the_models_choices_in_the_same_order():
    ours = analysis_places.LocationPrecision
    assert list(ours.values) == list(choices.LocationPrecision.values)  # most precise first
    for name in [n for n in vars(ours) if n.isupper()]:
        assert getattr(ours, name) == getattr(choices.LocationPrecision, name).value


def test_precision_of_each_kind_is_the_models():
    expected = {
        kind.value: precision.value for kind, precision in choices.PRECISION_OF_KIND.items()
    }
    assert dict(analysis_places.PRECISION_OF_KIND) == expected
    assert set(analysis_places.PRECISION_OF_KIND) == set(choices.PlaceKind.values)


# ---------------------------------------------------------------- the pack's place tables

PLACE_TABLES = sorted(
    name for name in typing.get_type_hints(lang.LanguagePack) if name.startswith("PLACE_")
)
METACHARACTERS = re.compile(r"[.^$*+?{}\[\]\\|()]")


def test_the_protocol_declares_the_place_tables_the_step_reads():
    assert {
        "PLACE_AT",
        "PLACE_NEAR",
        "PLACE_FACILITIES",
        "PLACE_UNITS",
        "PLACE_PARTS",
        "PLACE_NAME_LINKS",
        "PLACE_CAPITAL",
    } <= set(PLACE_TABLES)


@pytest.mark.parametrize("name", PLACE_TABLES)
def test_every_place_table_is_in_the_english_pack_and_not_empty(name):
    table = getattr(EN, name)
    assert table, name
    strings = [*table.keys(), *table.values()] if isinstance(table, dict) else list(table)
    assert all(isinstance(s, str) and s == s.strip() and s for s in strings), name
    assert len(set(strings if not isinstance(table, dict) else table)) == len(table), name


@pytest.mark.parametrize("name", sorted(n for n in PLACE_TABLES if n in lang.PIECE_TABLES))
def test_place_pieces_compile_and_name_no_group(name):
    for piece in getattr(EN, name):
        assert re.compile(piece).groupindex == {}, piece


@pytest.mark.parametrize(
    "name", sorted(n for n in PLACE_TABLES if n not in lang.PIECE_TABLES | lang.TEXT_TABLES)
)
def test_place_words_hold_no_regex_metacharacters(name):
    table = getattr(EN, name)
    for word in table:
        assert not METACHARACTERS.search(word), f"{name}: {word!r}"


def test_place_units_make_only_kinds_below_a_country():
    assert set(EN.PLACE_UNITS.values()) <= set(choices.PlaceKind.values) - {"country", "site"}
    assert EN.PLACE_UNITS["region"] == "admin1"
    assert {EN.PLACE_UNITS[w] for w in ("province", "cercle", "department")} == {"admin2"}
    assert EN.PLACE_UNITS["village"] == "locality"
    # Units are matched lower-cased.
    assert all(word == word.lower() for word in EN.PLACE_UNITS)


def test_place_near_pieces_match_what_they_document():
    near = re.compile(rf"(?:{'|'.join(EN.PLACE_NEAR)})\Z", re.I)
    for words in ("near", "on the outskirts of", "30 km north of", "12 kilometres from"):
        assert near.match(words), words
    capital = re.compile(rf"(?:{'|'.join(EN.PLACE_CAPITAL)})\Z", re.I)
    assert capital.match("the capital") and capital.match("the country's capital city")
