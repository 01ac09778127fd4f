"""The pure steps of an import (reading, cleaning, analysis) in worker processes.

Only the importing process touches the database: it hands workers the files' bytes in chunks,
takes their results back in input order and writes them one article at a time, exactly as a
single-process run would. A worker needs no Django setup; when it has one (forked from the
importer), it also works out the search words of the new rows, the writer's costliest step.

Analysis reads the run's context, and a run teaches it the people it creates, so an article
analysed ahead of its turn may have missed a name written since. Every result therefore says
how many of the run's new actors its context knew; `still_valid` tells whether the ones it
missed could have changed the result, and the importer analyses such an article again itself.
"""

import ctypes
import logging
import os
import pickle
import signal
import sys
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace
from itertools import islice

from django.apps import apps

from facts.ingest import analysis as steps
from facts.ingest.analysis import lang
from facts.ingest.analysis.context import ExtractionContext, learn_actors
from facts.ingest.analysis.gazetteer import Entry, Gazetteer
from facts.ingest.reading import Document, ReadError, Received, read_document, with_supplied
from facts.ingest.reading.document import NOTHING_RECEIVED
from facts.ingest.reading.language import detect_language

logger = logging.getLogger(__name__)

# Files per task: enough to keep the queues cheap, few enough to keep the workers level.
CHUNK_SIZE = 8
# Tasks in flight per worker: workers never wait for the writer, and a run holds only this
# many files in memory however long it is.
TASKS_AHEAD = 3

LearnedActor = tuple[str, str, str]  # (name, slug, kind), as pipeline.RunState keeps them


READING, ANALYSIS, WRITING = "reading", "analysis", "writing"


class StageError(Exception):
    """An unexpected error, with the stage of the import it happened in."""

    def __init__(self, stage: str, error: BaseException):
        super().__init__(f"{stage}: {error}")
        self.stage = stage
        self.error = error


@contextmanager
def stage(name: str, expected: tuple[type[BaseException], ...]) -> Iterator[None]:
    """Run a stage: an expected failure passes through as it is, any other error is raised
    again as a StageError naming the stage."""
    try:
        yield
    except Exception as exc:
        if isinstance(exc, (StageError, *expected)):
            raise
        raise StageError(name, exc) from exc


@dataclass(frozen=True)
class Failure:
    """Why a file failed, as its report says it."""

    reason: str
    trace: str = ""  # the traceback of an unexpected error, for the log

    @classmethod
    def of(
        cls, exc: BaseException, expected: tuple[type[BaseException], ...], stage: str = ""
    ) -> "Failure":
        """An expected failure as its one-line reason; any other error as "internal error in
        <stage> (<type>): <message>", with its traceback for the log."""
        if isinstance(exc, StageError):
            stage, exc = exc.stage, exc.error
        if isinstance(exc, expected):
            return cls(one_line(exc))
        where = f" in {stage}" if stage else ""
        return cls(
            f"internal error{where} ({type(exc).__name__}): {one_line(exc)}",
            trace="".join(traceback.format_exception(exc)),
        )


def one_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return " ".join(text.split())[:300]


@dataclass(frozen=True)
class Job:
    """One file for a worker: its bytes (or why they could not be read), and whether it needs
    analysing (a file already imported is only read, to report the same errors)."""

    name: str
    raw: bytes | Failure
    max_bytes: int
    analyse: bool = True
    supplied: tuple[tuple[str, str], ...] = ()  # metadata for every file of the run
    received: Received = NOTHING_RECEIVED  # what came with a fetched page's bytes


@dataclass
class Prepared:
    """A file as a worker leaves it. No document: it could not be read. A document and a
    failure: it was read, and its analysis failed."""

    document: Document | None = None
    analysis: steps.ArticleAnalysis | None = None
    failure: Failure | None = None
    learned: int = 0  # how many of the run's new actors the analysis knew


def still_valid(prepared: Prepared, missed: Sequence[LearnedActor]) -> bool:
    """Whether an analysis is what the importer's own context would give now, knowing the new
    actors it `missed`: it is when none of their names occurs in the text (so neither pass of
    the gazetteer could find them) and none of its proposed people is one of them."""
    if not missed:
        return True
    if prepared.analysis is None:
        return False
    targets = {f"actor:{slug}" for _, slug, _ in missed}
    proposed = [p.target for p in prepared.analysis.people]
    proposed += [o.target for o in prepared.analysis.organisations]
    if any(target in targets for target in proposed):
        return False
    names = Gazetteer([Entry(name, f"actor:{slug}", "actor-name") for name, slug, _ in missed])
    return not names.find(prepared.analysis.cleaned.text)


