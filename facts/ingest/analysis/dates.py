"""Step 6: dates in text, with the precision the words support and nothing more.

"August 2020" is a month, "late 2025" part of a year, "the early 2010s" part of a decade.
"September of that year" takes its year from the text before it. "July 9" takes a year only
from a known publication date (the most recent July 9 up to it); in an undated article it
stays unresolved, never guessed. Numeric dates are read day-first ("05/02/2026" is 5 February)
unless the numbers only make sense month-first.
"""

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from facts.ingest.analysis import lang

_P = lang.process_pack()

DAY, MONTH, PART, YEAR, DECADE = "day", "month", "part-of-year", "year", "decade"
PRECISION_ORDER = {DAY: 0, MONTH: 1, PART: 2, YEAR: 3, DECADE: 4}

MONTHS = _P.MONTHS
# Month words that are also ordinary words ("may") count as months only beside a day or a year.
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = rf"(?P<day>[0-3]?\d)(?:{'|'.join(_P.ORDINAL_SUFFIXES)})?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_B = r"(?<![\w/.-])"  # left word boundary that also refuses to start inside "12/05" or "v2.1"
_E = r"(?![\w/-])"
_OF = rf"(?:{_P.MONTH_OF}\s+)?"  # "5 of May", "May of 2020"

# Parts of a year: (start month, end month).
PARTS = _P.YEAR_PARTS
_PART = r"(?P<part>" + "|".join(re.escape(p) for p in sorted(PARTS, key=len, reverse=True)) + r")"
_PART_LINK = "".join(rf"|\s+{word}" for word in _P.PART_LINKS)[1:]
# First, middle and last third of a month.
_THIRDS = {word.lower(): i for i, word in enumerate(_P.MONTH_THIRDS)}
DECADE_PARTS = _P.DECADE_PARTS
_DECADE_PART = "|".join(sorted(DECADE_PARTS, key=len, reverse=True))
_YEAR_REF = "|".join(_P.YEAR_REFERENCES)
_YEAR_WORD = _P.YEAR_WORD
_THAT_YEAR_LEAD = "".join(rf"{word}\s+|" for word in _P.THAT_YEAR_LEADS)[:-1]

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# Weekday names as written in the narrative: capitalised ("Monday").
_WEEKDAY_NAME = "|".join(w.capitalize() for w in sorted(_P.WEEKDAY_NAMES, key=len, reverse=True))

NUMBER_WORDS = _P.NUMBER_WORDS
# Units after a bare number that make it a count, not a year ("2000 troops").
_COUNT_NOUNS = "|".join(_P.COUNT_NOUNS)

# Two days of one month: "4 and 5 June 2021", "between 27 and 31 March 2022", "6–18 August",
# "March 27-31, 2022". The days' range is kept; the precision is what one unit can hold.
_ORDINAL = rf"(?:{'|'.join(_P.ORDINAL_SUFFIXES)})?"
_DAY_PAIR = (
    rf"(?P<day>[0-3]?\d){_ORDINAL}"
    rf"(?:\s+(?:{'|'.join(_P.RANGE_JOINS)})\s+|\s*[-–—]\s*)(?P<day2>[0-3]?\d){_ORDINAL}"
)
_RANGE_OPENER = rf"(?:(?:{'|'.join(_P.RANGE_OPENERS)})\s+)?"
_OPTIONAL_YEAR = rf"(?:,?\s+{_YEAR})?"

