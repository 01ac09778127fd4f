"""The importer, composed: read each input, analyse it, write it (DESIGN.md §4).

    bytes --reading--> Document --analysis--> ArticleAnalysis --writing--> rows

`reading` refuses what cannot be an article, `analysis` proposes everything without a
database, `writing` stores an article and its proposals in one transaction. This module only
runs them in order over many inputs: a failed file is reported and the others go on;
`workers` > 1 reads and analyses files in other processes (parallel.py) while the writes stay
here, in input order. Re-importing the same bytes changes nothing; `reextract` adds what a
newer extractor finds but never touches a record a curator has reviewed or edited; `dry_run`
does all the work and rolls it back. A web page whose address is stored already with another
text becomes that article's next version (writing/versions.py).
"""

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import nullcontext
from dataclasses import replace
from itertools import islice

from django.db import IntegrityError, OperationalError

from facts.ingest import parallel
from facts.ingest.analysis import ArticleAnalysis, analyze, limits, with_people
from facts.ingest.languages import LanguageWorkers
from facts.ingest.parallel import ANALYSIS, READING, WRITING, Failure, Job, Prepared, stage
from facts.ingest.reading import (
    DEFAULT_MAX_BYTES,
    Document,
    ReadError,
    Received,
    read_document,
    with_supplied,
)
from facts.ingest.reading.sources import Source
from facts.ingest.writing.anchoring import AnchorError
from facts.ingest.writing.checkpoints import bulk_checkpoints
from facts.ingest.writing.lookups import stored_among, stored_article
from facts.ingest.writing.reports import FileReport, RunReport
from facts.ingest.writing.state import RunState, new_run_state
from facts.ingest.writing.versions import VersionError, current_version, same_text
from facts.ingest.writing.writer import write_analysis
from facts.models import Article

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
    state: RunState | None = None,
    languages: LanguageWorkers | None = None,
) -> RunReport:
    """Import every source; a failure is reported and the others go on.

    `state` and `languages` let a long-lived process (a job queue's worker) keep its context
    and its other languages' processes from one call to the next; by default each call
    reads the context afresh and ends the processes it started.

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
    state = state or new_run_state()
    limits.set_time_budget(time_budget)  # before the workers fork: they inherit it

    def record(report: FileReport) -> None:
        run.files.append(report)
        if on_file:
            on_file(report)

    kept = languages is not None
    languages = languages or LanguageWorkers(state.ctx, lambda: state.learned_actors)
    with bulk_checkpoints(), nullcontext() if kept else languages:
        if workers == 1:
            for source in sources:
                try:
                    with stage(READING, _PASSED_ON):
                        raw, received = source.receive(max_bytes)
                        document = with_supplied(
                            read_document(source.name, raw, max_bytes=max_bytes, received=received),
                            dict(given),
                        )
                    report = import_document(
                        document,
                        state=state,
                        dry_run=dry_run,
                        reextract=reextract,
                        languages=languages,
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
                    job, prepared, state, dry_run=dry_run, reextract=reextract, languages=languages
                )
            except Exception as exc:
                report = _failed(job.name, exc)
            record(report)
        return run


EXPECTED_FAILURES = (ReadError, OSError, AnchorError, VersionError)


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
    return FileReport(
        name=name, status="failed", reason=failure.reason, retryable=_concurrent_conflict(exc)
    )


def _concurrent_conflict(exc: BaseException | None) -> bool:
    """Whether a database conflict lies behind a failure (raised through a stage)."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, (IntegrityError, OperationalError)):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


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
        read: list[tuple[Source, bytes | Failure, Received]] = []
        for source in chunk:
            try:
                read.append((source, *source.receive(max_bytes)))
            except Exception as exc:
                read.append((source, Failure.of(exc, EXPECTED_FAILURES, READING), Received()))
        digests = {
            id(raw): hashlib.sha256(raw).hexdigest() for _, raw, _ in read if isinstance(raw, bytes)
        }
        stored = set() if reextract else stored_among(set(digests.values()))
        for source, raw, received in read:
            yield Job(
                source.name,
                raw,
                max_bytes,
                analyse=digests.get(id(raw)) not in stored,
                supplied=supplied,
                received=received,
            )


