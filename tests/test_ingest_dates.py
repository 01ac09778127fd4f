"""Step 6: dates with the precision the words support. Pure."""

from datetime import date

import pytest

from facts.ingest.analysis.dates import find_dates, parse_date_line, span_of


def only(text: str, **kwargs):
    found = find_dates(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("in August 2020", date(2020, 8, 1), date(2020, 8, 31), "month"),
        ("late 2025", date(2025, 9, 1), date(2025, 12, 31), "part-of-year"),
        ("in early 2023", date(2023, 1, 1), date(2023, 4, 30), "part-of-year"),
        ("mid-2024", date(2024, 5, 1), date(2024, 8, 31), "part-of-year"),
        ("the summer of 2019", date(2019, 6, 1), date(2019, 8, 31), "part-of-year"),
        ("Q3 2024", date(2024, 7, 1), date(2024, 9, 30), "part-of-year"),
        ("since the early 2010s", date(2010, 1, 1), date(2013, 12, 31), "decade"),
        ("Feb 5, 2026", date(2026, 2, 5), date(2026, 2, 5), "day"),
        ("5 February 2026", date(2026, 2, 5), date(2026, 2, 5), "day"),
        ("05/02/2026", date(2026, 2, 5), date(2026, 2, 5), "day"),
        ("12/31/2024", date(2024, 12, 31), date(2024, 12, 31), "day"),  # only month-first fits
        ("2025-01-29", date(2025, 1, 29), date(2025, 1, 29), "day"),
        ("le 9 juillet 2024", date(2024, 7, 9), date(2024, 7, 9), "day"),
        ("fin 2023", date(2023, 9, 1), date(2023, 12, 31), "part-of-year"),
        ("in 2023", date(2023, 1, 1), date(2023, 12, 31), "year"),
        # a third of a month is a span of days: the month that holds it
        ("late July 2023", date(2023, 7, 1), date(2023, 7, 31), "month"),
    ],
)
def test_dates_have_their_range_and_precision(text, start, end, precision):
    found = only(text)
    assert (found.start, found.end, found.precision) == (start, end, precision)


def test_feb_5_and_05_02_agree():
    assert only("Feb 5, 2026").start == only("05/02/2026").start


def test_that_year_resolves_against_the_year_before_it():
    found = find_dates("two coups in 2022, with Traoré seizing control in September of that year")
    assert [(d.text, d.precision) for d in found] == [
        ("2022", "year"),
        ("September of that year", "month"),
    ]
    assert (found[1].start, found[1].end) == (date(2022, 9, 1), date(2022, 9, 30))


def test_that_year_from_an_earlier_sentence():
    found = only("In March of the following year, the junta expelled the envoy.", context_year=2023)
    assert (found.start, found.precision) == (date(2024, 3, 1), "month")


def test_month_day_without_year_stays_unresolved_in_an_undated_article():
    found = only("Diop held talks on July 9 with Atallah.")
    assert found.text == "July 9" and not found.resolved
    assert "no year" in found.note


def test_month_day_takes_the_latest_year_up_to_the_publication_date():
    found = only("talks on July 9", reference=date(2026, 2, 5))
    assert found.start == date(2025, 7, 9) and found.precision == "day"


def test_relative_dates_need_a_publication_date():
    assert not only("three days ago").resolved
    assert only("three days ago", reference=date(2026, 2, 8)).start == date(2026, 2, 5)
    assert only("last year", reference=date(2026, 2, 8)).start == date(2025, 1, 1)


def test_between_two_dates_is_one_range():
    # Three years are held by no month (nor year): the range keeps its ends, at a precision
    # whose unit holds it.
    found = only("Between August 2020 and July 2023, three nations saw coups.")
    assert (found.start, found.end, found.precision) == (
        date(2020, 8, 1),
        date(2023, 7, 31),
        "decade",
    )


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        # wire style: two days of one month are a month, never a day
        ("between 3 March 2024 and 5 March 2024", date(2024, 3, 3), date(2024, 3, 5), "month"),
        # infobox style: two months of one year are a part of it
        ("2 Oct 2023 – 20 Dec 2023", date(2023, 10, 2), date(2023, 12, 20), "part-of-year"),
        # encyclopedic prose across a new year
        ("from 20 December 2023 to 4 January 2024", date(2023, 12, 20), date(2024, 1, 4),
         "part-of-year"),
        # French dates, accents
        ("du 1er février 2024 au 3 février 2024", None, None, None),
        ("from 2014 to 2022", date(2014, 1, 1), date(2022, 12, 31), "decade"),
        ("between 2019 and 2019", date(2019, 1, 1), date(2019, 12, 31), "year"),
    ],
)  # fmt: skip
def test_a_range_has_the_precision_its_span_supports(text, start, end, precision):
    found = find_dates(text)
    if start is None:  # French joiners are not English words: two day-precision mentions
        assert [(d.start, d.end, d.precision) for d in found] == [
            (date(2024, 2, 1), date(2024, 2, 1), "day"),
            (date(2024, 2, 3), date(2024, 2, 3), "day"),
        ]
        return
    assert len(found) == 1, found
    assert (found[0].start, found[0].end, found[0].precision) == (start, end, precision)


def test_a_span_of_two_days_in_one_sentence_is_not_a_day():
    found = find_dates("Troops left Gao on 3 March 2024 and Kidal on 9 March 2024.")
    assert [d.precision for d in found] == ["day", "day"]  # two dated mentions
    span = span_of(found)
    assert span is not None
    assert (span.start, span.end, span.precision) == (date(2024, 3, 3), date(2024, 3, 9), "month")


def test_a_range_line_is_not_a_publication_date():
    assert parse_date_line("2 Oct – 20 Dec 2023") is None
    assert parse_date_line("2 Oct 2023 – 20 Dec 2023") is None


@pytest.mark.parametrize(
    "text",
    [
        "approximately 1,000 U.S. military personnel at Air Base 201",
        "a 5,000-strong force",
        "over $500 million in aid",
        "Russia deployed 2000 troops",
        "They may 2 go",
        "31/02/2024",
    ],
)
def test_numbers_that_are_not_dates_are_left_alone(text):
    assert [d for d in find_dates(text) if d.resolved and d.precision != "year"] == []
    assert all(d.text not in {"2000", "1,000", "201"} for d in find_dates(text))


def test_a_date_line_is_recognised_only_when_it_is_nothing_but_a_date():
    assert parse_date_line("Published: Tuesday, 12 March 2024").start == date(2024, 3, 12)
    assert parse_date_line("Mali left ECOWAS on 29 January 2025.") is None


def test_the_longest_date_line_there_can_be_is_still_a_date_line():
    """parse_date_line refuses long lines unread; the longest date line (a range from a day
    to the same day, both written at full length, and a time) sits exactly at the limit. A
    range of two different days is no publication date: no unit of "day" holds it."""
    line = "Between 30th of septembre., 2026 through 30th of septembre., 2026 at 10:30 gmt"
    mention = parse_date_line(line)
    assert (str(mention.start), str(mention.end), mention.precision) == (
        "2026-09-30",
        "2026-09-30",
        "day",
    )
    assert parse_date_line(line.replace("2026 through", "2025 through")) is None
    assert parse_date_line(line.replace("10:30", "10:30 and more")) is None
