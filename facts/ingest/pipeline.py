"""The importer, composed: read each input, analyse it, write it (DESIGN.md §4).

    bytes --reading--> Document --analysis--> ArticleAnalysis --writing--> rows

`reading` refuses what cannot be an article, `analysis` proposes everything without a
database, `writing` stores an article and its proposals in one transaction. This module only
runs them in order over many inputs: a failed file is reported and the others go on;
`workers` > 1 reads and analyses files in other processes (parallel.py) while the writes stay
here, in input order. Re-importing the same bytes changes nothing; `reextract` adds what a
newer extractor finds but never touches a record a curator has reviewed or edited; `dry_run`
does all the work and rolls it back.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from itertools import islice

from facts.ingest import parallel
from facts.ingest.analysis import ArticleAnalysis, analyze, limits, with_people
from facts.ingest.parallel import ANALYSIS, READING, WRITING, Failure, Job, Prepared, stage
from facts.ingest.reading import (
    DEFAULT_MAX_BYTES,
    Document,
    ReadError,
    read_document,
    with_supplied,
)
from facts.ingest.reading.sources import Source
from facts.ingest.writing.anchoring import AnchorError
from facts.ingest.writing.checkpoints import bulk_checkpoints
from facts.ingest.writing.lookups import stored_among, stored_article
from facts.ingest.writing.reports import FileReport, RunReport
from facts.ingest.writing.state import RunState, new_run_state
from facts.ingest.writing.writer import write_analysis

logger = logging.getLogger(__name__)


def import_sources(
    sources: Iterable[Source],
    *,
    dry_run: bool = False,
    reextract: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_file: Callable[[FileReport], None] | None = None,
    workers: int = 1,
    time_budget: float | None = limits.DEFAULT_TIME_BUDGET_SECONDS,
    supplied: Mapping[str, str] | None = None,
) -> RunReport:
    """Import every source; a failure is reported and the others go on.

    `supplied` is metadata for every file ("published", "publisher"), used where a file's
    own front matter does not state it.

    Each article's analysis has `time_budget` seconds (None or 0: no limit); one that takes
    longer fails with that reason.

    With `workers` > 1, that many processes read and analyse the files ahead of their turn;
    the writes stay here, one article per transaction, in input order, so the database ends
    up exactly as a one-process run leaves it.
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    run = RunReport(dry_run=dry_run)
    given = tuple(sorted((supplied or {}).items()))
    state = new_run_state()
    limits.set_time_budget(time_budget)  # before the workers fork: they inherit it

    def record(report: FileReport) -> None:
        run.files.append(report)
        if on_file:
            on_file(report)

    with bulk_checkpoints():
        if workers == 1:
            for source in sources:
                try:
                    with stage(READING, _PASSED_ON):
                        raw = source.read_bytes(max_bytes)
                        document = with_supplied(
                            read_document(source.name, raw, max_bytes=max_bytes), dict(given)
                        )
                    report = import_document(
                        document, state=state, dry_run=dry_run, reextract=reextract
                    )
                except Exception as exc:  # one bad file must never stop the others
                    report = _failed(source.name, exc)
                record(report)
            return run
        prepared_files = parallel.prepare_in_workers(
            _jobs(sources, max_bytes=max_bytes, reextract=reextract, supplied=given),
            ctx=state.ctx,
            learned=lambda: state.learned_actors,
            workers=workers,
        )
        for job, prepared in prepared_files:
            try:
                report = _import_prepared(
                    job, prepared, state, dry_run=dry_run, reextract=reextract
                )
            except Exception as exc:
                report = _failed(job.name, exc)
            record(report)
        return run


EXPECTED_FAILURES = (ReadError, OSError, AnchorError)


class _FailedInWorker(Exception):
    """A failure a worker reported (reading or analysis), raised again where it is written."""

    def __init__(self, failure: Failure):
        super().__init__(failure.reason)
        self.failure = failure


# What a stage lets through unchanged: expected failures, and a worker's report of one.
_PASSED_ON = (*EXPECTED_FAILURES, _FailedInWorker)


