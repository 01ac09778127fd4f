"""Dates in the narrative: weekdays, bare months, days without a year, relative dates.

Each is resolved from what the article states (its day-precision publication date, or the
year its paragraph has just spoken of), at a precision no finer than its words, and is left
unresolved, with a flag, when the article gives nothing to resolve it from. Pure.
"""

from datetime import date

import pytest

from facts.ingest.analysis import analyze
from facts.ingest.analysis.dates import find_dates
from facts.ingest.reading import read_document
from tests.base import fixture_context

SATURDAY = date(2025, 3, 22)


def only(text: str, **kwargs):
    found = find_dates(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # wire style
        ("The army said Sunday it had repelled the attack.", date(2025, 3, 16)),
        ("Junta leaders met on Monday in Niamey.", date(2025, 3, 17)),
        ("Friday's attack near Ménaka killed 12 soldiers.", date(2025, 3, 21)),
        # the publication day itself is the latest Saturday up to it
        ("Protesters gathered on Saturday in Bamako.", SATURDAY),
    ],
)
def test_a_weekday_is_the_latest_such_day_up_to_the_publication_date(text, expected):
    mention = only(text, reference=SATURDAY)
    assert (mention.start, mention.end, mention.precision) == (expected, expected, "day")


def test_a_weekday_in_an_undated_article_stays_unresolved():
    mention = only("The ministry said Tuesday that talks would resume.")
    assert not mention.resolved and mention.text == "Tuesday"
    assert "publication date" in mention.note


@pytest.mark.parametrize(
    "text",
    [
        "Talks ended on Monday, March 3, 2025.",  # the weekday of a written date
        "Talks ended on Monday 3 March 2025.",
        "Talks ended on monday.",  # a weekday is capitalised in English
        "The Sunday Times reported nothing new.",
    ],
)
def test_a_weekday_beside_a_date_is_read_as_that_date(text):
    found = find_dates(text, reference=SATURDAY)
    assert all(d.text not in {"Monday", "monday"} for d in found)
    assert all(d.precision == "day" and d.start == d.end for d in found if d.resolved)


@pytest.mark.parametrize(
    ("text", "reference", "narrative_year", "start", "end"),
    [
        # official statement: the most recent April not after the publication date
        ("In April, the government suspended the NGO.", SATURDAY, None,
         date(2024, 4, 1), date(2024, 4, 30)),
        ("Since March, the government has suspended three NGOs.", SATURDAY, None,
         date(2025, 3, 1), date(2025, 3, 31)),
        # encyclopedic prose: the year the paragraph has just used
        ("Mali left ECOWAS in 2024; in April the AES announced a passport.", None, None,
         date(2024, 4, 1), date(2024, 4, 30)),
        ("In April the AES announced a joint passport.", SATURDAY, 2023,
         date(2023, 4, 1), date(2023, 4, 30)),
        # French month names, accents
        ("La junte a annoncé en 2023, in février, la fin de l'accord.", None, None,
         date(2023, 2, 1), date(2023, 2, 28)),
    ],
)  # fmt: skip
def test_a_bare_month_takes_the_narratives_year_or_the_publication_dates(
    text, reference, narrative_year, start, end
):
    found = [
        d
        for d in find_dates(text, reference=reference, narrative_year=narrative_year)
        if d.precision == "month"
    ]
    assert [(d.start, d.end) for d in found] == [(start, end)]


@pytest.mark.parametrize(
    "text",
    ["They may leave in May.", "Troops will march on Monday's route.", "in may"],
)
def test_month_words_that_are_ordinary_words_are_not_dates(text):
    assert [d for d in find_dates(text) if d.precision == "month"] == []


def test_a_bare_month_in_an_undated_text_stays_unresolved():
    mention = only("In April, the AES announced a joint passport.")
    assert not mention.resolved


def test_a_day_and_month_take_the_narratives_year():
    year, second = find_dates("Niger left in 2023, and on 12 June its envoy was recalled.")
    assert year.precision == "year"
    assert (second.start, second.precision) == (date(2023, 6, 12), "day")
    # without a narrative year, the publication date's
    assert only("On 12 June its envoy was recalled.", reference=SATURDAY).start == date(2024, 6, 12)


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [
        ("last week", date(2025, 3, 1), date(2025, 3, 31), "month"),
        ("earlier this week", date(2025, 3, 1), date(2025, 3, 31), "month"),
        ("last year", date(2024, 1, 1), date(2024, 12, 31), "year"),
        ("earlier this year", date(2025, 1, 1), date(2025, 12, 31), "year"),
        ("earlier this month", date(2025, 3, 1), date(2025, 3, 31), "month"),
        ("last month", date(2025, 2, 1), date(2025, 2, 28), "month"),
    ],
)
def test_relative_dates_count_from_the_publication_date(phrase, start, end, precision):
    mention = only(f"The junta expelled the envoy {phrase}.", reference=SATURDAY)
    assert (mention.start, mention.end, mention.precision) == (start, end, precision)


