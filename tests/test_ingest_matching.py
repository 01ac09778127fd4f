"""Is a proposed event one we already have? The matching rules (pure), and what a match may
add to the event it found (imported through the command, on the real database)."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from facts.ingest.analysis.dates import DateMention
from facts.ingest.analysis.events import EventProposal
from facts.ingest.writing.matching import EventSummary, best_match
from facts.models import Event
from tests.base import fixture_context


@pytest.fixture(scope="module")
def ctx():
    return fixture_context()


def coup(date_mention: DateMention | None, **fields) -> EventProposal:
    return EventProposal(
        kind="coup",
        sentence_index=0,
        trigger="coup",
        date=date_mention,
        countries=fields.get("countries", ["country:MLI"]),
        participants=fields.get("participants", []),
    )


def known(pk: int, start: date, end: date, **fields) -> EventSummary:
    return EventSummary(
        id=pk,
        kind="coup",
        date_start=start,
        date_end=end,
        participants=frozenset(fields.get("participants", ())),
        countries=frozenset(fields.get("countries", {"country:MLI"})),
    )


AUGUST_2020 = known(1, date(2020, 8, 18), date(2020, 8, 18))


def test_an_undated_mention_finds_the_one_event_of_its_place(ctx):
    assert best_match(coup(None), [AUGUST_2020], ctx) is AUGUST_2020


def test_a_date_with_no_year_to_read_it_by_finds_no_dated_event(ctx):
    in_april = DateMention("in April", 0, 8, None, None, "", "no year")
    assert best_match(coup(in_april), [AUGUST_2020], ctx) is None


def test_a_dated_mention_finds_no_event_whose_date_could_not_be_read(ctx):
    unreadable = EventSummary(
        id=3,
        kind="coup",
        date_start=None,
        date_end=None,
        participants=frozenset(),
        countries=frozenset({"country:MLI"}),
        date_text="in April",
    )
    day = DateMention("18 August 2020", 0, 14, date(2020, 8, 18), date(2020, 8, 18), "day")
    assert best_match(coup(day), [unreadable], ctx) is None
    assert best_match(coup(None), [unreadable], ctx) is unreadable


def test_overlapping_dates_match_and_others_do_not(ctx):
    year_2020 = DateMention("2020", 0, 4, date(2020, 1, 1), date(2020, 12, 31), "year")
    year_2021 = DateMention("2021", 0, 4, date(2021, 1, 1), date(2021, 12, 31), "year")
    assert best_match(coup(year_2020), [AUGUST_2020], ctx) is AUGUST_2020
    assert best_match(coup(year_2021), [AUGUST_2020], ctx) is None


def test_two_equally_good_events_are_no_match(ctx):
    other = known(2, date(2020, 8, 18), date(2020, 8, 18))
    assert best_match(coup(None), [AUGUST_2020, other], ctx) is None


def test_statements_are_one_only_on_one_date(ctx):
    said = DateMention("16 June 2023", 0, 12, date(2023, 6, 16), date(2023, 6, 16), "day", "")
    june = DateMention("June 2023", 0, 9, date(2023, 6, 1), date(2023, 6, 30), "month", "")
    mali = [("actor:mali", "party")]
    statement = EventSummary(
        id=7,
        kind="statement",
        date_start=date(2023, 6, 16),
        date_end=date(2023, 6, 16),
        participants=frozenset(mali),
        countries=frozenset({"country:MLI"}),
    )

    def said_on(when: DateMention | None) -> EventProposal:
        return EventProposal(
            kind="statement", sentence_index=0, trigger="said", date=when, participants=mali
        )

    assert best_match(said_on(said), [statement], ctx) is statement
    # Another thing Mali said that month, or on a day not given, is another statement.
    assert best_match(said_on(june), [statement], ctx) is None
    assert best_match(said_on(None), [statement], ctx) is None


def _import(folder, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")
    call_command("import_articles", str(folder / name), stdout=io.StringIO(), stderr=io.StringIO())


def test_an_undated_mention_links_to_an_event_without_giving_it_participants(
    reference_data, tmp_path
):
    _import(
        tmp_path,
        "dated.txt",
        "Mutinous soldiers ousted President Ibrahim Boubacar Keïta in Mali on 18 August 2020.",
    )
    (event,) = Event.objects.filter(kind="coup")
    before = set(event.participants.values_list("actor__slug", "role"))
    _import(
        tmp_path,
        "undated.txt",
        "The coup in Mali, led by Colonel Assimi Goïta, ousted President Ibrahim Boubacar "
        "Keïta, officials in Bamako said.",
    )
    assert Event.objects.filter(kind="coup").count() == 1
    assert set(event.participants.values_list("actor__slug", "role")) == before
    assert event.claims.count() == 2  # the second article's claim points at it all the same


def test_each_participant_names_the_article_that_gave_it(reference_data, tmp_path):
    _import(
        tmp_path,
        "first.txt",
        "Mutinous soldiers ousted President Ibrahim Boubacar Keïta in Mali on 18 August 2020.",
    )
    _import(
        tmp_path,
        "second.txt",
        "Colonel Assimi Goïta led the coup in Mali on 18 August 2020, officials said.",
    )
    (event,) = Event.objects.filter(kind="coup")
    given = {
        (p.actor.slug, p.role, p.article.source_file.rsplit("/", 1)[-1])
        for p in event.participants.select_related("actor", "article")
    }
    assert given == {
        ("ibrahim-boubacar-keita", "target", "first.txt"),
        ("assimi-goita", "leader", "second.txt"),
    }


def test_a_later_report_gives_a_toll_to_an_event_that_had_none(reference_data, tmp_path):
    _import(
        tmp_path,
        "first.txt",
        "Gunmen attacked the Malian Armed Forces in Boulkessi in Mali on 3 March 2024.",
    )
    (event,) = Event.objects.filter(kind="attack")
    assert event.fatalities_best is None
    _import(
        tmp_path,
        "second.txt",
        "Gunmen attacked the Malian Armed Forces in Boulkessi in Mali on 3 March 2024, "
        "killing at least 21 soldiers.",
    )
    event.refresh_from_db()
    assert (event.fatalities_low, event.fatalities_best) == (21, 21)
    assert "Toll" in event.history.first().history_change_reason
