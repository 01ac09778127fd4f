"""Each document analysed in its own language.

The analysis steps compile one language pack when they are first imported (lang.process_pack),
so a process analyses in one language: the importer's own (English unless
SAHEL_ANALYSIS_LANGUAGE says otherwise). A document in a language that has another pack is
analysed in a process started for that language (facts.ingest.language_worker), once per run
and language, on the run's context and the actors the run has taught it since; its result
comes back as a worker's does (parallel.Prepared). A language without a pack is analysed
with the default pack; the article and its claims still record the language detected.
"""

import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import replace

from facts.ingest import language_worker
from facts.ingest.analysis import ArticleAnalysis, analyze, lang, limits, with_people
from facts.ingest.analysis.context import ExtractionContext
from facts.ingest.parallel import LearnedActor, Prepared
from facts.ingest.reading import Document, ReadError
from facts.ingest.reading.language import LANGUAGE_VARIABLE, detect_language


class LanguageWorkers:
    """Analyses documents in their language for one run: here when it is this process's,
    else in that language's process, started on its first document and ended with the run.

    `learned()` gives the actors the run has created so far, as parallel.py's workers get them.
    """

    def __init__(
        self,
        ctx: ExtractionContext,
        learned: Callable[[], Sequence[LearnedActor]] = tuple,
    ):
        self.ctx = ctx
        self.learned = learned
        self._pools: dict[str, ProcessPoolExecutor] = {}

    def __enter__(self) -> "LanguageWorkers":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for pool in self._pools.values():
            pool.shutdown(wait=True, cancel_futures=True)
        self._pools.clear()

    def prepare(self, document: Document) -> Prepared | None:
        """The document analysed in its language's process (a worker's result, as the
        pipeline takes it), or None when this process's language is the document's."""
        language = lang.analysis_language(detect_language(document.text))
        if language == lang.process_language():
            return None
        learned = tuple(self.learned())
        pool = self._pool(language, len(learned))
        try:
            future = pool.submit(language_worker.analyse, replace(document, raw_bytes=b""), learned)
            return future.result()
        except BrokenProcessPool:
            self._pools.pop(language).shutdown(wait=False, cancel_futures=True)
            raise ReadError(
                f"the analysis process for language '{language}' ended unexpectedly "
                "(out of memory?); the next file starts a new one"
            ) from None

    def analyze(self, document: Document) -> ArticleAnalysis:
        """The document's analysis in its language, with the run's context attached."""
        prepared = self.prepare(document)
        if prepared is None:
            return analyze(document, self.ctx)
        if prepared.failure is not None:
            raise ReadError(prepared.failure.reason)
        assert prepared.analysis is not None
        analysis = prepared.analysis
        analysis.document = document
        return analysis

    def _pool(self, language: str, known: int) -> ProcessPoolExecutor:
        if language not in self._pools:
            context = pickle.dumps(self.ctx, pickle.HIGHEST_PROTOCOL)
            pool = ProcessPoolExecutor(
                max_workers=1,
                # Spawned, not forked: a fork would inherit this process's compiled steps.
                mp_context=multiprocessing.get_context("spawn"),
                initializer=language_worker.start,
                initargs=(language, context, known, limits.time_budget_seconds()),
            )
            # The process starts with the first task, and with the language in its
            # environment: it may compile the steps before its initializer runs (a spawned
            # process first imports its parent's main module).
            with _environment(LANGUAGE_VARIABLE, language):
                started = pool.submit(language_worker.language)
            try:
                started.result()
            except BrokenProcessPool:  # its initializer failed (its error is on stderr)
                pool.shutdown(wait=False, cancel_futures=True)
                raise ReadError(
                    f"the analysis process for language '{language}' could not start"
                ) from None
            self._pools[language] = pool
        return self._pools[language]


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


def analyze_in_language(document: Document, ctx: ExtractionContext) -> ArticleAnalysis:
    """One document analysed in its language, outside an import run (a curator's selection,
    a test): a language's process is started for it and ended after."""
    with LanguageWorkers(ctx) as workers:
        analysis = workers.analyze(document)
    if analysis.context is None:
        analysis.context = with_people(ctx, analysis.people, analysis.organisations)
    return analysis