_PATTERNS: list[tuple[str, re.Pattern]] = [
    (
        "day_pair",
        re.compile(
            _B + _RANGE_OPENER + _DAY_PAIR + r"\s+" + _OF + _MONTH + _OPTIONAL_YEAR + _E, re.I
        ),
    ),
    (
        "month_day_pair",
        re.compile(
            _B + _MONTH + r"\s+" + _DAY_PAIR + _OPTIONAL_YEAR + _E,
            re.I,
        ),
    ),
    ("iso", re.compile(_B + r"(?P<year>(?:1[89]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)" + _E)),
    (
        "numeric",
        re.compile(_B + r"(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:1[89]|20)\d\d)" + _E),
    ),
    ("mdy", re.compile(_B + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _E, re.I)),
    ("dmy", re.compile(_B + _DAY + r"\s+" + _OF + _MONTH + r",?\s+" + _YEAR + _E, re.I)),
    (
        "part_month",
        re.compile(
            _B + rf"(?P<part>{'|'.join(_P.MONTH_THIRDS)})[- ]" + _MONTH + r",?\s+" + _YEAR + _E,
            re.I,
        ),
    ),
    ("my", re.compile(_B + _MONTH + r",?\s+" + _OF + _YEAR + _E, re.I)),
    # "by 31 December that year", "on March 3 of the following year"
    *(
        (
            "day_that_year",
            re.compile(
                _B + day_month + rf",?\s+{_OF}(?P<ref>{_YEAR_REF})\s+{_YEAR_WORD}" + _E, re.I
            ),
        )
        for day_month in (rf"{_DAY}\s+{_OF}{_MONTH}", rf"{_MONTH}\s+{_DAY}")
    ),
    (
        "month_that_year",
        re.compile(
            _B + _MONTH + r"\s+" + _OF + rf"(?P<ref>{_YEAR_REF})"
            rf"\s+{_YEAR_WORD}" + _E,
            re.I,
        ),
    ),
    ("part_year", re.compile(_B + _PART + rf"(?:{_PART_LINK})?[\s-]?" + _YEAR + _E, re.I)),
    (
        "decade",
        re.compile(
            _B
            + rf"(?:{_P.DECADE_ARTICLE}\s+)?(?:(?P<part>{_DECADE_PART})\s*)?"
            + r"(?P<decade>(?:1[89]|20)\d0)"
            + _P.DECADE_SUFFIX
            + _E,
            re.I,
        ),
    ),
    ("md", re.compile(_B + _MONTH + r"\s+" + _DAY + r"(?!\s*,?\s*\d)" + _E, re.I)),
    ("dm", re.compile(_B + _DAY + r"\s+" + _OF + _MONTH + r"(?!,?\s+\d)" + _E, re.I)),
    (
        "that_year",
        re.compile(
            _B + rf"(?:{_THAT_YEAR_LEAD})?(?:{_P.THAT_YEAR_PREPOSITION}\s+)?(?P<ref>{_YEAR_REF})"
            # "the following year-heralding …": a dash for punctuation, not "2020-21".
            rf"\s+{_YEAR_WORD}" + r"(?![\w/]|-\d)",
            re.I,
        ),
    ),
    # "hours later", "later that day": the day the narrative gave last.
    (
        "narrative_same_day",
        re.compile(_B + rf"(?:{'|'.join(_P.NARRATIVE_SAME_DAY)})" + _E, re.I),
    ),
    # "the previous December", "the following March": the nearest such month before or
    # after the narrative's last date.
    (
        "narrative_month",
        re.compile(
            _B + rf"(?P<step>{'|'.join(_P.NARRATIVE_STEPS)})\s+" + _MONTH + r"(?!\w|\s*,?\s*\d)",
            re.I,
        ),
    ),
    # "the following day", "a week later": counted from the narrative's last date.
    (
        "narrative_step",
        re.compile(
            _B + rf"(?P<step>{'|'.join(_P.NARRATIVE_STEPS)})\s+(?P<unit>day|month)" + _E, re.I
        ),
    ),
    (
        "narrative_count",
        re.compile(
            _B
            + rf"(?P<count>{'|'.join(w for w, n in NUMBER_WORDS.items() if n)}|\d{{1,2}})\s+"
            + rf"(?P<unit>{'|'.join(_P.NARRATIVE_UNITS)})\s+"
            + rf"(?P<direction>{'|'.join(_P.NARRATIVE_DIRECTIONS)})"
            + _E,
            re.I,
        ),
    ),
    (
        "relative",
        re.compile(_B + rf"(?P<rel>{'|'.join(_P.RELATIVE_DATES)})" + _E, re.I),
    ),
    # "said Sunday", "on Monday": capitalised, and not the weekday of a date written after it
    # ("Monday, March 3", "Monday 3 March"), which is read as that date.
    (
        "weekday",
        re.compile(
            _B + rf"(?P<weekday>(?-i:{_WEEKDAY_NAME}))"
            rf"(?!\w|,?\s+(?:\d|(?:{_MONTH_NAMES})\b))",
            re.I,
        ),
    ),
    # "last September", "next March": a month named from the publication date.
    (
        "relative_month",
        re.compile(
            _B + rf"(?P<which>{'|'.join(_P.MONTH_RELATIVES)})\s+" + _MONTH + r"(?!\w|\s*,?\s*\d)",
            re.I,
        ),
    ),
    # "in April": a month alone, after a preposition, not followed by a day or a year.
    (
        "month",
        re.compile(
            _B + rf"(?:{'|'.join(_P.MONTH_PREPOSITIONS)})\s+" + _MONTH + r"(?!\w|\s*,?\s*\d)",
            re.I,
        ),
    ),
    # "the January offensive", "the March elections": a month naming what follows it.
    (
        "month",
        re.compile(
            rf"(?<=\b{_P.DEFINITE_ARTICLE} )" + _MONTH + r"(?=\s+(?-i:[a-z]))",
            re.I,
        ),
    ),
    (
        "ago",
        re.compile(
            _B + rf"(?P<n>\d+|{'|'.join(NUMBER_WORDS)})"
            rf"\s+(?P<unit>{'|'.join(_P.TIME_UNITS)}){_P.PLURAL_ENDING}?\s+{_P.AGO}" + _E,
            re.I,
        ),
    ),
    (
        "year",
        re.compile(
            r"(?<![\w$£€,.-])" + _YEAR + r"(?![\w%-]|[.,]\d|\s+(?:" + _COUNT_NOUNS + r")\b)", re.I
        ),
    ),
]
_RANGE_JOIN = re.compile(rf"^\s*(?:{'|'.join(_P.RANGE_JOINS)}|[-–—])\s*$", re.I)
_RANGE_OPEN = re.compile(rf"(?:{'|'.join(_P.RANGE_OPENERS)})\s+$", re.I)


