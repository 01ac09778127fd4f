"""The side of facts.ingest.languages that runs in a process started for one language.

The analysis steps compile their patterns from a language pack when they are first imported,
so this module imports nothing of the analysis at its top: `start` names the language first,
then imports the steps, which compile that language's pack.
"""

import os

from facts.ingest.reading.language import LANGUAGE_VARIABLE


def start(language: str, context: bytes, known: int, budget_seconds: float) -> None:
    """Initialise the process for `language`: the steps, the run's context (pickled, with
    the `known` first of the run's new actors) and the time budget of each analysis.

    The process was started with LANGUAGE_VARIABLE set to `language` (languages.py), since a
    spawned process imports its parent's main module before it runs this, and that module
    may import the steps."""
    os.environ[LANGUAGE_VARIABLE] = language
    # Only now, unless the main module did: the steps compile the pack named above.
    from facts.ingest import parallel
    from facts.ingest.analysis import lang, limits

    compiled = lang.process_language()
    if compiled != language:
        raise RuntimeError(
            f"the analysis steps were compiled for '{compiled}' before this process could "
            f"choose '{language}'"
        )
    limits.set_time_budget(budget_seconds)
    parallel.start_worker(context, known)


def language() -> str:
    """The language this process analyses in."""
    from facts.ingest.analysis import lang

    return lang.process_language()


def analyse(document, learned):
    """One document's analysis (a parallel.Prepared) in this process's language."""
    from facts.ingest import parallel

    return parallel.analyse_document(document, learned)