def prepare_in_workers(
    jobs: Iterable[Job],
    *,
    ctx: ExtractionContext,
    learned: Callable[[], Sequence[LearnedActor]],
    workers: int,
) -> Iterator[tuple[Job, Prepared | None]]:
    """Each job with its result, in input order, prepared by `workers` processes.

    `learned()` gives the actors the run has created so far; each task carries them, so a
    worker's context keeps up with the run's. None as a result means the worker pool broke
    (a worker died): the caller then prepares that file, and all after it, itself.
    """
    jobs = iter(jobs)
    pending: deque[tuple[list[Job], Future[list[Prepared | None]] | None]] = deque()
    # The context as it is now, frozen: a worker started later must not see it half-taught.
    snapshot = (pickle.dumps(ctx, pickle.HIGHEST_PROTOCOL), len(learned()))
    with ProcessPoolExecutor(
        max_workers=workers, initializer=start_worker, initargs=snapshot
    ) as pool:
        broken = False

        def submit() -> None:
            nonlocal broken
            chunk = list(islice(jobs, CHUNK_SIZE))
            if not chunk:
                return
            try:
                future = None if broken else pool.submit(_prepare_chunk, chunk, tuple(learned()))
            except BrokenProcessPool:
                broken, future = True, None
            pending.append((chunk, future))

        try:
            for _ in range(workers * TASKS_AHEAD):
                submit()
            while pending:
                chunk, future = pending.popleft()
                try:
                    results = future.result() if future else [None] * len(chunk)
                except BrokenProcessPool:
                    logger.warning("an import worker died; the importer goes on by itself")
                    broken, results = True, [None] * len(chunk)
                yield from zip(chunk, results, strict=True)
                submit()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


# ----------------------------------------------------------------------------- in a worker

PR_SET_PDEATHSIG = 1  # linux/prctl.h
_context: ExtractionContext | None = None
_known = 0  # how many of the run's new actors _context has learned


def _end_with_parent() -> None:
    """Ask Linux to end this worker when the importer that started it dies (SIGKILL gives it
    no chance to stop its pool): an orphaned worker would analyse on for nobody."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the importer died before the request took effect
        os._exit(1)


def start_worker(ctx: bytes, known: int) -> None:
    """Initialise a worker process with the run's context (pickled), knowing the `known`
    first of the run's new actors."""
    _end_with_parent()
    global _context, _known
    _context, _known = pickle.loads(ctx), known


def _worker_context() -> ExtractionContext:
    if _context is None:
        raise RuntimeError("an import worker was not started with its context")
    return _context


def _learn(learned: Sequence[LearnedActor]) -> None:
    global _known
    if len(learned) > _known:  # tasks reach a worker in order, so this only grows
        learn_actors(_worker_context(), list(learned[_known:]))
        _known = len(learned)


def _prepare_chunk(jobs: list[Job], learned: Sequence[LearnedActor]) -> list[Prepared | None]:
    _learn(learned)
    return [_prepare(job) for job in jobs]


def analyse_document(document: Document, learned: Sequence[LearnedActor]) -> Prepared:
    """A document read elsewhere, analysed in this worker (facts.ingest.language_worker)."""
    _learn(learned)
    return _analysed(document)


def _prepare(job: Job) -> Prepared:
    if isinstance(job.raw, Failure):
        return Prepared(failure=job.raw)
    try:
        document = with_supplied(
            read_document(job.name, job.raw, max_bytes=job.max_bytes, received=job.received),
            dict(job.supplied),
        )
    except Exception as exc:
        return Prepared(failure=Failure.of(exc, (ReadError, OSError), READING))
    # The importer has the bytes already: do not send them back.
    document = replace(document, raw_bytes=b"")
    if not job.analyse or not in_this_language(document):
        # A document in another language is analysed by the importer, in a process started
        # for that language (facts.ingest.languages).
        return Prepared(document=document, learned=_known)
    return _analysed(document)


def in_this_language(document: Document) -> bool:
    """Whether this process's analysis is the one for `document`'s language."""
    language = lang.analysis_language(detect_language(document.text))
    return language == lang.process_language()


def _analysed(document: Document) -> Prepared:
    try:
        result = steps.analyze(document, _worker_context())
    except Exception as exc:
        return Prepared(
            document=document,
            failure=Failure.of(exc, (ReadError, OSError), ANALYSIS),
            learned=_known,
        )
    # Send back only what the writer reads: the article's context holds the whole gazetteer
    # (the importer rebuilds the little it needs), and of the cleaning only the text counts.
    result.context = None
    result.cleaned = replace(result.cleaned, lines=[], paragraphs=[])
    if apps.ready:  # started from a process with Django set up (forked): the models are here
        # Imported here: a worker started without Django (spawned) cannot load the models.
        from facts.ingest.writing.fields import search_texts

        result.search_texts = search_texts(result)
    return Prepared(document=document, analysis=result, learned=_known)
