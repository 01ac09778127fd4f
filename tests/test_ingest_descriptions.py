"""Step 5d: descriptions resolved to actors ("Malian troops", "the junta", "the Kremlin"). Pure."""

import pickle
from datetime import date

import pytest

from facts.ingest.analysis import analyze
from facts.ingest.analysis.descriptions import resolve_descriptions
from facts.ingest.reading import read_document
from tests.base import fixture_context


@pytest.fixture(scope="module")
def ctx():
    return fixture_context()


def resolved(ctx, text: str, when: date | None = None) -> list[tuple[str, str]]:
    mentions = resolve_descriptions(text, ctx.gazetteer.find(text), ctx, when)
    return [(m.text, m.target) for m in mentions if m.kind == "description"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A country's government is its state (a country mention stands for the state).
        ("Mali's government expelled the envoy.", [("Mali's government", "country:MLI")]),
        (
            "The Nigerien transitional government suspended the deal.",
            [("Nigerien transitional government", "country:NER")],
        ),
        (
            "Talks with the government of Burkina Faso stalled.",
            [("the government of Burkina Faso", "country:BFA")],
        ),
        ("The authorities in Bamako denied it.", [("The authorities in Bamako", "country:MLI")]),
        # A country's army is its national army when the reference data has one …
        # ("Malian troops" and "French soldiers" are the armies' aliases in the reference data:
        # the gazetteer finds them before this step.)
        ("Mali's troops retook the town.", [("Mali's troops", "actor:malian-armed-forces")]),
        (
            "Niger’s armed forces patrolled the border.",
            [("Niger’s armed forces", "actor:nigerien-armed-forces")],
        ),
        (
            "The soldiers of France left Gao.",
            [("The soldiers of France", "actor:french-armed-forces")],
        ),
        (
            "A convoy of the army of Burkina Faso was ambushed.",
            [("the army of Burkina Faso", "actor:burkina-faso-armed-forces")],
        ),
        # … and stays the country's when it has none marked as such (Africa Corps is the
        # Russian ministry's, not the state's).
        ("Russian soldiers arrived in Bamako.", []),
        # Seats of power stand for their state.
        ("The Kremlin welcomed the move.", [("The Kremlin", "country:RUS")]),
        ("A statement from the Élysée followed.", [("the Élysée", "country:FRA")]),
        (
            "The White House and the Pentagon said nothing.",
            [("The White House", "country:USA"), ("the Pentagon", "country:USA")],
        ),
    ],
)
def test_descriptions_name_their_actor(ctx, text, expected):
    assert resolved(ctx, text) == expected


def test_the_junta_is_the_body_that_ruled_at_the_articles_date(ctx):
    text = "Niger's junta expelled the French ambassador. The junta later closed the border."
    after = [("Niger's junta", "actor:cnsp"), ("The junta", "actor:cnsp")]
    assert resolved(ctx, text, date(2023, 9, 1)) == after
    # Before the CNSP took power, without a date, or where no ruling body is known: unresolved.
    assert resolved(ctx, text, date(2023, 6, 1)) == []
    assert resolved(ctx, text, None) == []
    assert resolved(ctx, "In Mali, the junta extended the transition.", date(2023, 9, 1)) == []


def test_the_junta_is_never_a_less_named_neighbours(ctx):
    # An article on Niger dated before Niger's junta took office: Burkina Faso had one then,
    # but "the junta" of a text that names Niger most is not Burkina Faso's.
    text = (
        "Soldiers detained the president of Niger. Niger's borders were closed. "
        "Burkina Faso backed them. The junta closed Niger's airspace."
    )
    assert ("The junta", "actor:mpsr") not in resolved(ctx, text, date(2023, 7, 26))
    assert [r for r in resolved(ctx, text, date(2023, 7, 26)) if r[0] == "The junta"] == []


def test_the_junta_without_a_country_is_the_one_of_the_country_the_article_is_about(ctx):
    text = "In Niamey, the junta received envoys from Niger's neighbours and from France."
    assert resolved(ctx, text, date(2024, 3, 1)) == [("the junta", "actor:cnsp")]


def test_the_context_with_relations_still_pickles(ctx):
    copy = pickle.loads(pickle.dumps(ctx))
    assert copy.relations == ctx.relations
    assert any(r.object == "actor:cnsp" and r.kind == "leads" for r in copy.relations)


def test_a_description_is_a_participant_and_a_subject(ctx):
    text = (
        "Clashes near Gao\n\n"
        "Malian troops attacked a JNIM camp near Gao on 3 March 2024, the army said.\n"
    )
    analysis = analyze(read_document("gao.txt", text.encode()), ctx)
    (event,) = [e for e in analysis.events if e.kind == "attack"]
    assert ("actor:malian-armed-forces", "perpetrator") in event.participants
    (claim,) = analysis.claims
    assert claim.subject == "actor:malian-armed-forces"
    assert "country:MLI" in claim.countries