def _failed(name: str, exc: Exception) -> FileReport:
    """The report of a file that failed; an unexpected error is logged with its traceback."""
    if isinstance(exc, _FailedInWorker):
        failure = exc.failure
        if failure.trace:
            logger.error("import of %s failed in a worker process:\n%s", name, failure.trace)
    else:
        # A StageError names its stage; an error outside every stage (there should be none)
        # is still one file's failure.
        failure = Failure.of(exc, EXPECTED_FAILURES)
        if failure.trace:
            logger.error("import of %s failed:\n%s", name, failure.trace)
    return FileReport(name=name, status="failed", reason=failure.reason)


def _jobs(
    sources: Iterable[Source],
    *,
    max_bytes: int,
    reextract: bool,
    supplied: tuple[tuple[str, str], ...] = (),
) -> Iterator[Job]:
    """Work for the worker processes: each file's bytes, read here (workers open no files and
    no stdin), and whether it needs analysing at all (a file already stored is unchanged,
    unless re-extracting; one query per chunk asks which are)."""
    sources = iter(sources)
    while chunk := list(islice(sources, parallel.CHUNK_SIZE)):
        read: list[tuple[Source, bytes | Failure]] = []
        for source in chunk:
            try:
                read.append((source, source.read_bytes(max_bytes)))
            except Exception as exc:
                read.append((source, Failure.of(exc, EXPECTED_FAILURES, READING)))
        digests = {
            id(raw): hashlib.sha256(raw).hexdigest() for _, raw in read if isinstance(raw, bytes)
        }
        stored = set() if reextract else stored_among(set(digests.values()))
        for source, raw in read:
            yield Job(
                source.name,
                raw,
                max_bytes,
                analyse=digests.get(id(raw)) not in stored,
                supplied=supplied,
            )


def _import_prepared(
    job: Job, prepared: Prepared | None, state: RunState, *, dry_run: bool, reextract: bool
) -> FileReport:
    if isinstance(job.raw, Failure):
        raise _FailedInWorker(job.raw)
    if prepared is None:  # no worker could take it: read it here
        with stage(READING, _PASSED_ON):
            document = with_supplied(
                read_document(job.name, job.raw, max_bytes=job.max_bytes), dict(job.supplied)
            )
    elif prepared.document is None:  # the worker could not read it, and said why
        raise _FailedInWorker(prepared.failure or Failure("could not be read"))
    else:
        document = replace(prepared.document, raw_bytes=job.raw)
    return import_document(
        document, state=state, dry_run=dry_run, reextract=reextract, prepared=prepared
    )


def import_document(
    document: Document,
    *,
    state: RunState,
    dry_run: bool,
    reextract: bool,
    prepared: Prepared | None = None,
) -> FileReport:
    """Store one document and its proposals, unless it is stored already (and not being
    re-extracted). `prepared` is a worker's analysis of it, used when it still holds."""
    with stage(WRITING, _PASSED_ON):
        existing = stored_article(document.sha256)
    if existing and not reextract:
        return FileReport(
            name=document.name,
            status="unchanged",
            article_id=existing.pk,
            title=existing.title,
            flags=existing.flag_codes,
        )
    with stage(ANALYSIS, _PASSED_ON):
        analysis = _analysis_of(document, state, prepared)
    with stage(WRITING, _PASSED_ON):
        return write_analysis(analysis, state=state, existing=existing, dry_run=dry_run)


def _analysis_of(document: Document, state: RunState, prepared: Prepared | None) -> ArticleAnalysis:
    """The worker's analysis (or failure) when it still holds for the run as it is now, else
    the document analysed here."""
    if prepared is not None and parallel.still_valid(
        prepared, state.learned_actors[prepared.learned :]
    ):
        if prepared.failure is not None:
            raise _FailedInWorker(prepared.failure)
        if prepared.analysis is not None:
            analysis = prepared.analysis
            analysis.document = document
            analysis.context = with_people(state.ctx, analysis.people, analysis.organisations)
            return analysis
    return analyze(document, state.ctx)