def test_a_week_that_crosses_a_months_end_is_part_of_the_year():
    # Monday 31 March 2025: "last week" is 24–30 March, "this week" 31 March–6 April.
    monday = date(2025, 3, 31)
    this_week = only("The junta expelled the envoy this week.", reference=monday)
    assert (this_week.start, this_week.end, this_week.precision) == (
        date(2025, 3, 31),
        date(2025, 4, 6),
        "part-of-year",
    )


@pytest.mark.parametrize(
    ("published", "start", "end", "precision"),
    [
        # a Monday's weekend is the one just past; it crosses no month's end here
        (date(2023, 10, 16), date(2023, 10, 1), date(2023, 10, 31), "month"),
        # a Sunday's is the one it ends
        (date(2023, 10, 15), date(2023, 10, 1), date(2023, 10, 31), "month"),
        # Saturday 30 September and Sunday 1 October: two months, a part of the year
        (date(2023, 10, 2), date(2023, 9, 30), date(2023, 10, 1), "part-of-year"),
    ],
)
def test_over_the_weekend_is_the_last_weekend_before_publication(published, start, end, precision):
    mention = only("Over the weekend we issued a note.", reference=published)
    assert (mention.start, mention.end, mention.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        (
            "Hours later, supporters set fire to the party's office.",
            *[date(2023, 7, 26)] * 2,
            "day",
        ),
        ("Later that day the army backed the coup.", *[date(2023, 7, 26)] * 2, "day"),
        ("That night a colonel spoke on television.", *[date(2023, 7, 26)] * 2, "day"),
        (
            "The French had left the previous December.",
            date(2022, 12, 1),
            date(2022, 12, 31),
            "month",
        ),
        ("The envoy returned the following March.", date(2024, 3, 1), date(2024, 3, 31), "month"),
        ("Troops left the following July.", date(2024, 7, 1), date(2024, 7, 31), "month"),
        ("Troops were to leave by 31 December that year.", *[date(2023, 12, 31)] * 2, "day"),
        ("Talks resumed on March 3 of the following year.", *[date(2024, 3, 3)] * 2, "day"),
    ],
)
def test_dates_counted_from_the_narratives_last_day(text, start, end, precision):
    (last,) = find_dates("on 26 July 2023")
    mention = only(text, context_date=last, context_year=2023)
    assert (mention.start, mention.end, mention.precision) == (start, end, precision)


def test_the_same_day_as_a_named_event_is_not_the_last_day_given():
    (last,) = find_dates("on 26 July 2023")
    assert (
        find_dates("On the same day as the Barsalogho attack, gunmen struck.", context_date=last)
        == []
    )
    (same,) = find_dates("On the same day, gunmen struck.", context_date=last)
    assert same.start == date(2023, 7, 26)


def test_hours_later_needs_a_day_to_count_from():
    (last,) = find_dates("in July 2023")
    (hours,) = find_dates("Hours later, gunmen struck.", context_date=last)
    assert hours.start is None and not hours.resolved


@pytest.fixture(scope="module")
def ctx():
    return fixture_context()


def test_in_an_article_the_narrative_year_holds_within_its_paragraph(ctx):
    """Background in one paragraph ("Formed in September 2023") gives no year to the news of
    the next ("talks on July 9"): that takes the publication date's year."""
    text = (
        "AES talks\n\nPublished: Saturday, 22 March 2025\n\n"
        "Formed in September 2023 by Mali, Niger and Burkina Faso, the AES left ECOWAS. "
        "In April the AES ministers met in Bamako.\n\n"
        "Mali's Foreign Minister Abdoulaye Diop held talks in Bamako on July 9 with "
        "Rudy Atallah.\n\n"
        "Niger's army said Sunday it had attacked a camp in Mali.\n"
    )
    result = analyze(read_document("narrative.txt", text.encode()), ctx)
    dated = {c.quote.split()[0]: c.date for c in result.claims if c.date}
    assert (dated["Mali's"].start, dated["Mali's"].precision) == (date(2024, 7, 9), "day")
    assert (dated["Niger's"].start, dated["Niger's"].precision) == (date(2025, 3, 16), "day")


def test_an_undated_article_flags_its_weekdays(ctx):
    text = "Niger\n\nNiger's army said Sunday it had attacked a camp in Mali.\n"
    result = analyze(read_document("undated.txt", text.encode()), ctx)
    assert "undated" in result.flags
    assert any("Sunday" in note for note in result.flags["unresolved-dates"])