def _holds(precision: str, start: date, end: date) -> bool:
    """Whether one unit of `precision` can hold the range `start`..`end`."""
    if precision == DAY:
        return start == end
    if precision == MONTH:
        return (start.year, start.month) == (end.year, end.month)
    if precision == PART:  # a part of a year is less than a year long (a winter may straddle)
        return (end - start).days < 365
    if precision == YEAR:
        return start.year == end.year
    return True  # a decade is the coarsest precision: it holds any range


def supported_precision(start: date, end: date, precision: str) -> str:
    """The finest precision, no finer than `precision`, whose unit holds the whole range:
    two different days are at best a month, two months of one year a part of it, two years
    only a decade. The database refuses a day-precision range of more than one day."""
    floor = PRECISION_ORDER.get(precision, 0)
    for candidate, order in PRECISION_ORDER.items():
        if order >= floor and _holds(candidate, start, end):
            return candidate
    return DECADE


@dataclass(frozen=True)
class DateMention:
    """A date as written, with the range and precision it supports (None when unresolved).

    A resolved mention always has start <= end and a precision whose unit holds its range
    (`supported_precision`): a precision too fine for the range is coarsened on construction.
    """

    text: str
    start_offset: int
    end_offset: int
    start: date | None
    end: date | None
    precision: str
    note: str = ""

    def __post_init__(self) -> None:
        if self.start is None or self.end is None:
            if self.start is not None or self.end is not None:
                raise ValueError(f"half-resolved date {self.text!r}")
            return
        if self.end < self.start:
            raise ValueError(f"date {self.text!r} ends before it starts")
        fitted = supported_precision(self.start, self.end, self.precision)
        if fitted != self.precision:
            object.__setattr__(self, "precision", fitted)

    @property
    def resolved(self) -> bool:
        return self.start is not None

    @property
    def year(self) -> int | None:
        return self.end.year if self.end else None


def month_range(year: int, first: int, last: int) -> tuple[date, date]:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def days_span(start: date, end: date) -> tuple[date, date, str]:
    """A span of days that no unit of the scheme is ("late July", "last week"): the month
    that holds it, whole, when one does; otherwise the span itself as a part of the year.
    Like "between 27 and 31 March", such a span is stored at the smallest unit holding it."""
    if (start.year, start.month) == (end.year, end.month):
        return (*month_range(start.year, start.month, start.month), MONTH)
    return start, end, PART


def _safe_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _most_recent(month: int, day: int | None, reference: date) -> date | None:
    """The latest occurrence of the month (and day) on or before the reference date."""
    for year in (reference.year, reference.year - 1):
        candidate = _safe_day(year, month, day or 1)
        if candidate and candidate <= reference:
            return candidate
    return None


def _day_pair(
    g: dict, reference: date | None, context_year: int | None
) -> tuple[date | None, date | None, str, str]:
    """Two days of a month, with the month's year written, the narrative's, or the latest
    before the publication date; at the precision that holds them both (two days: a month)."""
    month, first, last = MONTHS[g["month"].lower()], int(g["day"]), int(g["day2"])
    if not (1 <= first < last <= 31):
        return None, None, "", "not two days of a month in order"
    if g.get("year"):
        year, note = int(g["year"]), ""
    elif context_year is not None:
        year, note = context_year, "year of the narrative"
    elif reference is not None:
        latest = _most_recent(month, first, reference)
        if latest is None:
            return None, None, "", "no such days before the publication date"
        year, note = latest.year, "year inferred from the publication date"
    else:
        return None, None, "", "no year in the text and no publication date"
    start, end = _safe_day(year, month, first), _safe_day(year, month, last)
    if start is None or end is None:
        return None, None, "", "not days of that month"
    # A month-precision date names the whole month; the days stay in the date as written.
    return (*month_range(year, month, month), MONTH, note)


