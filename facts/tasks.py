"""Import jobs on a queue kept in PostgreSQL (procrastinate): `import_articles --enqueue`
queues one job per article, and workers on any machine that reaches the database import
them (`manage.py procrastinate worker --queues imports`) while the web tier serves.

A job carries its file's bytes (or its web address, fetched by the worker), so workers need
no shared disk. Workers analyse side by side and write one article at a time, each write
seeing the others' (writing/writer.py). A job that loses a race for a new actor's or
event's key fails with a conflict and is tried again; any other failure fails the job with
the importer's reason, which the worker logs and the job's row keeps as its status.
"""

import base64
import hashlib
import logging
import time
from collections.abc import Iterable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field

from django.conf import settings
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued

from facts.ingest.analysis.limits import DEFAULT_TIME_BUDGET_SECONDS
from facts.ingest.languages import LanguageWorkers
from facts.ingest.pipeline import import_sources
from facts.ingest.reading import DEFAULT_MAX_BYTES
from facts.ingest.reading.document import ReadError
from facts.ingest.reading.fetch import FetchPolicy
from facts.ingest.reading.sources import Source
from facts.ingest.writing.reports import FileReport
from facts.ingest.writing.state import RunState, load_context
from facts.ingest.writing.writer import one_writer_at_a_time

logger = logging.getLogger(__name__)

QUEUE = "imports"


class JobQueueUnavailable(Exception):
    """The queue's tables live in PostgreSQL: there is none on SQLite."""


class ImportJobFailed(Exception):
    """The article could not be imported; the message is the importer's reason."""


class ConcurrentImportConflict(Exception):
    """Another importer took a key this article needed first: trying again succeeds."""


@dataclass
class Queued:
    job_ids: list[int] = field(default_factory=list)
    already_waiting: list[str] = field(default_factory=list)
    refused: list[FileReport] = field(default_factory=list)


def job_queue_available() -> bool:
    return "procrastinate.contrib.django" in settings.INSTALLED_APPS


def in_turn_with_workers() -> AbstractContextManager[None]:
    """For an import in its own process: where queue workers may be writing (PostgreSQL),
    its writes take their turn with theirs and see the events they created."""
    return one_writer_at_a_time() if job_queue_available() else nullcontext()


@app.task(
    name="facts.import_article",
    queue=QUEUE,
    pass_context=False,
    retry=RetryStrategy(
        max_attempts=5,
        exponential_wait=1,
        retry_exceptions={ConcurrentImportConflict},
    ),
)
def import_article(
    *,
    name: str,
    content: str = "",
    url: str = "",
    supplied: dict[str, str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_budget: float = DEFAULT_TIME_BUDGET_SECONDS,
    reextract: bool = False,
) -> None:
    source = Source(
        name,
        None,
        url=url,
        fetch_policy=_fetch_policy(),
        content=None if url else base64.b64decode(content),
    )
    state, languages = _worker_session()
    with one_writer_at_a_time():
        run = import_sources(
            [source],
            max_bytes=max_bytes,
            time_budget=time_budget,
            reextract=reextract,
            supplied=supplied or {},
            state=state,
            languages=languages,
        )
    report = run.files[0]
    if report.status == "failed":
        if report.retryable:
            _forget_session()  # what it kept may be what conflicted: the retry reads afresh
            raise ConcurrentImportConflict(f"{name}: {report.reason}")
        raise ImportJobFailed(f"{name}: {report.reason}")
    logger.info("imported %s: %s (article %s)", name, report.status, report.article_id)


# What a worker process keeps between jobs: its run state, whose extraction context (the
# gazetteer, the actors' names) takes about half a second to read and whose events would be
# read again for every article, and the processes that analyse other languages. Read afresh
# when older than this, so curators' new actors, aliases and decisions reach the workers;
# the events other workers create are caught up with inside each write, and their actors
# are found by the writes' own lookups.
CONTEXT_MAX_AGE_SECONDS = 300


@dataclass
class _Session:
    state: RunState
    languages: LanguageWorkers
    read_at: float


_session: _Session | None = None


def _worker_session() -> tuple[RunState, LanguageWorkers]:
    """The run state and language processes this worker keeps between jobs: read afresh
    when older than CONTEXT_MAX_AGE_SECONDS or after a conflict."""
    global _session
    now = time.monotonic()
    if _session is None or now - _session.read_at > CONTEXT_MAX_AGE_SECONDS:
        _forget_session()
        state = RunState(ctx=load_context())
        _session = _Session(state, LanguageWorkers(state.ctx, lambda: state.learned_actors), now)
    return _session.state, _session.languages


def _forget_session() -> None:
    global _session
    if _session is not None:
        _session.languages.close()
    _session = None


def enqueue_sources(
    sources: Iterable[Source],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_budget: float = DEFAULT_TIME_BUDGET_SECONDS,
    reextract: bool = False,
    supplied: dict[str, str] | None = None,
) -> Queued:
    """One import job per source. Files are read here (a worker may run on another machine);
    one that cannot be read is refused with the reason, and the others are still queued.
    A source whose job is still waiting is not queued twice."""
    if not job_queue_available():
        raise JobQueueUnavailable(
            "the job queue lives in PostgreSQL: set DATABASE_URL to a postgres:// database "
            "(on SQLite, import without --enqueue)"
        )
    queued = Queued()
    common = {
        "supplied": dict(supplied or {}),
        "max_bytes": max_bytes,
        "time_budget": time_budget,
        "reextract": reextract,
    }
    for source in sources:
        if source.url and not source.problem:
            arguments, identity = {"url": source.url}, f"url:{source.url}"
        else:
            try:
                raw = source.read_bytes(max_bytes)
                if len(raw) > max_bytes:
                    raise ReadError(f"larger than {max_bytes:,} bytes (--max-bytes)")
            except (ReadError, OSError) as error:
                queued.refused.append(FileReport(source.name, "failed", reason=str(error)))
                continue
            arguments = {"content": base64.b64encode(raw).decode("ascii")}
            identity = f"sha256:{hashlib.sha256(raw).hexdigest()}:{reextract}"
        try:
            job_id = import_article.configure(queueing_lock=identity).defer(
                name=source.name, **arguments, **common
            )
        except AlreadyEnqueued:
            queued.already_waiting.append(source.name)
            continue
        queued.job_ids.append(job_id)
    return queued


def _fetch_policy() -> FetchPolicy:
    return FetchPolicy(
        timeout=settings.IMPORT_FETCH_TIMEOUT,
        allow_private=settings.IMPORT_FETCH_ALLOW_PRIVATE,
        user_agent=settings.IMPORT_FETCH_USER_AGENT,
    )
