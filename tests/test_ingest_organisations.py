"""Step 5c: organisations the reference data does not know, proposed for review. Pure."""

import pytest

from facts.ingest.analysis import analyze, lang
from facts.ingest.analysis.cleaning import clean_article
from facts.ingest.analysis.organisations import KINDS, find_organisations
from facts.ingest.analysis.sentences import split_sentences
from facts.ingest.reading import read_document
from tests.base import fixture_context

# The reference data knows these organisations; the tests read them as an article would
# that names bodies the database has never seen.
UNKNOWN_HERE = frozenset(
    {
        "cma",
        "msa",
        "afp",
        "un-security-council",
        "united-nations",
        "mali-ministry-of-foreign-affairs",
    }
)


@pytest.fixture(scope="module")
def ctx():
    return fixture_context(without=UNKNOWN_HERE)


def found(ctx, text: str) -> list[tuple[str, str, str]]:
    cleaned = clean_article(text)
    sentences = split_sentences(cleaned.text, cleaned.paragraphs)
    first_pass = ctx.gazetteer.find(cleaned.text)
    return [
        (o.name, o.acronym, o.kind)
        for o in find_organisations(cleaned.text, sentences, first_pass, [])
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Acronym definitions: in English order, with small words giving a letter or none …
        (
            "Fighters of the Movement for the Salvation of Azawad (MSA) left Ménaka.",
            [("Movement for the Salvation of Azawad", "MSA", "armed-group")],
        ),
        (
            "The Economic Community of Central African States (ECCAS) met in Libreville.",
            [
                (
                    "Economic Community of Central African States",
                    "ECCAS",
                    "international-organisation",
                )
            ],
        ),
        # … or in French word order (Coordination des Mouvements de l'Azawad).
        (
            "Rebels of the Coordination of Azawad Movements (CMA) seized Kidal.",
            [("Coordination of Azawad Movements", "CMA", "armed-group")],
        ),
        (
            "He told Agence France-Presse (AFP) that the road was closed.",
            [("Agence France-Presse", "AFP", "other")],
        ),
        # Head words: a body named by its head noun, wherever it stands.
        (
            "The Malian Ministry of Foreign Affairs summoned the ambassador.",
            [("Malian Ministry of Foreign Affairs", "", "government-body")],
        ),
        (
            "On Monday, the Ministry of Defence denied the report.",
            [("Ministry of Defence", "", "government-body")],
        ),
        (
            "Clerics of the High Council of Imams called for talks.",
            [("High Council of Imams", "", "government-body")],
        ),
        (
            "Fighting between the army and the Permanent Framework for Strategic Action in Kidal "
            "went on.",
            [("Permanent Framework for Strategic Action", "", "armed-group")],
        ),
        (
            "Soldiers of the Presidential Guard detained him.",
            [("Presidential Guard", "", "armed-force")],
        ),
        (
            "A resolution of the UN Security Council was adopted.",
            [("UN Security Council", "", "international-organisation")],
        ),
        (
            "Officials of the Ministry of Territorial Administration and Decentralisation and "
            "the Ministry of Justice met.",
            [
                (
                    "Ministry of Territorial Administration and Decentralisation",
                    "",
                    "government-body",
                ),
                ("Ministry of Justice", "", "government-body"),
            ],
        ),
    ],
)
def test_new_organisations_are_found(ctx, text, expected):
    assert found(ctx, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Brackets that define nothing: a place, a credit, a name the initials do not fit.
        "Thousands fled the capital (Bamako) on Sunday.",
        "Three soldiers were killed, officials said (AFP).",
        "A spokesman for the governor (ORTM) denied it.",
        # Capitalised common words that open a sentence, or name no one in particular.
        "Security Forces arrested the suspects.",
        "Armed Forces units moved north.",
        "The Army and the Security Forces were deployed.",
        # A place named like a body; a heading; a person's title.
        "The attack took place in the Barsalogho Department.",
        "ARMY ATTACKS NEW BASE\n\nNothing else happened that day.",
        "The Ministry of Defence Spokesman was absent.",
        # The end of another name, and a designation.
        "Protests were led by the June 5 Movement-Rally of Patriotic Forces on Friday.",
        "AQIM, a designated Foreign Terrorist Organization, grew.",
        # Names the reference data knows.
        "The Group for the Support of Islam and Muslims (JNIM) claimed the attack.",
        "The National Council for the Safeguard of the Homeland (CNSP) took power.",
        "The United States (US) sent envoys.",
    ],
)
def test_no_organisation_where_there_is_none_or_it_is_known(ctx, text):
    names = [name for name, _, _ in found(ctx, text)]
    assert names in ([], ["Ministry of Defence"]), names
    if "Spokesman" not in text:
        assert names == []


def test_a_last_line_cut_off_proposes_nothing(ctx):
    text = "Talks went on.\n\nLater the Movement for the Liberation of Aza"
    assert found(ctx, text) == []
    complete = "Talks went on.\n\nLater the Movement for the Liberation of Azawad met."
    assert found(ctx, complete) == [("Movement for the Liberation of Azawad", "", "armed-group")]


def test_the_pack_heads_suggest_known_kinds():
    assert set(lang.pack("en").ORG_HEADS.values()) <= KINDS


def test_an_organisation_is_proposed_once_and_found_again_by_name_and_acronym(ctx):
    text = (
        "Mali talks\n\n"
        "The Coordination of Azawad Movements (CMA) met Malian officials in Algiers in May 2015. "
        "The CMA signed the agreement in June 2015. "
        "Later the Coordination of Azawad Movements attacked an army post in Kidal.\n"
    )
    analysis = analyze(read_document("cma.txt", text.encode()), ctx)
    (org,) = analysis.organisations
    assert (org.name, org.acronym, org.kind) == (
        "Coordination of Azawad Movements",
        "CMA",
        "armed-group",
    )
    found_again = [m.text for m in analysis.mentions if m.target == org.target]
    assert found_again == [
        "Coordination of Azawad Movements",
        "CMA",  # its definition
        "CMA",
        "Coordination of Azawad Movements",
    ]
    assert analysis.context is not None
    assert analysis.context.actor_kinds[org.target] == "armed-group"
    assert any(org.target in claim.actors for claim in analysis.claims)


def test_a_body_that_names_someones_role_takes_no_part_in_the_event(ctx):
    text = (
        "Coup in Niamey\n\n"
        "On 26 July 2023 soldiers ousted President Mohamed Bazoum, and Republican Guard of "
        "Niger commander General Omar Tchiani proclaimed himself leader.\n"
    )
    analysis = analyze(read_document("guard.txt", text.encode()), ctx)
    (guard,) = analysis.organisations
    assert (guard.name, guard.kind) == ("Republican Guard of Niger", "armed-force")
    (coup,) = [e for e in analysis.events if e.kind == "coup"]
    assert guard.target not in dict(coup.participants)