def _resolve(
    kind: str, m: re.Match, reference: date | None, context_year: int | None
) -> tuple[date | None, date | None, str, str]:
    g = m.groupdict()
    if kind == "iso":
        day = _safe_day(int(g["year"]), int(g["m"]), int(g["d"]))
        return day, day, DAY, ""
    if kind == "numeric":
        a, b, year = int(g["a"]), int(g["b"]), int(g["year"])
        # Day-first (the convention of nearly every country but the U.S.), unless impossible.
        day = _safe_day(year, b, a) or _safe_day(year, a, b)
        return day, day, DAY, ""
    if kind in {"mdy", "dmy"}:
        day = _safe_day(int(g["year"]), MONTHS[g["month"].lower()], int(g["day"]))
        return day, day, DAY, ""
    if kind == "my":
        return (*month_range(int(g["year"]), *(2 * [MONTHS[g["month"].lower()]])), MONTH, "")
    if kind == "part_month":
        month = MONTHS[g["month"].lower()]
        year = int(g["year"])
        last = calendar.monthrange(year, month)[1]
        thirds = ((1, 10), (11, 20), (21, last))[_THIRDS[g["part"].lower()]]
        return (*days_span(date(year, month, thirds[0]), date(year, month, thirds[1])), "")
    if kind == "part_year":
        return (*month_range(int(g["year"]), *PARTS[g["part"].lower()]), PART, "")
    if kind == "decade":
        decade = int(g["decade"])
        part = (g["part"] or "").lower()
        first, last = DECADE_PARTS.get(part, (0, 9))
        return date(decade + first, 1, 1), date(decade + last, 12, 31), DECADE, ""
    if kind in {"month_that_year", "that_year", "day_that_year"}:
        if context_year is None:
            return None, None, "", "no earlier year in the text to refer to"
        year = context_year + _P.YEAR_REFERENCES[" ".join(g["ref"].lower().split())]
        if kind == "day_that_year":
            day = _safe_day(year, MONTHS[g["month"].lower()], int(g["day"]))
            return (day, day, DAY, "") if day else (None, None, "", "not a day of the month")
        if kind == "that_year":
            return date(year, 1, 1), date(year, 12, 31), YEAR, ""
        return (*month_range(year, *(2 * [MONTHS[g["month"].lower()]])), MONTH, "")
    if kind in {"day_pair", "month_day_pair"}:
        return _day_pair(g, reference, context_year)
    if kind in {"md", "dm"}:
        month, day_of_month = MONTHS[g["month"].lower()], int(g["day"])
        if not 1 <= day_of_month <= 31:
            return None, None, "", "not a day of the month"
        if context_year is not None:  # "in 2023 … on 12 June": the narrative's year
            when = _safe_day(context_year, month, day_of_month)
            if when is None:
                return None, None, "", "not a day of that month"
            return when, when, DAY, "year of the narrative"
        if reference is None:
            return None, None, "", "no year in the text and no publication date"
        when = _most_recent(month, day_of_month, reference)
        return when, when, DAY, "year inferred from the publication date"
    if kind == "relative_month":
        if reference is None:
            return None, None, "", "relative date without a publication date"
        month = MONTHS[g["month"].lower()]
        step = _P.MONTH_RELATIVES[g["which"].lower()]
        # "last September": the latest September before the publication's month; "next
        # March": the first March after it; "this May": May of the publication's year.
        year = reference.year
        if step < 0 and month >= reference.month:
            year -= 1
        elif step > 0 and month <= reference.month:
            year += 1
        return (*month_range(year, month, month), MONTH, "relative to the publication date")
    if kind == "month":
        month = MONTHS[g["month"].lower()]
        if reference is not None and m.group(0).split()[0].lower() in _UP_TO_NOW:
            # "protests since June": from that June up to the time of writing.
            latest = _most_recent(month, None, reference)
            if latest is None:
                return None, None, "", "no such month before the publication date"
            return (*days_span(latest.replace(day=1), reference), "up to the publication date")
        if context_year is not None:
            return (*month_range(context_year, month, month), MONTH, "year of the narrative")
        if reference is None:
            return None, None, "", "no year in the text and no publication date"
        latest = _most_recent(month, None, reference)
        if latest is None:
            return None, None, "", "no such month before the publication date"
        return (
            *month_range(latest.year, month, month),
            MONTH,
            "year inferred from the publication date",
        )
    if kind == "weekday":
        if reference is None:
            return None, None, "", "weekday without a publication date"
        weekday = _P.WEEKDAY_NAMES[g["weekday"].lower()]
        day = reference - timedelta(days=(reference.weekday() - weekday) % 7)
        return day, day, DAY, "the latest such weekday up to the publication date"
    if kind == "relative":
        if reference is None:
            return None, None, "", "relative date without a publication date"
        unit, offset = _P.RELATIVE_DATES[g["rel"].lower()]
        if unit == "day":
            day = reference + timedelta(days=offset)
            return day, day, DAY, "relative to the publication date"
        if unit == "year":
            year = reference.year + offset
            return date(year, 1, 1), date(year, 12, 31), YEAR, "relative to the publication date"
        if unit == "month":
            month_start = reference.replace(day=1)
            for _ in range(-offset):
                month_start = (month_start - timedelta(days=1)).replace(day=1)
            for _ in range(offset):
                month_start = (month_start + timedelta(days=31)).replace(day=1)
            return (
                *month_range(month_start.year, month_start.month, month_start.month),
                MONTH,
                "relative to the publication date",
            )
        if unit == "weekend":
            # The Saturday and Sunday last before publication: a Monday's "over the weekend"
            # is the one just past; a Sunday's, the one it ends.
            sunday = reference - timedelta(days=(reference.weekday() + 1) % 7)
            saturday = sunday - timedelta(days=1)
            return (*days_span(saturday, sunday), "relative to the publication date")
        monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=offset)
        return (*days_span(monday, monday + timedelta(days=6)), "relative to the publication date")
    if kind == "ago":
        if reference is None:
            return None, None, "", "relative date without a publication date"
        raw_n = g["n"].lower()
        n = int(raw_n) if raw_n.isdigit() else NUMBER_WORDS.get(raw_n)
        if n is None:
            return None, None, "", "vague relative date"
        unit = _P.TIME_UNITS[g["unit"].lower()]
        if unit == "day":
            day = reference - timedelta(days=n)
            return day, day, DAY, "relative to the publication date"
        if unit == "week":
            day = reference - timedelta(weeks=n)
            return (*days_span(day - timedelta(days=3), day + timedelta(days=3)), "relative")
        if unit == "month":
            total = reference.year * 12 + reference.month - 1 - n
            year, month = divmod(total, 12)
            return (*month_range(year, month + 1, month + 1), MONTH, "relative")
        year = reference.year - n
        return date(year, 1, 1), date(year, 12, 31), YEAR, "relative to the publication date"
    # kind == "year"
    year = int(g["year"])
    return date(year, 1, 1), date(year, 12, 31), YEAR, ""


