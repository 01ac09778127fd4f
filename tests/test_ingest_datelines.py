"""Publication dates from datelines and labelled date lines, at the precision they state.

Wire datelines open the first paragraph ("BAMAKO, Mali, March 22, 2025 (Reuters) -");
official statements carry a label ("Released: …"); some pages put the date on a line of its
own near an undated dateline ("NIAMEY, Niger (AP) —"). None of them may give a finer date than
its words. Pure: no database.
"""

from datetime import date

import pytest

from facts.ingest.analysis.cleaning import clean_article
from facts.ingest.analysis.dates import parse_date_line, parse_dateline
from facts.ingest.analysis.metadata import extract_metadata
from facts.ingest.reading.text import normalize_text


def published(raw: str):
    meta = extract_metadata(clean_article(normalize_text(raw)))
    return meta


BODY = "Mali's junta ordered the withdrawal of French troops from the country."


@pytest.mark.parametrize(
    ("raw", "start", "end", "precision"),
    [
        # wire datelines
        (f"Mali orders troops out\n\nBAMAKO, Mali, March 22, 2025 (Reuters) - {BODY}\n",
         date(2025, 3, 22), date(2025, 3, 22), "day"),
        (f"Pentagon reviews Niger\n\nWASHINGTON, Sept. 5, 2024 — {BODY}\n",
         date(2024, 9, 5), date(2024, 9, 5), "day"),
        (f"AES summit\n\n(May 20, 2023) — {BODY}\n", date(2023, 5, 20), date(2023, 5, 20), "day"),
        (f"Senegal and Mali\n\nDakar, 3 February 2023 – {BODY}\n",
         date(2023, 2, 3), date(2023, 2, 3), "day"),
        # accents in the place, a dateline of a month
        (f"Sahel\n\nOUAGADOUGOU, Burkina Faso, juillet 2024 (AFP) — {BODY}\n",
         date(2024, 7, 1), date(2024, 7, 31), "month"),
        (f"Sahel\n\nSÉGOU, Mali, 9 juillet 2024 (AFP) — {BODY}\n",
         date(2024, 7, 9), date(2024, 7, 9), "day"),
        # an undated dateline with a date line near it
        (f"Niger junta\n\nMarch 22, 2025 10:15 AM ET\n\nNIAMEY, Niger (AP) — {BODY}\n",
         date(2025, 3, 22), date(2025, 3, 22), "day"),
        # official statements: labels
        (f"Joint communiqué\n\nPublished: 12 June 2024\n\n{BODY}\n",
         date(2024, 6, 12), date(2024, 6, 12), "day"),
        (f"Press release\n\nReleased: Tuesday, 12 March 2024\n\n{BODY}\n",
         date(2024, 3, 12), date(2024, 3, 12), "day"),
        (f"Statement\n\nUpdated on March 5, 2024, 10:32 a.m. GMT+1\n\n{BODY}\n",
         date(2024, 3, 5), date(2024, 3, 5), "day"),
        (f"Statement\n\nLast updated: June 2024\n\n{BODY}\n",
         date(2024, 6, 1), date(2024, 6, 30), "month"),
        # the place or the outlet that gives the day, on the date's own line
        (f"Communiqué\n\nNiamey, 3 August 2023\n\n{BODY}\n",
         date(2023, 8, 3), date(2023, 8, 3), "day"),
        (f"Leaving ECOWAS\n\nSahel Bulletin | 29 January 2025\n\n{BODY}\n",
         date(2025, 1, 29), date(2025, 1, 29), "day"),
    ],
)  # fmt: skip
def test_the_publication_date_is_read_with_its_precision(raw, start, end, precision):
    meta = published(raw)
    assert meta.published is not None, meta.flags
    assert (meta.published.start, meta.published.end, meta.published.precision) == (
        start,
        end,
        precision,
    )
    assert "undated" not in meta.flags


@pytest.mark.parametrize(
    "raw",
    [
        # encyclopedic prose: dates in sentences, no dateline
        f"Mali\n\nOn March 22, 2025 — a Saturday — {BODY}\n",
        f"Mali\n\nIn 2023 - a year of coups - {BODY}\n",
        f"Mali\n\nMali, 2023 — {BODY}\n",
        f"Mali\n\nThe meeting ended on 5 May 2024 - a Sunday - in Niamey. {BODY}\n",
        # an undated dateline and nothing else
        f"Niger junta\n\nNIAMEY, Niger (AP) — {BODY}\n",
        # an unlabelled month is not a date line (a heading, or a date in a list)
        f"Mali\n\nJune 2024\n\n{BODY}\n",
        # a range is no publication date
        f"Mali\n\n2 Oct – 20 Dec 2023\n\n{BODY}\n",
        f"Mali\n\nBAMAKO, 2 Oct 2023 – 20 Dec 2023 (Reuters) — {BODY}\n",
    ],
)
def test_no_publication_date_is_invented(raw):
    meta = published(raw)
    assert meta.published is None, meta.published
    assert "undated" in meta.flags


