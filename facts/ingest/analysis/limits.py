"""Bounds that keep one hostile or broken file from stalling an import.

A news sentence runs to a few hundred characters; a "sentence" of thousands is a page with its
full stops missing (or an attack), and the analysis of a sentence grows faster than its
length. Such sentences are kept in the text but not analysed; an article proposes at most so
many claims; and an article's whole analysis has a time budget, after which it fails with its
reason and the run goes on to the next file.
"""

import signal
import threading
from contextlib import contextmanager

from facts.ingest.reading import ReadError

MAX_SENTENCE_CHARS = 1500
MAX_CLAIMS_PER_ARTICLE = 400
DEFAULT_TIME_BUDGET_SECONDS = 10.0

_budget_seconds = DEFAULT_TIME_BUDGET_SECONDS


class BudgetExceeded(ReadError):
    """An article's analysis ran past its time budget."""


def set_time_budget(seconds: float | None) -> None:
    """The budget for each article's analysis in this process (and the workers it forks
    afterwards); None or 0 turns it off."""
    global _budget_seconds
    _budget_seconds = float(seconds or 0)


def time_budget_seconds() -> float:
    return _budget_seconds


@contextmanager
def time_budget(seconds: float | None = None):
    """Raise BudgetExceeded in this block once `seconds` (default: the process's budget) have
    passed. A real-time timer interrupts pure-Python work at the next bytecode; it exists only
    in a process's main thread, where the importer and its workers analyse (elsewhere, and
    with no budget, the block runs unbounded)."""
    seconds = _budget_seconds if seconds is None else seconds
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise BudgetExceeded(
            f"analysis took longer than its time budget of {seconds:g} s (see --time-budget)"
        )

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