_UP_TO_NOW = frozenset(word.lower() for word in _P.MONTH_UP_TO_NOW)
_THAT_YEAR_KINDS = {"month_that_year", "that_year", "day_that_year"}
# Kinds that take their year from the narrative (the year its paragraph just spoke of).
_NARRATIVE_KINDS = {"md", "dm", "month", "day_pair", "month_day_pair"}
# Every date expression has a digit, a month, or one of these words: a cheap first look.
_HINT = re.compile(
    r"\d|\b(?:" + "|".join([*MONTHS, *_P.DATE_HINT_WORDS, *_P.WEEKDAY_NAMES]) + r")\b",
    re.I,
)
_WORDLIKE_MONTHS = _P.WORDLIKE_MONTHS
_DIGIT = re.compile(r"\d")
_MONTH_WORD = re.compile(rf"\b(?:{_MONTH_NAMES})\b", re.I)
_YEAR_WORD_RE = re.compile(rf"\b{_YEAR_WORD}\b", re.I)
# What each pattern cannot match without (a cheap first look, as _HINT is for all of them).
_NEEDS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("iso", "numeric", "part_year", "decade", "year"), ("digit",)),
    **dict.fromkeys(
        ("day_pair", "month_day_pair", "mdy", "dmy", "part_month", "my", "md", "dm"),
        ("digit", "month"),
    ),
    "day_that_year": ("digit", "month", "year"),
    "month_that_year": ("month", "year"),
    "that_year": ("year",),
    **dict.fromkeys(("narrative_month", "relative_month", "month"), ("month",)),
}


def find_dates(
    text: str,
    *,
    reference: date | None = None,
    context_year: int | None = None,
    narrative_year: int | None = None,
    context_date: "DateMention | None" = None,
    day_of_writing: bool = True,
) -> list[DateMention]:
    """Every date expression in `text`, left to right, without overlaps.

    `reference` is the publication date (for "yesterday", "on Monday", "July 9");
    `context_year` the year the text before this passage was speaking of (for "that year",
    resolved against the nearest year mentioned before it); `narrative_year` the year the
    passage's own paragraph has spoken of so far, which a month or a day without a year
    ("in April", "on 12 June") takes before the publication date's. A year named earlier in
    the same text counts for both. `context_date` is the last day or month the passage gave
    before the text, from which "the following day" and "a week later" count.
    `day_of_writing` is False when `reference` is only the day a source posted the text (a
    trailer's), maybe days after it was written: it still gives the year of a day or a month
    written without one, but nothing counts back from it ("yesterday", "on Monday").
    """
    if not _HINT.search(text):
        return []
    # Most patterns need a digit, a month's name or the word "year": a sentence without one
    # skips them unread.
    has = {
        "digit": _DIGIT.search(text) is not None,
        "month": _MONTH_WORD.search(text) is not None,
        "year": _YEAR_WORD_RE.search(text) is not None,
    }
    taken: list[tuple[int, int]] = []
    matches: list[tuple[str, re.Match]] = []
    for kind, pattern in _PATTERNS:
        if not all(has[need] for need in _NEEDS.get(kind, ())):
            continue
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            month_word = m.groupdict().get("month") or ""
            if month_word.lower() in _WORDLIKE_MONTHS and not month_word[0].isupper():
                continue  # "may 2" is a verb and a number
            if (
                kind in {"iso", "numeric", "mdy", "dmy"}
                and _resolve(kind, m, None, None)[0] is None
            ):
                continue  # "31/02/2024" is not a date; leave the digits alone
            taken.append((m.start(), m.end()))
            matches.append((kind, m))
    matches.sort(key=lambda km: km[1].start())
    # "the June 5 Movement": a day and month inside a name are no date.
    matches = [(k, m) for k, m in matches if not (k in {"md", "dm"} and _in_a_name(text, m))]
    found: list[DateMention] = []
    year, narrative, last = context_year, narrative_year, context_date
    for kind, m in matches:
        if kind in _OFFSET_KINDS:
            start, end, precision, note = _offset_from(m, last)
        else:
            known = (
                year
                if kind in _THAT_YEAR_KINDS
                else narrative
                if kind in _NARRATIVE_KINDS
                else None
            )
            counted_from = reference if day_of_writing or kind in _YEAR_ONLY_KINDS else None
            start, end, precision, note = _resolve(kind, m, counted_from, known)
        found.append(DateMention(m.group(0), m.start(), m.end(), start, end, precision, note))
        if start is not None and precision != DECADE:
            year = narrative = start.year
        if start is not None and precision in {DAY, MONTH}:
            last = found[-1]
    return _join_ranges(text, _years_from_later_dates(found))


# The kinds that take no more than a year from the publication date ("on 12 June", "in July").
_YEAR_ONLY_KINDS = {"md", "dm", "day_pair", "month_day_pair", "month"}
_OFFSET_KINDS = {"narrative_step", "narrative_count", "narrative_same_day", "narrative_month"}


