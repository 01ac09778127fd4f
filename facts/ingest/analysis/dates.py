"""Step 6: dates in text, with the precision the words support and nothing more.

"August 2020" is a month, "late 2025" part of a year, "the early 2010s" part of a decade.
"September of that year" takes its year from the text before it. "July 9" takes a year only
from a known publication date (the most recent July 9 up to it); in an undated article it
stays unresolved, never guessed. Numeric dates are read day-first ("05/02/2026" is 5 February)
unless the numbers only make sense month-first.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

DAY, MONTH, PART, YEAR, DECADE = "day", "month", "part-of-year", "year", "decade"
PRECISION_ORDER = {DAY: 0, MONTH: 1, PART: 2, YEAR: 3, DECADE: 4}

MONTHS = {
    "january": 1, "jan": 1, "janvier": 1,
    "february": 2, "feb": 2, "février": 2, "fevrier": 2,
    "march": 3, "mar": 3, "mars": 3,
    "april": 4, "apr": 4, "avril": 4,
    "may": 5, "mai": 5,
    "june": 6, "jun": 6, "juin": 6,
    "july": 7, "jul": 7, "juillet": 7,
    "august": 8, "aug": 8, "août": 8, "aout": 8,
    "september": 9, "sep": 9, "sept": 9, "septembre": 9,
    "october": 10, "oct": 10, "octobre": 10,
    "november": 11, "nov": 11, "novembre": 11,
    "december": 12, "dec": 12, "décembre": 12, "decembre": 12,
}  # fmt: skip
# "May" and "mars" are also ordinary words: they count as months only beside a day or a year.
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_B = r"(?<![\w/.-])"  # left word boundary that also refuses to start inside "12/05" or "v2.1"
_E = r"(?![\w/-])"

# Parts of a year: (start month, end month) in the northern-hemisphere calendar news uses.
PARTS = {
    "early": (1, 4), "the beginning of": (1, 4), "the start of": (1, 4),
    "mid": (5, 8), "the middle of": (5, 8), "mid-": (5, 8),
    "late": (9, 12), "the end of": (9, 12), "end of": (9, 12), "the close of": (9, 12),
    "the first half of": (1, 6), "the second half of": (7, 12),
    "the first quarter of": (1, 3), "the second quarter of": (4, 6),
    "the third quarter of": (7, 9), "the fourth quarter of": (10, 12),
    "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12),
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
    "début": (1, 4), "fin": (9, 12),
}  # fmt: skip
_PART = r"(?P<part>" + "|".join(re.escape(p) for p in sorted(PARTS, key=len, reverse=True)) + r")"
DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "mid-": (4, 6), "late": (7, 9)}

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": None, "a few": None,
}  # fmt: skip

# Units after a bare number that make it a count, not a year ("2000 troops").
_COUNT_NOUNS = (
    r"troops|soldiers|personnel|people|fighters|men|women|civilians|km|kilometres|kilometers|"
    r"miles|tons|tonnes|dollars|euros|cfa|members|officers|casualties|deaths|refugees|-strong"
)

_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(_B + r"(?P<year>(?:1[89]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)" + _E)),
    (
        "numeric",
        re.compile(_B + r"(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<year>(?:1[89]|20)\d\d)" + _E),
    ),
    ("mdy", re.compile(_B + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _E, re.I)),
    ("dmy", re.compile(_B + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + _E, re.I)),
    (
        "part_month",
        re.compile(_B + r"(?P<part>early|mid|late)[- ]" + _MONTH + r",?\s+" + _YEAR + _E, re.I),
    ),
    ("my", re.compile(_B + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + _E, re.I)),
    (
        "month_that_year",
        re.compile(
            _B + _MONTH + r"\s+(?:of\s+)?(?P<ref>that|the same|the following|the previous|the next)"
            r"\s+year" + _E,
            re.I,
        ),
    ),
    ("part_year", re.compile(_B + _PART + r"(?:\s+of|\s+in)?[\s-]?" + _YEAR + _E, re.I)),
    (
        "decade",
        re.compile(
            _B
            + r"(?:the\s+)?(?:(?P<part>early|mid-?|late)\s*)?(?P<decade>(?:1[89]|20)\d0)['’]?s"
            + _E,
            re.I,
        ),
    ),
    ("md", re.compile(_B + _MONTH + r"\s+" + _DAY + r"(?!\s*,?\s*\d)" + _E, re.I)),
    ("dm", re.compile(_B + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?!,?\s+\d)" + _E, re.I)),
    (
        "that_year",
        re.compile(
            _B + r"(?:later\s+|earlier\s+)?(?:in\s+)?(?P<ref>that|the same|the following|"
            r"the previous|the next)\s+year" + _E,
            re.I,
        ),
    ),
    (
        "relative",
        re.compile(
            _B + r"(?P<rel>yesterday|today|this year|last year|next year|this month|last month|"
            r"next month|last week|this week)" + _E,
            re.I,
        ),
    ),
    (
        "ago",
        re.compile(
            _B + r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)"
            r"\s+(?P<unit>day|week|month|year)s?\s+ago" + _E,
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
_RANGE_JOIN = re.compile(r"^\s*(?:and|to|until|till|through|[-–—])\s*$", re.I)
_RANGE_OPEN = re.compile(r"(?:between|from)\s+$", re.I)


@dataclass(frozen=True)
class DateMention:
    """A date as written, with the range and precision it supports (None when unresolved)."""

    text: str
    start_offset: int
    end_offset: int
    start: date | None
    end: date | None
    precision: str
    note: str = ""

    @property
    def resolved(self) -> bool:
        return self.start is not None

    @property
    def year(self) -> int | None:
        return self.end.year if self.end else None


def month_range(year: int, first: int, last: int) -> tuple[date, date]:
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


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
        thirds = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[g["part"].lower()]
        return date(year, month, thirds[0]), date(year, month, thirds[1]), PART, ""
    if kind == "part_year":
        return (*month_range(int(g["year"]), *PARTS[g["part"].lower()]), PART, "")
    if kind == "decade":
        decade = int(g["decade"])
        part = (g["part"] or "").lower()
        first, last = DECADE_PARTS.get(part, (0, 9))
        return date(decade + first, 1, 1), date(decade + last, 12, 31), DECADE, ""
    if kind in {"month_that_year", "that_year"}:
        if context_year is None:
            return None, None, "", "no earlier year in the text to refer to"
        offset = {"that": 0, "the same": 0, "the following": 1, "the next": 1, "the previous": -1}
        year = context_year + offset[" ".join(g["ref"].lower().split())]
        if kind == "that_year":
            return date(year, 1, 1), date(year, 12, 31), YEAR, ""
        return (*month_range(year, *(2 * [MONTHS[g["month"].lower()]])), MONTH, "")
    if kind in {"md", "dm"}:
        month, day = MONTHS[g["month"].lower()], int(g["day"])
        if not 1 <= day <= 31:
            return None, None, "", "not a day of the month"
        if reference is None:
            return None, None, "", "no year in the text and no publication date"
        when = _most_recent(month, day, reference)
        return when, when, DAY, "year inferred from the publication date"
    if kind == "relative":
        if reference is None:
            return None, None, "", "relative date without a publication date"
        rel = g["rel"].lower()
        if rel in {"today", "yesterday"}:
            day = reference - timedelta(days=1 if rel == "yesterday" else 0)
            return day, day, DAY, "relative to the publication date"
        if rel.endswith("year"):
            year = reference.year + {"this": 0, "last": -1, "next": 1}[rel.split()[0]]
            return date(year, 1, 1), date(year, 12, 31), YEAR, "relative to the publication date"
        if rel.endswith("month"):
            first = reference.replace(day=1)
            if rel.startswith("last"):
                first = (first - timedelta(days=1)).replace(day=1)
            elif rel.startswith("next"):
                first = (first + timedelta(days=31)).replace(day=1)
            return (
                *month_range(first.year, first.month, first.month),
                MONTH,
                "relative to the publication date",
            )
        monday = reference - timedelta(days=reference.weekday())
        if rel.startswith("last"):
            monday -= timedelta(days=7)
        return monday, monday + timedelta(days=6), PART, "relative to the publication date"
    if kind == "ago":
        if reference is None:
            return None, None, "", "relative date without a publication date"
        raw_n = g["n"].lower()
        n = int(raw_n) if raw_n.isdigit() else NUMBER_WORDS.get(raw_n)
        if n is None:
            return None, None, "", "vague relative date"
        unit = g["unit"].lower()
        if unit == "day":
            day = reference - timedelta(days=n)
            return day, day, DAY, "relative to the publication date"
        if unit == "week":
            day = reference - timedelta(weeks=n)
            return day - timedelta(days=3), day + timedelta(days=3), PART, "relative"
        if unit == "month":
            total = reference.year * 12 + reference.month - 1 - n
            year, month = divmod(total, 12)
            return (*month_range(year, month + 1, month + 1), MONTH, "relative")
        year = reference.year - n
        return date(year, 1, 1), date(year, 12, 31), YEAR, "relative to the publication date"
    # kind == "year"
    year = int(g["year"])
    return date(year, 1, 1), date(year, 12, 31), YEAR, ""


_THAT_YEAR_KINDS = {"month_that_year", "that_year"}
# Every date expression has a digit, a month, or one of these words: a cheap first look.
_HINT = re.compile(
    r"\d|\b(?:" + "|".join(MONTHS) + r"|year|month|week|ago|today|yesterday|spring|summer|"
    r"autumn|fall|winter)\b",
    re.I,
)
_WORDLIKE_MONTHS = {"may", "mar", "mars", "jan", "dec", "sept"}


def find_dates(
    text: str, *, reference: date | None = None, context_year: int | None = None
) -> list[DateMention]:
    """Every date expression in `text`, left to right, without overlaps.

    `reference` is the publication date (for "yesterday", "July 9"); `context_year` the year
    the text before this passage was speaking of (for "that year", resolved against the
    nearest year mentioned before it).
    """
    if not _HINT.search(text):
        return []
    taken: list[tuple[int, int]] = []
    matches: list[tuple[str, re.Match]] = []
    for kind, pattern in _PATTERNS:
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
    found: list[DateMention] = []
    year = context_year
    for kind, m in matches:
        start, end, precision, note = _resolve(
            kind, m, reference, year if kind in _THAT_YEAR_KINDS else None
        )
        found.append(DateMention(m.group(0), m.start(), m.end(), start, end, precision, note))
        if start is not None and precision != DECADE:
            year = start.year
    return _join_ranges(text, found)


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
                current.resolved
                and following.resolved
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
    """One range covering every resolved mention, at the coarsest precision among them."""
    resolved = [m for m in mentions if m.resolved]
    if not resolved:
        return None
    if len(resolved) == 1:
        return resolved[0]
    return DateMention(
        text="; ".join(m.text for m in resolved),
        start_offset=resolved[0].start_offset,
        end_offset=resolved[-1].end_offset,
        start=min(m.start for m in resolved),
        end=max(m.end for m in resolved),
        precision=coarsest(*(m.precision for m in resolved)),
        note="span of several dates",
    )


def contains(outer: DateMention, inner: DateMention) -> bool:
    return bool(
        outer.resolved and inner.resolved and outer.start <= inner.start and inner.end <= outer.end
    )


def overlaps(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    return a_start <= b_end and b_start <= a_end


# A date line's date is at most a range of two days, "between 31st of septembre., 2026
# through 31st of …" (54 characters besides spaces and separators), and a time, "at 10:30
# gmt" (10): longer lines are prose, refused before the date patterns run on them (cleaning
# asks this of every line).
_MAX_DATE_LINE_CHARS = 64
_SEPARATORS = str.maketrans("", "", " ,|·")
_DATE_LABEL = re.compile(r"^(?:published|updated|posted|date)\s*:?\s*(?:on\s+)?", re.I)
_WEEKDAY = re.compile(
    r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+", re.I
)


def parse_date_line(line: str) -> DateMention | None:
    """A line that is nothing but a date ("Feb 5, 2026", "Published 05/02/2026")."""
    stripped = _WEEKDAY.sub("", _DATE_LABEL.sub("", line.strip()))
    if len("".join(stripped.split()).translate(_SEPARATORS)) > _MAX_DATE_LINE_CHARS:
        return None
    mentions = find_dates(stripped)
    if len(mentions) == 1 and mentions[0].precision == DAY:
        rest = (stripped[: mentions[0].start_offset] + stripped[mentions[0].end_offset :]).strip(
            " ,|·"
        )
        if not rest or re.fullmatch(
            r"(?:at\s+)?\d{1,2}[:.h]\d{2}(?:\s*(?:am|pm|gmt|utc))?", rest, re.I
        ):
            return mentions[0]
    return None