def test_a_dateline_far_into_the_article_is_not_its_date():
    paragraphs = "\n\n".join(f"{BODY[:-1]}, paragraph {n}." for n in range(5))
    meta = published(f"Mali\n\n{paragraphs}\n\nBAMAKO, March 22, 2025 (Reuters) — {BODY}\n")
    assert meta.published is None


def test_a_dateline_and_a_date_line_that_disagree_are_flagged():
    meta = published(f"Mali\n\nPublished: 23 March 2025\n\nBAMAKO, March 22, 2025 — {BODY}\n")
    assert meta.published is not None and meta.published.start == date(2025, 3, 23)
    assert "conflicting-dates" in meta.flags


def test_a_dateline_date_points_into_its_line():
    line = f"BAMAKO, Mali, March 22, 2025 (Reuters) - {BODY}"
    mention = parse_dateline(line)
    assert mention is not None
    assert line[mention.start_offset : mention.end_offset] == "March 22, 2025"


def test_a_time_before_the_date_is_part_of_a_date_line():
    mention = parse_date_line("Updated 10:32 AM GMT, March 22, 2025")
    assert mention is not None and mention.start == date(2025, 3, 22)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted March 22nd, 2012 at 9:50 am (UTC-5)", date(2012, 3, 22)),
        ("Release Date Revised Sept. 28, 2023", date(2023, 9, 28)),
        ("Niamey, 3 August 2023", date(2023, 8, 3)),
        ("Sahel Bulletin | 29 January 2025", date(2025, 1, 29)),
    ],
)
def test_date_lines_with_labels_times_zones_places_and_outlets(line, expected):
    found = parse_date_line(line)
    assert found is not None and (found.start, found.end, found.precision) == (
        expected,
        expected,
        "day",
    )


@pytest.mark.parametrize(
    "line", ["Troops left Gao, 3 August 2023", "the end, 3 August 2023", "Niamey, August 2023"]
)
def test_a_sentence_or_a_month_beside_a_name_is_not_a_date_line(line):
    assert parse_date_line(line) is None


# ------------------------------------------------------ headings and source trailers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # a statement's heading with its day in brackets at the end
        (f"Mali - Attacks on MINUSMA and Barkhane (14 April 2018)\n\n{BODY}\n", date(2018, 4, 14)),
        # a document dated in its heading, the heading a full sentence
        (
            "Letter dated 5 May 2021 from the Secretary-General addressed to the President of "
            f"the Security Council.\n\n{BODY}\n",
            date(2021, 5, 5),
        ),
        # a source trailer at the end: the day the source posted the text
        (f"Mali\n\n{BODY}\n\nSource: Reuters, March 3, 2021\n", date(2021, 3, 3)),
        (f"Mali\n\n{BODY}\n\nSource https://www.state.gov, 9 June 2021\n", date(2021, 6, 9)),
        (f"Statement\n\n{BODY}\n\nLast modified: 16 January 2016\n", date(2016, 1, 16)),
    ],
)
def test_headings_and_trailers_give_the_day(raw, expected):
    meta = published(raw)
    assert meta.published is not None, meta.flags
    assert (meta.published.start, meta.published.precision) == (expected, "day")
    assert "Source" not in "".join(line for line in clean_article(normalize_text(raw)).text)


@pytest.mark.parametrize(
    "raw",
    [
        # a year or a month in brackets is the subject's, not the day of issue
        f"Solhan massacre (2021)\n\n{BODY}\n",
        f"Mali - Attacks on MINUSMA (April 2018)\n\n{BODY}\n",
        # a date in brackets that is not at the end of the heading
        f"Attacks (14 April 2018) on MINUSMA camps\n\n{BODY}\n",
        # "dated" further into the body is no heading
        f"Mali\n\n{BODY}\n\nA letter dated 5 May 2021 was read out.\n",
        # a source line without a day, or with words after the date
        f"Mali\n\n{BODY}\n\nSource: Reuters, March 2021\n",
        f"Mali\n\n{BODY}\n\nSource: Reuters, March 3, 2021, edited by the desk\n",
    ],
)
def test_no_day_from_a_heading_or_trailer_that_does_not_give_one(raw):
    assert published(raw).published is None


def test_a_trailer_date_is_not_read_as_the_day_of_writing():
    """The trailer tells when the source posted the text, maybe days after it was said:
    "yesterday" is not counted back from it; a date line's day is."""
    trailer = published(f"Mali\n\n{BODY}\n\nSource: Reuters, March 3, 2021\n")
    labelled = published(f"Mali\n\nPublished: 3 March 2021\n\n{BODY}\n")
    assert trailer.posted_later and not labelled.posted_later