def _offset_from(
    m: re.Match, last: "DateMention | None"
) -> tuple[date | None, date | None, str, str]:
    """A date counted from the narrative's last day or month: hours from a day (that day),
    days from a day (at day precision), weeks from a day (the month they land in: "a week
    later" is loose), months from a day or a month (at month precision), and a named month
    before or after it ("the previous December")."""
    g = m.groupdict()
    if last is None or last.start is None:
        return None, None, "", "no earlier date in the passage to count from"
    if g.get("month"):
        # "the previous December": the nearest December before the last date's month.
        month = MONTHS[g["month"].lower()]
        forward = _P.NARRATIVE_STEPS[" ".join(g["step"].lower().split())] > 0
        year = last.start.year
        if forward and month <= last.start.month:
            year += 1
        elif not forward and month >= last.start.month:
            year -= 1
        return (*month_range(year, month, month), MONTH, _COUNTED)
    if "unit" not in g:  # "hours later": the same day
        if last.precision != DAY:
            return None, None, "", "counted in hours from a date without a day"
        return last.start, last.start, DAY, _COUNTED
    unit = _P.NARRATIVE_UNITS[g["unit"].lower()]
    if g.get("step"):
        steps = _P.NARRATIVE_STEPS[" ".join(g["step"].lower().split())]
    else:
        count = g["count"].lower()
        number = int(count) if count.isdigit() else NUMBER_WORDS[count] or 0
        steps = number * _P.NARRATIVE_DIRECTIONS[g["direction"].lower()]
    if unit == "month":
        index = last.start.year * 12 + last.start.month - 1 + steps
        return (*month_range(index // 12, index % 12 + 1, index % 12 + 1), MONTH, _COUNTED)
    if last.precision != DAY:
        return None, None, "", "counted in days from a date without a day"
    when = last.start + timedelta(days=steps * (7 if unit == "week" else 1))
    if unit == "week":
        return (*month_range(when.year, when.month, when.month), MONTH, _COUNTED)
    return when, when, DAY, _COUNTED


_COUNTED = "counted from the date before it"


def _in_a_name(text: str, match: re.Match) -> bool:
    before = text[max(0, match.start() - 5) : match.start()]
    return bool(_NAME_BEFORE.search(before) and _NAME_AFTER.match(text, match.end()))


_NAME_BEFORE = re.compile(rf"\b{_P.DEFINITE_ARTICLE}\s+$", re.I)
_NAME_AFTER = re.compile(r"[ \t]+(?-i:[A-Z][a-z]+)")


def _years_from_later_dates(found: list[DateMention]) -> list[DateMention]:
    """A month or a day written without a year takes the year of the next dated day or month
    in the same passage, or the year before when its month comes later in the year ("created
    in April, and took over on 1 July 2013": April 2013; "in December, but on 10 January
    2013": December 2012)."""
    result = list(found)
    for index, mention in enumerate(found):
        if mention.resolved or mention.note not in _NO_YEAR_NOTES:
            continue
        later = next(
            (m for m in found[index + 1 :] if m.resolved and m.precision in {DAY, MONTH}), None
        )
        month = _month_of(mention.text)
        if later is None or later.start is None or month is None:
            continue
        year = later.start.year - (1 if month > later.start.month else 0)
        day = _day_of(mention.text)
        if day is not None:
            when = _safe_day(year, month, day)
            if when is None:
                continue
            start, end, precision = when, when, DAY
        else:
            start, end = month_range(year, month, month)
            precision = MONTH
        result[index] = DateMention(
            mention.text,
            mention.start_offset,
            mention.end_offset,
            start,
            end,
            precision,
            "year of a later date in the passage",
        )
    return result


_NO_YEAR_NOTES = {"no year in the text and no publication date"}
_MONTH_WORD = re.compile(rf"\b(?:{_MONTH_NAMES})\b", re.I)
_DAY_WORD = re.compile(r"\b([0-3]?\d)(?!\d)")


def _month_of(text: str) -> int | None:
    found = _MONTH_WORD.search(text)
    return MONTHS.get(found.group(0).lower()) if found else None


def _day_of(text: str) -> int | None:
    found = _DAY_WORD.search(text)
    return int(found.group(1)) if found else None


def _join_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Join "between August 2020 and July 2023" / "from 2014 to 2022" into one range."""
    result: list[DateMention] = []
    i = 0
    while i < len(mentions):
        current = mentions[i]
        if i + 1 < len(mentions):
            following = mentions[i + 1]
            between = text[current.end_offset : following.start_offset]
            before = text[max(0, current.start_offset - 12) : current.start_offset]
            if (
                current.start is not None
                and following.start is not None
                and following.end is not None  # a resolved mention has both ends
                and _RANGE_JOIN.match(between)
                and (_RANGE_OPEN.search(before) or between.strip() in {"-", "–", "—"})
                and following.end >= current.start
            ):
                opener = _RANGE_OPEN.search(before)
                start_offset = current.start_offset - (len(opener.group(0)) if opener else 0)
                result.append(
                    DateMention(
                        text=text[start_offset : following.end_offset],
                        start_offset=start_offset,
                        end_offset=following.end_offset,
                        start=current.start,
                        end=following.end,
                        precision=coarsest(current.precision, following.precision),
                        note="range",
                    )
                )
                i += 2
                continue
        result.append(current)
        i += 1
    return result


def coarsest(*precisions: str) -> str:
    return max(precisions, key=lambda p: PRECISION_ORDER.get(p, -1))


def span_of(mentions: list[DateMention]) -> DateMention | None:
    """One range covering every resolved mention, at the coarsest precision among them, made
    coarser still when its unit cannot hold the whole span (two days are not one day)."""
    resolved = [m for m in mentions if m.resolved]
    if not resolved:
        return None
    if len(resolved) == 1:
        return resolved[0]
    return DateMention(
        text="; ".join(m.text for m in resolved),
        start_offset=resolved[0].start_offset,
        end_offset=resolved[-1].end_offset,
        start=min(m.start for m in resolved if m.start is not None),
        end=max(m.end for m in resolved if m.end is not None),
        precision=coarsest(*(m.precision for m in resolved)),
        note="span of several dates",
    )


def contains(outer: DateMention, inner: DateMention) -> bool:
    if outer.start is None or outer.end is None or inner.start is None or inner.end is None:
        return False  # unresolved: contains nothing, is in nothing
    return outer.start <= inner.start and inner.end <= outer.end


def overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    return a_start <= b_end and b_start <= a_end


# A date line's date is at most a range of two days, "between 31st of septembre., 2026
# through 31st of …" (54 characters besides spaces and separators), and a time, "at 10:30
# gmt" (10): longer lines are prose, refused before the date patterns run on them (cleaning
# asks this of every line).
_MAX_DATE_LINE_CHARS = 64
# The most characters other than spaces a date line can have with its label and weekday
# ("Last updated: Wednesday, …").
_MAX_DATE_LINE_LENGTH = _MAX_DATE_LINE_CHARS + 40
_SEPARATORS = str.maketrans("", "", " ,|·")
_LABELS = "|".join(sorted(_P.DATE_LABELS, key=len, reverse=True))
_DATE_LABEL = re.compile(rf"^(?:(?:{_LABELS})\s*:?\s*){{1,3}}(?:{_P.DATE_LABEL_ON}\s+)?", re.I)
_WEEKDAY = re.compile(rf"^(?:{'|'.join(_P.WEEKDAYS)})(?:{_P.WEEKDAY_ENDING})?,?\s+", re.I)
# What may stand beside the date on a date line: a time of day ("at 10:30 GMT", "10:32 AM
# GMT+1"), before or after it.
_TIME_SUFFIX = "|".join(re.escape(w) for w in _P.TIME_SUFFIXES)
_TIME = re.compile(
    rf"(?:{_P.TIME_PREPOSITION}\s+)?\d{{1,2}}[:.h]\d{{2}}"
    rf"(?:\s*\(?(?:{_TIME_SUFFIX})(?:\s*[+-]\s*\d{{1,2}})?\)?(?!\w))*",
    re.I,
)
# A place or an outlet named on the date's own line: "Niamey, 3 August 2023",
# "Sahel Bulletin | 29 January 2025".
_NAMED_BESIDE = re.compile(r"[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3}")


def parse_date_line(line: str) -> DateMention | None:
    """A line that is nothing but a date ("Feb 5, 2026", "Published 05/02/2026", "Updated
    10:32 AM GMT, March 22, 2025"): a day, or, after a label ("Published: June 2024"), the
    month or year it states, never a finer date than the words give."""
    if len(line) - line.count(" ") > _MAX_DATE_LINE_LENGTH:
        return None  # a sentence: no label or weekday makes a date line that long
    labelled = _DATE_LABEL.match(line.strip())
    stripped = _WEEKDAY.sub("", _DATE_LABEL.sub("", line.strip()))
    if len("".join(stripped.split()).translate(_SEPARATORS)) > _MAX_DATE_LINE_CHARS:
        return None
    mentions = find_dates(stripped)
    if len(mentions) != 1 or not mentions[0].resolved:
        return None
    mention = mentions[0]
    if mention.precision != DAY and not (labelled and mention.note != "range"):
        return None
    before = stripped[: mention.start_offset].strip()
    after = stripped[mention.end_offset :].strip(" ,|·")
    rest = (before + " " + after).strip(" ,|·")
    if not rest or _TIME.fullmatch(rest):
        return mention
    # A day with the place or outlet that gives it, set apart before it: a date line too.
    if (
        mention.precision == DAY
        and not after
        and before[-1:] in {",", "|", "·"}
        and _NAMED_BESIDE.fullmatch(before[:-1].strip())
        and all(word[:1].isupper() for word in before[:-1].split())
    ):
        return mention
    return None


# A trailer naming the source and the day it gave the text: "Source: State Department, 3 May
# 2021", "Source https://www.diplomatie.gouv.fr, le 9 juin 2021". The source is the shortest
# stretch before a comma that leaves a date line after it.
_SOURCE_LINE = re.compile(
    rf"^(?:{'|'.join(_P.SOURCE_LEADS)})\s*:?\s+\S.{{0,160}}?,\s+"
    rf"(?:{_P.DATE_LABEL_ON}\s+)?(?P<date>\S.{{3,80}})$",
    re.I,
)


def _shifted(mention: DateMention, by: int) -> DateMention:
    return replace(
        mention, start_offset=mention.start_offset + by, end_offset=mention.end_offset + by
    )


def parse_source_line(line: str) -> DateMention | None:
    """The day of a source trailer ("Source: Reuters, March 3, 2021"), at its offsets in the
    line; None for any other line."""
    match = _SOURCE_LINE.match(line)
    if match is None:
        return None
    mention = parse_date_line(match.group("date"))
    if mention is None or mention.precision != DAY:
        return None
    return _shifted(mention, match.start("date"))


# A document's heading may carry the day it was issued: set apart in brackets at its end
# ("Mali - Attacks on MINUSMA and Barkhane (14 April 2018)") or after a dating phrase
# ("Letter dated 5 May 2021 from …", "Communiqué … en date du 18 janvier 2016, sur …").
_BRACKETED_AT_END = re.compile(r"\((?P<date>[^()]{4,60})\)\s*$")
_DATED = re.compile(rf"\b(?:{'|'.join(_P.DATED_PHRASES)})\s+", re.I)
_HEADING_MAX = 400


def heading_date(line: str) -> DateMention | None:
    """The day a document's heading dates it with, at its offsets in the line."""
    if len(line) > _HEADING_MAX:
        return None
    bracketed = _BRACKETED_AT_END.search(line)
    if bracketed:
        mention = parse_date_line(bracketed.group("date"))
        if mention is not None and mention.precision == DAY:
            return _shifted(mention, bracketed.start("date"))
    for dated in _DATED.finditer(line):
        found = find_dates(line[dated.end() :])
        first = found[0] if found else None
        if first and first.start_offset == 0 and first.resolved and first.precision == DAY:
            return _shifted(first, dated.end())
    return None


# A wire dateline opens the first paragraph: a place (words in capitals, commas between), a
# date, a news agency in brackets, then a dash: "BAMAKO, Mali, March 22, 2025 (Reuters) -",
# "WASHINGTON, Sept. 5, 2024 —", "Dakar, 3 February 2023 –", "(May 20, 2023) —".
_DATELINE_HEAD = re.compile(r"^(?P<head>[^\n]{4,120}?)(?:\s+[-–—]{1,2}|\s*[—–])\s+\S")
_AGENCY = re.compile(r"\(\s*[^\W\d_][^()]{0,40}\)")
_PLACE = re.compile(r"^[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,3}$")


def dateline_end(line: str) -> int | None:
    """Where a dateline that opens `line` ends (its dash included), dated or not: "NIAMEY,
    Niger (AP) —", "Stuttgart, Germany —", "BAMAKO, Mali, Aug 19, 2020 (Reuters) -"; None
    when the line opens with no dateline. The places it names are where the story was
    filed, not who acts in it."""
    head_match = _DATELINE_HEAD.match(line)
    if head_match is None:
        return None
    head = _AGENCY.sub("", head_match.group("head")).strip()
    dated = parse_dateline(line)
    if dated is not None:
        head = head[: dated.start_offset].rstrip().rstrip(",")
    parts = [part.strip() for part in head.split(",")]
    if not 1 <= len(parts) <= 3 or not all(_PLACE.match(part) for part in parts):
        return None
    if dated is None and len(parts) < 2 and not parts[0].isupper():
        return None  # "Officials — …": one word in title case is no dateline
    if not parts[0][:1].isupper():
        return None
    return head_match.end() - 1


def parse_dateline(line: str) -> DateMention | None:
    """The date of a dateline at the start of `line`, at the precision it is written with;
    None when the line opens with no dateline or its dateline has no date ("NIAMEY, Niger
    (AP) —"). Offsets are those of the date in `line`."""
    head_match = _DATELINE_HEAD.match(line)
    if head_match is None:
        return None
    head = head_match.group("head")
    # The dash may join a range ("BAMAKO, 2 Oct 2023 – 20 Dec 2023 (Reuters) —"): no dateline.
    if any(m.start_offset < len(head) < m.end_offset for m in find_dates(line[:200])):
        return None
    mentions = [m for m in find_dates(head) if m.resolved]
    # A dateline gives a day or a month; a bare year after a comma is prose ("Mali, 2023 —").
    if (
        len(mentions) != 1
        or mentions[0].note == "range"
        or mentions[0].precision
        not in {
            DAY,
            MONTH,
        }
    ):
        return None
    mention = mentions[0]
    before = head[: mention.start_offset]
    after = _AGENCY.sub("", head[mention.end_offset :]).strip()
    if after not in {"", ")"}:
        return None
    before = before.rstrip()
    if before.endswith("("):  # "(May 20, 2023) —"
        return mention if not before[:-1].strip() and after == ")" else None
    if after or not before:
        return None
    # "Bamako, le 2 novembre 2019 –": the word that puts a date (DATE_LABEL_ON) may sit
    # between the place and the date.
    label = f" {_P.DATE_LABEL_ON}"
    if before.lower().endswith(label.lower()) and before[: -len(label)].rstrip().endswith(","):
        before = before[: -len(label)].rstrip()
    if not before.endswith(","):  # "On March 22, 2025 — …" is a sentence, not a dateline
        return None
    parts = [part.strip() for part in before[:-1].split(",")]
    if not 1 <= len(parts) <= 3 or not all(_PLACE.match(part) for part in parts):
        return None
    if not parts[0].split()[0][0].isupper():
        return None
    return mention
