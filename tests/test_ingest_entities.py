"""Step 5: the gazetteer and titled people, on seed text and text in other styles. Pure."""

import pytest

from facts.ingest.analysis.gazetteer import Gazetteer, actor_entries, country_entries
from facts.ingest.analysis.people import find_titled_people, surname_entries
from tests.base import fixture_context


@pytest.fixture(scope="module")
def ctx():
    return fixture_context()


def targets(ctx, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.target) for m in ctx.gazetteer.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Niger’s President", [("Niger", "country:NER")]),
        ("Nigeria and Nigerian traders", [("Nigeria", "country:NGA"), ("Nigerian", "country:NGA")]),
        ("U.S.-Nigerien relations", [("U.S.", "country:USA"), ("Nigerien", "country:NER")]),
        ("U.S opens communications", [("U.S", "country:USA")]),
        ("Washington and Moscow", [("Washington", "country:USA"), ("Moscow", "country:RUS")]),
        ("a US official headed to Bamako", [("US", "country:USA"), ("Bamako", "country:MLI")]),
        ("the Burkinabè army", [("Burkinabè army", "actor:burkina-faso-armed-forces")]),
        ("JNIM and ISGS", [("JNIM", "actor:jnim"), ("ISGS", "actor:isgs")]),
        ("U.S. Africa Command (AFRICOM)", [("U.S. Africa Command (AFRICOM)", "actor:us-africom")]),
        (
            "Assimi Goita and Assimi Goïta",
            [("Assimi Goita", "actor:assimi-goita"), ("Assimi Goïta", "actor:assimi-goita")],
        ),
        (
            "the Confédération des États du Sahel",
            [("Confédération des États du Sahel", "actor:aes")],
        ),
    ],
)
def test_names_are_found_on_word_boundaries_whatever_the_spelling(ctx, text, expected):
    assert targets(ctx, text) == expected


def test_niger_never_matches_inside_nigeria_and_demonyms_stay_apart(ctx):
    found = targets(ctx, "Nigerians in Nigeria; Nigeriens in Niger")
    assert ("Nigeria", "country:NGA") in found and ("Niger", "country:NER") in found
    assert all(target == "country:NGA" for text, target in found if text.startswith("Nigeria"))


def test_lower_case_words_are_not_names(ctx):
    assert targets(ctx, "tell us about the turkey and the chad") == []


def test_long_alias_and_the_name_inside_it_are_both_found(ctx):
    found = targets(ctx, "the Wagner Group (now rebranded as Africa Corps), began")
    assert found == [
        ("Wagner Group (now rebranded as Africa Corps)", "actor:wagner-group"),
        ("Africa Corps", "actor:africa-corps"),
    ]


def test_apostrophe_variants_meet():
    gazetteer = Gazetteer(actor_entries("bah-ndaw", "Bah N'Daw", []))
    for spelling in ["Bah N'Daw", "Bah N’Daw", "Bah Ndaw", "BAH NDAW"]:
        assert [m.target for m in gazetteer.find(f"President {spelling} resigned")] == [
            "actor:bah-ndaw"
        ]


def test_acronyms_must_match_letter_for_letter():
    gazetteer = Gazetteer(
        country_entries("USA", ["United States", "US"], ["American"], "Washington")
    )
    assert [m.text for m in gazetteer.find("US troops told us")] == ["US"]


class TestTitledPeople:
    @pytest.mark.parametrize(
        ("text", "title", "name"),
        [
            (
                "Lieutenant General John Brennan, deputy commander",
                "Lieutenant General",
                "John Brennan",
            ),
            (
                "Mali’s Foreign Minister Abdoulaye Diop held talks",
                "Foreign Minister",
                "Abdoulaye Diop",
            ),
            (
                "U.S. Ambassador to Mali, Rachna Korhonen, continues",
                "U.S. Ambassador to Mali",
                "Rachna Korhonen",
            ),
            (
                "Assistant Secretary of State for African Affairs Molly Phee and others",
                "Assistant Secretary of State for African Affairs",
                "Molly Phee",
            ),
            (
                "Rudy Atallah, counterterrorism adviser to Trump",
                "counterterrorism adviser",
                "Rudy Atallah",
            ),
            ("Le ministre Defence Minister Sadio Camara a dit", "Defence Minister", "Sadio Camara"),
            ("President Bah N’Daw resigned", "President", "Bah N’Daw"),
            ("Lt. Gen. Dagvin R. M. Anderson took command", "Lt. Gen.", "Dagvin R. M. Anderson"),
            (
                "Prime Minister Choguel Kokalla Maïga said",
                "Prime Minister",
                "Choguel Kokalla Maïga",
            ),
        ],
    )
    def test_title_and_name_are_split(self, text, title, name):
        people = find_titled_people(text, [])
        assert [(p.title, p.name) for p in people] == [(title, name)]

    def test_titles_never_cross_paragraphs(self):
        assert find_titled_people("the Sahel.\n\nGeneral Assembly met", []) == []

    def test_country_names_are_not_people(self, ctx):
        text = "General Mali Burkina said"
        assert find_titled_people(text, ctx.gazetteer.find(text)) == []

    def test_surname_alone_finds_the_person_named_before_unless_ambiguous(self):
        entries = surname_entries(
            {
                "actor:rudy-atallah": "Rudy Atallah",
                "actor:a": "Ali Traoré",
                "actor:b": "Ibrahim Traoré",
            }
        )
        assert [(e.surface, e.target) for e in entries] == [("Atallah", "actor:rudy-atallah")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Piracy in the Gulf of Guinea rose, Guinea said.", ["GIN"]),
        ("Boats on the Niger River near Gao, Mali, were seized; Niger denied it.", ["MLI", "NER"]),
        ("Fighting spread in the Inner Niger Delta of central Mali.", ["MLI"]),
        ("Boko Haram raided islands of Lake Chad before Chad's army struck back.", ["TCD"]),
        ("Farmers of the Senegal River Valley crossed into Mauritania.", ["MRT"]),
        # Stops and line ends end a feature's name.
        ("Troops left Mali and Niger. River patrols ended.", ["MLI", "NER"]),
        ("Troops left Niger\nRiver patrols ended.", ["NER"]),
    ],
)
def test_a_feature_named_after_a_country_is_not_the_country(ctx, text, expected):
    found = [m.target_key for m in ctx.gazetteer.find(text) if m.target_type == "country"]
    assert found == expected


def test_a_countrys_long_name_does_not_also_name_the_country_inside_it(ctx):
    text = "Peacekeepers from the Democratic Republic of the Congo and the Republic of Congo."
    found = [(m.text, m.target) for m in ctx.gazetteer.find(text)]
    assert found == [
        ("Democratic Republic of the Congo", "country:COD"),
        ("Republic of Congo", "country:COG"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Captain Ibrahim Traoré's government expelled the envoy.", ("Captain", "Ibrahim Traoré")),
        ("President Mohamed Bazoum’s party protested.", ("President", "Mohamed Bazoum")),
        ("the Russian president, Vladimir Putin, called Bamako.", ("president", "Vladimir Putin")),
        (
            "Mali's defence minister, Sadio Camara, flew to Moscow.",
            ("defence minister", "Sadio Camara"),
        ),
        (
            "a junta spokesman, Amadou Abdramane, read the statement.",
            ("junta spokesman", "Amadou Abdramane"),
        ),
    ],
)
def test_people_are_found_behind_possessives_and_lower_case_titles(ctx, text, expected):
    people = find_titled_people(text, ctx.gazetteer.find(text))
    assert [(p.title, p.name) for p in people] == [expected]
    assert text[people[0].start : people[0].end] == expected[1]
