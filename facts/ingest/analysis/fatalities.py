"""How many died, as a sentence reports it: UCDP-style low, best and high estimates.

"At least 21 soldiers were killed" gives low 21, best 21 and no high; "up to 40 people died"
gives best and high 40; "between 20 and 30 were killed" low 20, best 20, high 30; "killing 12
civilians" all three 12. Only numbers the words tie to deaths count (a year, a number of
troops or of days never does), and a vague count ("dozens") gives nothing. When a sentence
gives several counts, the first is taken: later ones are as often a running toll as a second
group of victims, and adding them would invent a figure the text does not give.
"""

import re
from dataclasses import dataclass

from facts.ingest.analysis import lang

_P = lang.process_pack()


def _words(table: tuple[str, ...]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in table)


_UNITS = {w: n for w, n in _P.NUMBER_WORDS.items() if n is not None and len(w) > 2}
# "twenty", "twenty-five", "twenty five": tens alone or with a unit.
_NUMBER_WORDS = {
    **_UNITS,
    **_P.NUMBER_TENS,
    **{
        f"{tens}{join}{unit}": value + n
        for tens, value in _P.NUMBER_TENS.items()
        for unit, n in _UNITS.items()
        if n < 10
        for join in ("-", " ")
    },
}
_SEPARATOR = "|".join(re.escape(sep) for sep in _P.THOUSANDS_SEPARATORS)
_NUMBER = (
    r"(?P<{name}>\d{{1,3}}(?:(?:" + _SEPARATOR.replace("{", "{{").replace("}", "}}") + r")\d{{3}})+"
    r"(?!\d)|\d+|"
    + "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_NUMBER_WORDS, key=len, reverse=True)
    )
    + r")"
)
# "killing a peacekeeper", "tuant un Casque bleu": one, not "a number of", not "une centaine".
_ONE = (
    rf"(?P<one>{_words(_P.ONE_VICTIM)})(?=\s+(?!(?:{_words(_P.ONE_VICTIM_NOT)})\b)"
    rf"(?!(?:{'|'.join(map(re.escape, _NUMBER_WORDS))})\b)[^\W\d_])"
)
# "le 20 novembre 2015 et au moins 18 …": a day of a month is no count.
# A month that is also a word ("may") counts only capitalised ("12 may have died" is a count).
_MONTH_WORDS = "|".join(
    re.escape(m) if m not in _P.WORDLIKE_MONTHS else rf"(?-i:{re.escape(m.capitalize())})"
    for m in _P.MONTHS
)
_NOT_A_DAY = rf"(?!\s+(?:{_MONTH_WORDS})\b)"
_QUALIFIER = rf"(?:(?P<qualifier>{_words(_P.FATALITY_QUALIFIERS)})\s+)?"
_AMOUNT = (
    rf"{_QUALIFIER}(?:(?:{_words(_P.FATALITY_RANGE_OPENERS)})\s+{_NUMBER.format(name='low')}"
    rf"\s+(?:{_words(_P.FATALITY_RANGE_JOINS)})\s+{_NUMBER.format(name='high')}"
    rf"|{_NUMBER.format(name='number')}{_NOT_A_DAY})"
)
_VICTIMS = r"(?P<victims>(?:\s+(?!(?:" + _words(_P.FATALITY_VERBS) + r")\b)[\w'’-]+){0,7}?)"
_PATTERNS = [
    # "at least 21 soldiers were killed", "12 people died", "30 civilians dead"
    re.compile(
        rf"\b{_AMOUNT}{_VICTIMS}\s+(?:(?:{_words(_P.FATALITY_AUXILIARIES)})\s+)?"
        rf"(?:{_words(_P.FATALITY_VERBS)})\b",
        re.I,
    ),
    # "killing at least 21", "left 30 dead"; "a death toll of 40"
    re.compile(
        rf"\b(?:{_words(_P.FATALITY_LEADS)})\s+(?:{_AMOUNT}|{_ONE})\b"
        rf"(?P<victims>(?:\s+[\w'’-]+){{0,7}})",
        re.I,
    ),
]
# A second group of victims in the same count: "12 soldiers and three civilians".
_ALSO = re.compile(
    rf"\s(?:{_words(_P.AND_WORDS)})\s+(?P<also>\d{{1,3}}(?:(?:{_SEPARATOR})\d{{3}})+(?!\d)|\d+|"
    + "|".join(sorted(map(re.escape, _P.NUMBER_WORDS), key=len, reverse=True))
    + r")\s",
    re.I,
)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


@dataclass(frozen=True)
class Fatalities:
    low: int | None
    best: int | None
    high: int | None
    text: str  # the words they were read from


def find_fatalities(sentence: str) -> Fatalities | None:
    """The first count of deaths the sentence gives, or None."""
    found = []
    for pattern in _PATTERNS:
        at = 0
        while (match := pattern.search(sentence, at)) is not None:
            estimate = _estimate(match)
            if estimate is not None:
                found.append((match.start(), estimate))
                break
            # A year read as the number ("in 2015 and 18 people were killed") must not hide
            # the count after it: look again right after the year; any other miss, after it.
            number = match.groupdict().get("number")
            year = number is not None and _YEAR.fullmatch(number)
            at = match.end("number") if year else max(match.end(), at + 1)
    return min(found, key=lambda item: item[0])[1] if found else None


_GROUPED = re.compile(_SEPARATOR)


def _value(word: str | None) -> int | None:
    if word is None:
        return None
    if word[0].isdigit():
        return None if _YEAR.fullmatch(word) else int(_GROUPED.sub("", word))
    return _NUMBER_WORDS.get(" ".join(word.lower().split()))


_NOT_DEAD = re.compile(rf"\b(?:{_words(_P.NON_FATAL_WORDS)})\b", re.I)


def _also_counted(victims: str | None) -> int:
    """The deaths of a second group named with the first ("and two civilians")."""
    found = _ALSO.search(f"{victims or ''} ")
    if found is None or _NOT_DEAD.search(victims or "", found.end() - 1):
        return 0
    word = found.group("also")
    if word[0].isdigit():
        return _value(word) or 0
    return _P.NUMBER_WORDS.get(word.lower()) or 0


def _estimate(match: re.Match) -> Fatalities | None:
    text = match.group(0)
    if match.groupdict().get("one"):
        return Fatalities(1, 1, 1, text)
    if match.group("number") is not None:
        number = _value(match.group("number"))
        if number is None:
            return None
        qualifier = " ".join((match.group("qualifier") or "").lower().split())
        if qualifier in _P.FATALITY_LOWER_BOUNDS:
            return Fatalities(number, number, None, text)
        if qualifier in _P.FATALITY_UPPER_BOUNDS:
            return Fatalities(None, number, number, text)
        if qualifier:  # "about", "some": a best estimate only
            return Fatalities(None, number, None, text)
        number += _also_counted(match.group("victims"))
        return Fatalities(number, number, number, text)
    low, high = _value(match.group("low")), _value(match.group("high"))
    if low is None or high is None or low > high:
        return None
    return Fatalities(low, low, high, text)
