"""Property tests: whatever the text, what the analysis proposes keeps the database's rules.

The rules are the model constraints (facts/models/mixins.py `date_range_constraints`,
facts/models/claims.py): a resolved date range has start <= end and day precision means one
day; a claim's fingerprint is unique in its article and its quote is exactly where its
selectors say. Beyond the database, a precision's unit holds its range: a month-precision
range lies within one month, a year-precision range within one year. Pure: no database.
"""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facts.anchors import anchored_at
from facts.ingest.analysis import analyze
from facts.ingest.analysis.cleaning import clean_article
from facts.ingest.analysis.dates import (
    DateMention,
    find_dates,
    parse_date_line,
    span_of,
    supported_precision,
)
from facts.ingest.analysis.metadata import extract_metadata
from facts.ingest.reading import ReadError, read_document
from tests.base import fixture_context

# Dates in many forms: wire, infobox, French, numeric, relative, ranges.
DATE_FRAGMENTS = st.sampled_from(
    [
        "March 22, 2025", "22 March 2025", "Sept. 5, 2024", "5 Sept 2024", "2 Oct", "20 Dec 2023",
        "2 Oct – 20 Dec 2023", "between 3 March and 5 March", "from 2014 to 2022", "July 9",
        "9 juillet 2024", "1er février 2024", "le 3 décembre", "2025-01-29", "05/02/2026",
        "12/31/2024", "31/02/2024", "in April", "on Monday", "said Sunday", "last week",
        "last year", "earlier this month", "three days ago", "a few weeks ago", "yesterday",
        "that year", "September of that year", "the following year", "late 2023", "mid-2024",
        "the early 2010s", "Q3 2024", "winter 2023", "through", "until", "and", "to", "–", "-",
        "between", "from", "2019", "1990s", "(May 20, 2023) —", "Published: 12 June 2024",
        "hours later", "that night", "the same day", "the previous December", "the following March",
        "31 December that year", "March 3 of the following year", "over the weekend",
        "since June", "late July 2024",
    ]
)  # fmt: skip
WORDS = st.sampled_from(
    [
        " ", ", ", ". ", "\n", "\n\n", "Mali", "Niger", "Burkina Faso", "the junta", "troops",
        "withdrew from", "attacked", "met", "said", "Goïta", "Ouagadougou", "on", "in", "The",
        "ECOWAS", "signed", "coup", "> ", "**", '"', "“", "”", "#", "- ",
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.lists(st.one_of(DATE_FRAGMENTS, WORDS), max_size=40).map("".join),
    st.text(max_size=200),
)
REFERENCES = st.one_of(
    st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))
)


def assert_keeps_the_rules(mention: DateMention) -> None:
    if not mention.resolved:
        assert mention.start is None and mention.end is None
        return
    assert mention.start is not None and mention.end is not None
    assert mention.start <= mention.end, mention
    if mention.precision == "day":
        assert mention.start == mention.end, mention
    elif mention.precision == "month":
        assert (mention.start.year, mention.start.month) == (mention.end.year, mention.end.month)
    elif mention.precision == "year":
        assert mention.start.year == mention.end.year, mention
    else:
        assert mention.precision in {"part-of-year", "decade"}, mention


@settings(max_examples=300, deadline=None)
@given(TEXTS, REFERENCES, st.one_of(st.none(), st.integers(1900, 2035)))
def test_every_date_found_keeps_the_rules(text, reference, context_year):
    found = find_dates(text, reference=reference, context_year=context_year)
    for mention in found:
        assert_keeps_the_rules(mention)
    span = span_of(found)
    if span is not None:
        assert_keeps_the_rules(span)
    # Mentions never overlap, left to right.
    assert all(a.end_offset <= b.start_offset for a, b in pairwise(found))


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_a_date_line_is_one_day(line):
    mention = parse_date_line(line)
    if mention is not None:
        assert mention.precision == "day" and mention.start == mention.end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(DATE_FRAGMENTS, WORDS), max_size=30).map("".join))
def test_a_publication_date_keeps_the_rules(text):
    published = extract_metadata(clean_article(text)).published
    if published is not None:
        assert_keeps_the_rules(published)


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.integers(0, 4000),
    st.sampled_from(["day", "month", "part-of-year", "year", "decade"]),
)
def test_a_mention_is_built_with_a_precision_its_range_supports(start, days, precision):
    end = start + timedelta(days=days)
    mention = DateMention("x", 0, 1, start, end, precision)
    assert_keeps_the_rules(mention)
    assert mention.precision == supported_precision(start, end, precision)
    order = ["day", "month", "part-of-year", "year", "decade"]
    assert order.index(mention.precision) >= order.index(precision)  # never finer


@pytest.fixture(scope="module")
def ctx():
    return fixture_context()


BODY = st.sampled_from(
    [
        "Mali's junta ordered French troops to leave on 3 March 2024.",
        "Niger withdrew from ECOWAS on 28 January 2024 and 29 January 2025.",
        "The AES was formed in Niamey between 6 July 2024 and 7 July 2024.",
        "Colonel Assimi Goïta met General Tchiani in Bamako on Monday.",
        "Burkina Faso's army said Sunday that it had attacked a camp in April.",
        "Wagner fighters were deployed to Mali in late 2021, a ministry spokesman said.",
    ]
)
PREFIXES = st.sampled_from(["", "> ", "**", '**"', "“", "- ", "# ", "_", "> **"])
SUFFIXES = st.sampled_from(["", "**", '"**', "”", "_"])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.tuples(PREFIXES, BODY, SUFFIXES), min_size=1, max_size=12),
    st.sampled_from(
        ["", "BAMAKO, Mali, March 22, 2025 (Reuters) - ", "Published: 12 June 2024\n\n"]
    ),
)
def test_claims_of_an_article_have_distinct_fingerprints_and_exact_selectors(ctx, lines, lead):
    """Repeated sentences, pull-quotes behind markdown, and dated sentences: every claim of
    one article has its own fingerprint and is anchored exactly where it says."""
    text = "Sahel news\n\n" + lead + "\n\n".join(p + body + s for p, body, s in lines) + "\n"
    try:
        result = analyze(read_document("probe.txt", text.encode()), ctx)
    except ReadError:
        return
    fingerprints = [c.fingerprint for c in result.claims]
    assert len(fingerprints) == len(set(fingerprints))
    for claim in result.claims:
        assert anchored_at(
            result.cleaned.text,
            quote=claim.quote,
            start=claim.start,
            end=claim.end,
            prefix=claim.prefix,
            suffix=claim.suffix,
        )
        assert claim.end > claim.start
        if claim.date is not None:
            assert_keeps_the_rules(claim.date)
    for event in result.events:
        if event.date is not None:
            assert_keeps_the_rules(event.date)
    if result.metadata.published is not None:
        assert_keeps_the_rules(result.metadata.published)


def test_a_pull_quote_repeating_a_body_sentence_gets_its_own_fingerprint(ctx):
    sentence = "Mali's junta ordered French troops to leave the country on 3 March 2024."
    text = f"Withdrawal\n\n{sentence}\n\n> {sentence}\n\n**“{sentence}”**\n"
    result = analyze(read_document("pull.txt", text.encode()), ctx)
    assert len(result.claims) == 3
    assert len({c.fingerprint for c in result.claims}) == 3
