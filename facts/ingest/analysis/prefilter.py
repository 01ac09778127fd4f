"""Words a regular expression cannot match without: a cheap first look before running it.

For a pattern, `required_words` reads its parsed form for lower-case ASCII strings one of
which every match contains (a literal run it cannot skip, or one of each alternative's).
On an ASCII text, when none of them is in the lower-cased text the pattern cannot match,
whatever its flags (on ASCII text, case-insensitive matching is lower-case comparison). That
answer is never "no" wrongly, so skipping a pattern on it changes no result; for other texts,
or a pattern whose words cannot be read, the pattern is simply run. `search` is
`pattern.search` with that first look; `words_in` and `may_match` serve a text read by many
patterns in turn.
"""

import importlib
import re

try:  # the parser behind `re`; private (and untyped), so any surprise means "no words known"
    sre_constants = importlib.import_module("re._constants")
    sre_parse = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - Python before 3.11
    sre_constants = importlib.import_module("sre_constants")
    sre_parse = importlib.import_module("sre_parse")

_REPEATS = {
    getattr(sre_constants, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(sre_constants, name)
}


def required_words(pattern: re.Pattern) -> frozenset[str] | None:
    """Lower-case ASCII strings one of which every match of `pattern` contains, or None."""
    try:
        words = _required(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:
        return None
    return frozenset(words) if words else None


def words_in(words: frozenset[str], text: str) -> frozenset[str] | None:
    """Which of `words` an ASCII text holds, or None for any other text (nothing ruled out)."""
    if not text.isascii():
        return None
    lowered = text.lower()
    return frozenset(word for word in words if word in lowered)


def may_match(words: frozenset[str] | None, present: frozenset[str] | None) -> bool:
    """False only when a pattern whose `required_words` are `words` cannot match a text that
    holds (of all the words looked for) just `present`."""
    return words is None or present is None or not words.isdisjoint(present)


_WORDS_OF: dict[re.Pattern, frozenset[str] | None] = {}


def possible(pattern: re.Pattern, text: str) -> bool:
    """False only when `pattern` cannot match anywhere in `text`."""
    if pattern not in _WORDS_OF:
        _WORDS_OF[pattern] = required_words(pattern)
    words = _WORDS_OF[pattern]
    if words is None or not text.isascii():
        return True
    lowered = text.lower()
    return any(word in lowered for word in words)


def search(pattern: re.Pattern, text: str) -> re.Match | None:
    """`pattern.search(text)`, not run when the pattern's words show it cannot match."""
    return pattern.search(text) if possible(pattern, text) else None


def _exact(char: str) -> bool:
    """Whether a literal matches, even ignoring case, only its own lower or upper case: an
    ASCII character, or one without case ("©", "’"), which no ASCII text can hold."""
    return char.isascii() or char.lower() == char.upper() == char.casefold() == char


def _required(items) -> set[str] | None:
    """For a sequence: the most selective requirement among its parts that every match must
    contain (a run of literal characters, or what a group, an alternation or a repeat of at
    least one requires). Optional parts, classes, anchors and lookarounds require nothing."""
    best: set[str] | None = None
    run = ""

    def consider(words: set[str] | None) -> None:
        nonlocal best
        if words and (best is None or min(map(len, words)) > min(map(len, best))):
            best = words

    for op, av in items:
        if op is sre_constants.LITERAL and _exact(chr(av)):
            run += chr(av).lower()
            continue
        consider({run} if run else None)
        run = ""
        if op is sre_constants.SUBPATTERN:
            consider(_required(av[-1]))
        elif op is sre_constants.BRANCH:
            required = [_required(branch) for branch in av[1]]
            alternatives = [words for words in required if words]
            if len(alternatives) == len(required):  # every alternative requires a word
                consider(set[str]().union(*alternatives))
        elif op in _REPEATS and av[0] >= 1:
            consider(_required(av[2]))
    consider({run} if run else None)
    return best