def _import_prepared(
    job: Job,
    prepared: Prepared | None,
    state: RunState,
    *,
    dry_run: bool,
    reextract: bool,
    languages: LanguageWorkers,
) -> FileReport:
    if isinstance(job.raw, Failure):
        raise _FailedInWorker(job.raw)
    if prepared is None:  # no worker could take it: read it here
        with stage(READING, _PASSED_ON):
            document = with_supplied(
                read_document(job.name, job.raw, max_bytes=job.max_bytes, received=job.received),
                dict(job.supplied),
            )
    elif prepared.document is None:  # the worker could not read it, and said why
        raise _FailedInWorker(prepared.failure or Failure("could not be read"))
    else:
        document = replace(prepared.document, raw_bytes=job.raw)
    return import_document(
        document,
        state=state,
        dry_run=dry_run,
        reextract=reextract,
        prepared=prepared,
        languages=languages,
    )


def import_document(
    document: Document,
    *,
    state: RunState,
    dry_run: bool,
    reextract: bool,
    languages: LanguageWorkers,
    prepared: Prepared | None = None,
) -> FileReport:
    """Store one document and its proposals, unless it is stored already (and not being
    re-extracted). `prepared` is a worker's analysis of it, used when it still holds;
    `languages` analyses a document whose language is not this process's."""
    with stage(WRITING, _PASSED_ON):
        existing = stored_article(document.sha256)
    if existing and not reextract:
        return _unchanged(document, existing, superseded=existing.superseded_at is not None)
    with stage(ANALYSIS, _PASSED_ON):
        analysis = _analysis_of(document, state, prepared, languages)
    with stage(WRITING, _PASSED_ON):
        # A web page stored before from the same address, with other bytes: a new version
        # only when its text has changed too (writing/versions.py).
        previous = current_version(analysis) if existing is None else None
        if previous is not None and same_text(previous, analysis):
            return _unchanged(document, previous, same_text=True)
        return write_analysis(
            analysis, state=state, existing=existing, dry_run=dry_run, previous=previous
        )


def _unchanged(
    document: Document, stored: Article, *, superseded: bool = False, same_text: bool = False
) -> FileReport:
    notes = []
    if superseded:
        notes.append(
            f"these bytes are those of article {stored.pk}, an earlier version of the page "
            "since superseded"
        )
    if same_text:
        notes.append(
            f"the page's bytes differ from those of article {stored.pk}, but not its text: "
            "no new version"
        )
    return FileReport(
        name=document.name,
        status="unchanged",
        article_id=stored.pk,
        title=stored.title,
        flags=stored.flag_codes,
        notes=notes,
    )


def _analysis_of(
    document: Document,
    state: RunState,
    prepared: Prepared | None,
    languages: LanguageWorkers,
) -> ArticleAnalysis:
    """The worker's analysis (or failure) when it still holds for the run as it is now, else
    the document analysed in its language: here, or in that language's process."""
    if (
        prepared is not None
        and parallel.still_valid(prepared, state.learned_actors[prepared.learned :])
        and (taken := _taken(prepared, document, state)) is not None
    ):
        return taken
    elsewhere = languages.prepare(document)
    if elsewhere is not None and (taken := _taken(elsewhere, document, state)) is not None:
        return taken
    return analyze(document, state.ctx)


def _taken(prepared: Prepared, document: Document, state: RunState) -> ArticleAnalysis | None:
    """A worker's analysis, attached to the document and the run's context; its failure
    raised as the file's."""
    if prepared.failure is not None:
        raise _FailedInWorker(prepared.failure)
    if prepared.analysis is None:
        return None
    analysis = prepared.analysis
    analysis.document = document
    analysis.context = with_people(state.ctx, analysis.people, analysis.organisations)
    return analysis
