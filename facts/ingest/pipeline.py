"""Step 9: write one analysed article, its proposals and their links, in one transaction.

With rows.py (its multi-row INSERTs), the only ingest module that touches the database.
Re-importing the same bytes changes nothing; `reextract` adds what a newer extractor finds but
never touches an actor, event or claim a curator has reviewed or edited; `dry_run` does all
the work and rolls it back. `workers` > 1 reads and analyses files in other processes
(parallel.py); the writes stay here, in input order.
"""

import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice

from django.db import connection, connections, router, transaction
from django.utils.text import slugify

from facts.choices import WITHDRAWN_STATUSES, Origin
from facts.ingest import EXTRACTOR_VERSION, limits, parallel, rows
from facts.ingest.analysis import ArticleAnalysis, analyze, with_people
from facts.ingest.claims import ClaimProposal
from facts.ingest.context import ExtractionContext, build_context, learn_actors
from facts.ingest.matching import EventSummary, best_match
from facts.ingest.parallel import Failure, Job, Prepared
from facts.ingest.reading import DEFAULT_MAX_BYTES, ReadError, SourceDocument, read_document
from facts.ingest.sources import Source
from facts.ingest.titles import event_slug, event_title
from facts.models import (
    Actor,
    ActorAlias,
    Article,
    ArticleFlag,
    Claim,
    ClaimLink,
    Country,
    Event,
    EventParticipant,
)
from facts.names import normalize_name
from facts.search import search_text_of
from facts.services.history import many_to_many_snapshot, many_to_many_snapshot_statements

logger = logging.getLogger(__name__)
IMPORT_REASON = "Proposed by the importer"


class AnchorError(RuntimeError):
    """A quote does not match the article text at its offsets: nothing may be stored."""


@dataclass
class FileReport:
    name: str
    status: str  # created, unchanged, reextracted, failed
    reason: str = ""
    article_id: int | None = None
    title: str = ""
    actors_proposed: int = 0
    events_proposed: int = 0
    events_linked: int = 0
    claims_proposed: int = 0
    claims_kept: int = 0
    links_added: int = 0
    flags: list[str] = field(default_factory=list)


@dataclass
class RunReport:
    files: list[FileReport] = field(default_factory=list)
    dry_run: bool = False

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)

    @property
    def failed(self) -> list[FileReport]:
        return [f for f in self.files if f.status == "failed"]

    def summary(self) -> dict:
        flags: dict[str, int] = {}
        for report in self.files:
            for flag in report.flags:
                flags[flag] = flags.get(flag, 0) + 1
        return {
            "dry_run": self.dry_run,
            "articles": {
                status: self.count(status)
                for status in ("created", "reextracted", "unchanged", "failed")
            },
            "actors_proposed": sum(f.actors_proposed for f in self.files),
            "events_proposed": sum(f.events_proposed for f in self.files),
            "events_linked": sum(f.events_linked for f in self.files),
            "claims_proposed": sum(f.claims_proposed for f in self.files),
            "links_added": sum(f.links_added for f in self.files),
            "flags": dict(sorted(flags.items())),
        }


@dataclass
class RunState:
    """What one import run keeps between files: the context, the events it has seen and the
    keys of the countries and actors it has looked up.

    Events are loaded once per kind and kept up to date as this run creates or enriches them,
    so matching does not re-read the whole event table for every article. Keys are loaded once
    and learn the actors this run creates (after their article commits), so an article asks
    the database only about names it has never seen.
    """

    ctx: ExtractionContext
    events: dict[str, list[EventSummary]] = field(default_factory=dict)
    country_ids: dict[str, int] = field(default_factory=dict)  # "MLI" -> pk
    actor_ids: dict[str, int] = field(default_factory=dict)  # "actor:jnim" -> pk
    # Actors created by this run, in order: workers extend their context with them.
    learned_actors: list[tuple[str, str, str]] = field(default_factory=list)

    def events_of(self, kinds: set[str]) -> dict[str, list[EventSummary]]:
        missing = kinds - set(self.events)
        if missing:
            loaded = _event_summaries(missing)
            for kind in missing:
                self.events[kind] = loaded.get(kind, [])
        return {kind: self.events[kind] for kind in kinds}

    def countries(self, codes: set[str]) -> dict[str, int]:
        missing = codes - self.country_ids.keys()
        if missing:
            self.country_ids.update(
                Country.objects.filter(alpha3__in=missing).values_list("alpha3", "pk")
            )
        return {c: self.country_ids[c] for c in codes if c in self.country_ids}

    def actors(self, targets: set[str]) -> dict[str, int]:
        missing = targets - self.actor_ids.keys()
        if missing:
            # Only rows committed before this article's people were written can be found here.
            slugs = {t.split(":", 1)[1] for t in missing}
            self.actor_ids.update(
                (f"actor:{slug}", pk)
                for slug, pk in Actor.objects.filter(slug__in=slugs).values_list("slug", "pk")
            )
        return {t: self.actor_ids[t] for t in targets if t in self.actor_ids}


def new_run_state() -> RunState:
    """The context and the keys of every country and actor, read once for a whole run."""
    return RunState(
        ctx=load_context(),
        country_ids=dict(Country.objects.values_list("alpha3", "pk")),
        actor_ids={f"actor:{slug}": pk for slug, pk in Actor.objects.values_list("slug", "pk")},
    )


def load_context() -> ExtractionContext:
    """The gazetteer and lookups, from the database as it is now."""
    countries = list(
        Country.objects.values("alpha3", "name", "official_name", "aliases", "demonyms", "capital")
    )
    actors = [
        {**row, "country": row["country__alpha3"], "parent": row["parent__slug"]}
        for row in Actor.objects.values(
            "slug", "name", "kind", "status", "country__alpha3", "parent__slug"
        )
    ]
    aliases = [
        {"actor": row["actor__slug"], "name": row["name"], "case_sensitive": row["case_sensitive"]}
        for row in ActorAlias.objects.values("actor__slug", "name", "case_sensitive")
    ]
    return build_context(countries, actors, aliases)


# ----------------------------------------------------------------------------- the run


def import_sources(
    sources: Iterable[Source],
    *,
    dry_run: bool = False,
    reextract: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_file: Callable[[FileReport], None] | None = None,
    workers: int = 1,
    time_budget: float | None = limits.DEFAULT_TIME_BUDGET_SECONDS,
) -> RunReport:
    """Import every source; a failure is reported and the others go on.

    Each article's analysis has `time_budget` seconds (None or 0: no limit); one that takes
    longer fails with that reason.

    With `workers` > 1, that many processes read and analyse the files ahead of their turn;
    the writes stay here, one article per transaction, in input order, so the database ends
    up exactly as a one-process run leaves it.
    """
    if workers < 1:
        raise ValueError("workers must be at least 1")
    run = RunReport(dry_run=dry_run)
    state = new_run_state()
    limits.set_time_budget(time_budget)  # before the workers fork: they inherit it

    def record(report: FileReport) -> None:
        run.files.append(report)
        if on_file:
            on_file(report)

    with _bulk_checkpoints():
        if workers == 1:
            for source in sources:
                try:
                    raw = source.read_bytes(max_bytes)
                    document = read_document(source.name, raw, max_bytes=max_bytes)
                    report = import_document(
                        document, state=state, dry_run=dry_run, reextract=reextract
                    )
                except Exception as exc:  # one bad file must never stop the others
                    report = _failed(source.name, exc)
                record(report)
            return run
        prepared_files = parallel.prepare_in_workers(
            _jobs(sources, max_bytes=max_bytes, reextract=reextract),
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


# SQLite: an article's transaction dirties some 130 pages (its rows, their ~60 indexes, the
# full-text index, history rows holding whole texts). At SQLite's automatic checkpoint of
# 1,000 pages the WAL was copied into the database, and synced, every eight articles: a third
# of each commit. A run lets the WAL grow to ~40 MB between checkpoints instead; only on its
# own connection, and the setting is put back afterwards.
BULK_WAL_AUTOCHECKPOINT = 10_000


@contextmanager
def _bulk_checkpoints() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        previous = cursor.fetchone()[0]
        if 0 < previous < BULK_WAL_AUTOCHECKPOINT:
            cursor.execute(f"PRAGMA wal_autocheckpoint = {BULK_WAL_AUTOCHECKPOINT}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA wal_autocheckpoint = {int(previous)}")


EXPECTED_FAILURES = (ReadError, OSError, AnchorError)


class _FailedInWorker(Exception):
    def __init__(self, failure: Failure):
        super().__init__(failure.reason)
        self.failure = failure


def _failed(name: str, exc: Exception) -> FileReport:
    """The report of a file that failed; an unexpected error is logged with its traceback."""
    if isinstance(exc, _FailedInWorker):
        failure = exc.failure
        if failure.trace:
            logger.error("import of %s failed in a worker process:\n%s", name, failure.trace)
    else:
        failure = Failure.of(exc, EXPECTED_FAILURES)
        if failure.trace:
            logger.error("import of %s failed", name, exc_info=exc)
    return FileReport(name=name, status="failed", reason=failure.reason)


def _jobs(sources: Iterable[Source], *, max_bytes: int, reextract: bool) -> Iterator[Job]:
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
                read.append((source, Failure.of(exc, EXPECTED_FAILURES)))
        digests = {
            id(raw): hashlib.sha256(raw).hexdigest() for _, raw in read if isinstance(raw, bytes)
        }
        stored = set()
        if digests and not reextract:
            stored = set(
                Article.objects.filter(sha256__in=set(digests.values())).values_list(
                    "sha256", flat=True
                )
            )
        for source, raw in read:
            yield Job(source.name, raw, max_bytes, analyse=digests.get(id(raw)) not in stored)


def _import_prepared(
    job: Job, prepared: Prepared | None, state: RunState, *, dry_run: bool, reextract: bool
) -> FileReport:
    if isinstance(job.raw, Failure):
        raise _FailedInWorker(job.raw)
    if prepared is None:  # no worker could take it: read it here
        document = read_document(job.name, job.raw, max_bytes=job.max_bytes)
    elif prepared.document is None:
        raise _FailedInWorker(prepared.failure)
    else:
        document = replace(prepared.document, raw_bytes=job.raw)
    return import_document(
        document, state=state, dry_run=dry_run, reextract=reextract, prepared=prepared
    )


def import_document(
    document: SourceDocument,
    *,
    state: RunState,
    dry_run: bool,
    reextract: bool,
    prepared: Prepared | None = None,
) -> FileReport:
    """Store one document and its proposals, unless it is stored already (and not being
    re-extracted). `prepared` is a worker's analysis of it, used when it still holds."""
    existing = _stored_article(document.sha256)
    if existing and not reextract:
        return FileReport(
            name=document.name,
            status="unchanged",
            article_id=existing.pk,
            title=existing.title,
            flags=existing.flag_codes,
        )
    analysis = _analysis_of(document, state, prepared)
    with transaction.atomic():
        writer = _ArticleWriter(analysis, state, existing)
        report = writer.write()
        if dry_run:
            transaction.set_rollback(True)
    if not dry_run:
        writer.teach_state()
    return report


def _analysis_of(
    document: SourceDocument, state: RunState, prepared: Prepared | None
) -> ArticleAnalysis:
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
            analysis.context = with_people(state.ctx, analysis.people)
            return analysis
    return analyze(document, state.ctx)


# ----------------------------------------------------------------------------- one article


class _ArticleWriter:
    """Writes one analysis. Instances live for one transaction."""

    def __init__(self, analysis: ArticleAnalysis, state: RunState, existing: Article | None):
        self.analysis = analysis
        self.state = state
        self.ctx = state.ctx
        self.local = analysis.context or state.ctx
        # Event summaries as this article leaves them; applied to the run once committed.
        self.event_updates: dict[int, EventSummary] = {}
        self.existing = existing
        self.actor_ids: dict[str, int] = {}
        self.country_ids: dict[str, int] = {}
        self.new_actors: list[Actor] = []
        self.report = FileReport(name=analysis.document.name, status="created")
        # Rows nothing in this article reads back (history, flags, claims' link tables,
        # corroboration links) go in together at the end: one round trip on PostgreSQL.
        self.batch = rows.Batch()

    # -- lookups
    def _load_lookups(self) -> None:
        countries = {m.target_key for m in self.analysis.mentions if m.target_type == "country"}
        for claim in self.analysis.claims:
            countries.update(c.split(":", 1)[1] for c in claim.countries)
        for event in self.analysis.events:
            countries.update(c.split(":", 1)[1] for c in event.countries)
        self.country_ids = self.state.countries(countries)
        self.actor_ids = self.state.actors(self._actor_targets())

    def _actor_targets(self) -> set[str]:
        targets = {m.target for m in self.analysis.mentions if m.target_type == "actor"}
        targets |= set(self.local.state_of_country.values())
        for event in self.analysis.events:
            targets |= {t for t, _ in event.participants}
        return targets

    def actor_id(self, target: str | None) -> int | None:
        if target is None:
            return None
        if target.startswith("country:"):
            target = self.local.as_actor(target) or ""
        return self.actor_ids.get(target)

    def country_id(self, target: str | None) -> int | None:
        return self.country_ids.get(target.split(":", 1)[1]) if target else None

    # -- the whole article
    def write(self) -> FileReport:
        article = self._write_article()
        self.report.article_id = article.pk
        self.report.title = article.title
        self.report.flags = sorted(self.analysis.flags)
        self._load_lookups()
        self._write_people(article)
        event_ids = self._write_events(article)
        new_claims = self._write_claims(article, event_ids)
        links = _link_corroborations(new_claims)
        rows.insert_values(ClaimLink, links, ignore_conflicts=True, batch=self.batch)
        self.report.links_added = len(links)
        self.batch.flush()
        return self.report

    def _write_article(self) -> Article:
        a = self.analysis
        fields = article_fields(a)
        if self.existing is None:
            article = Article(sha256=a.document.sha256, retrieved_at=datetime.now(UTC), **fields)
            # What Article.save() would set; a worker process may have worked it out already.
            article.search_text = (
                a.search_texts[0] if a.search_texts is not None else search_text_of(article)
            )
            rows.insert_with_history(
                Article, [article], reason=f"Imported from {a.document.name}", batch=self.batch
            )
            known = set()  # a new article has no flags yet
        else:
            article = self.existing
            self.report.status = "reextracted"
            text_changed = article.text != a.cleaned.text
            for name, value in fields.items():
                if (
                    name == "title"
                    and article.title != value
                    and article.history.filter(history_user__isnull=False).exists()
                ):
                    continue  # a curator retitled it: keep their title
                setattr(article, name, value)
            article._change_reason = "Re-extracted"
            article.save()
            if text_changed:
                _reanchor_claims(article)
            known = set(article.flags.values_list("code", flat=True))
        rows.insert(
            ArticleFlag,
            [
                ArticleFlag(article=article, code=code, detail="\n".join(details)[:5000])
                for code, details in sorted(a.flags.items())
                if code not in known
            ],
            batch=self.batch,
        )
        return article

    def _write_people(self, article: Article) -> None:
        for person in self.analysis.people:
            actor = _find_actor_by_name(person.name)
            if actor is None:
                actor = Actor(
                    slug=_unique_slug(Actor, slugify(person.name)[:100] or "person"),
                    name=person.name,
                    kind="person",
                    title=_title_words(person.title)[:120],
                    origin=Origin.IMPORT,
                    first_seen_in=article,
                    description=f"Named as “{person.title} {person.name}” in {article.title}"[
                        :2000
                    ],
                )
                actor._change_reason = IMPORT_REASON
                actor.save()
                self.new_actors.append(actor)
                self.report.actors_proposed += 1
            self.actor_ids[person.target] = actor.pk

    def _write_events(self, article: Article) -> dict[int, int]:
        """Index of each proposal -> the id of the event it was matched to or created as."""
        proposals = self.analysis.events
        if self.existing is not None:
            # Re-extraction proposes events only from sentences it had not read before: the
            # events of known sentences exist already (or a curator merged or rejected them).
            known = set(article.claims.values_list("fingerprint", flat=True))
            new_sentences = {
                c.sentence_index for c in self.analysis.claims if c.fingerprint not in known
            }
            proposals = [
                p if p.sentence_index in new_sentences else replace(p, link_only=True)
                for p in proposals
            ]
        kinds = {p.kind for p in proposals}
        candidates = {k: list(v) for k, v in self.state.events_of(kinds).items()}
        event_ids: dict[int, int] = {}
        sentence_of: dict[int, int] = {}  # event created here -> the sentence it came from
        for index, proposal in enumerate(proposals):
            # Events one sentence tells apart ("two coups in 2022, … in September") stay apart.
            pool = [
                c
                for c in candidates.get(proposal.kind, [])
                if sentence_of.get(c.id) != proposal.sentence_index
            ]
            match = best_match(proposal, pool, self.local)
            if match is not None:
                event_ids[index] = match.id
                self.report.events_linked += 1
                enriched = _enrich_event(match, proposal, self)
                if enriched is not match:
                    pool_kind = candidates[proposal.kind]
                    pool_kind[pool_kind.index(match)] = enriched
                    self.event_updates[enriched.id] = enriched
                continue
            if proposal.link_only:
                continue
            event = _create_event(proposal, article, self)
            event_ids[index] = event.pk
            sentence_of[event.pk] = proposal.sentence_index
            self.report.events_proposed += 1
            summary = _summary_of(event, proposal, self)
            candidates.setdefault(proposal.kind, []).append(summary)
            self.event_updates[event.pk] = summary
        return event_ids

    def _write_claims(self, article: Article, event_ids: dict[int, int]) -> list[Claim]:
        known = (
            set(article.claims.values_list("fingerprint", flat=True)) if self.existing else set()
        )
        text = article.text
        searchable = self.analysis.search_texts
        new: list[Claim] = []
        mentions: list[tuple[int, list[int], list[int]]] = []
        for index, proposal in enumerate(self.analysis.claims):
            if proposal.fingerprint in known:
                self.report.claims_kept += 1
                continue
            _verify_anchor(text, proposal)
            claim = Claim(
                article=article,
                anchor_text_sha256=article.text_sha256,
                subject_id=self.actor_id(proposal.subject),
                object_actor_id=self.actor_id(proposal.object_actor),
                object_country_id=self.country_id(proposal.object_country),
                event_id=event_ids.get(proposal.event_index)
                if proposal.event_index is not None
                else None,
                claimant_id=self.actor_id(proposal.claimant),
                **claim_fields(proposal),
            )
            if claim.subject_id and claim.subject_id == claim.object_actor_id:
                claim.object_actor_id = None
            # What Claim.save() would set (the insert does not call it); a worker process may
            # have worked it out already.
            claim.search_text = (
                searchable[1][index] if searchable is not None else search_text_of(claim)
            )
            new.append(claim)
            mentions.append(
                (
                    len(new) - 1,
                    [i for c in proposal.countries if (i := self.country_id(c))],
                    [i for a in proposal.actors if (i := self.actor_id(a))],
                )
            )
        if not new:
            return []
        rows.insert_with_history(Claim, new, reason=IMPORT_REASON, batch=self.batch)
        created = new
        country_rows, actor_rows = [], []
        for index, country_ids, actor_ids in mentions:
            claim_id = created[index].pk
            country_rows += [
                {"claim_id": claim_id, "country_id": c} for c in dict.fromkeys(country_ids)
            ]
            actor_rows += [{"claim_id": claim_id, "actor_id": a} for a in dict.fromkeys(actor_ids)]
        rows.insert_values(Claim.countries.through, country_rows, batch=self.batch)
        rows.insert_values(Claim.actors.through, actor_rows, batch=self.batch)
        # The history rows above were written before these mentions existed.
        claim_db = connections[router.db_for_write(Claim)]
        new_ids = [c.pk for c in created]
        for sql in many_to_many_snapshot_statements(Claim, new_ids, replace=False):
            self.batch.add_after(claim_db, sql)
        self.report.claims_proposed = len(created)
        return created

    def teach_state(self) -> None:
        """Let later files in the same run find the people and events this one wrote."""
        for summary in self.event_updates.values():
            pool = self.state.events.setdefault(summary.kind, [])
            pool[:] = [s for s in pool if s.id != summary.id] + [summary]
        if not self.new_actors:
            return
        learned = [(a.name, a.slug, a.kind) for a in self.new_actors]
        learn_actors(self.ctx, learned)
        self.state.learned_actors += learned
        for actor in self.new_actors:
            self.state.actor_ids[f"actor:{actor.slug}"] = actor.pk


# ----------------------------------------------------------------------------- helpers


def article_fields(analysis: ArticleAnalysis) -> dict:
    """The fields of an article the importer sets from its analysis."""
    meta = analysis.metadata
    published = meta.published
    return {
        "title": meta.title,
        "subtitle": meta.subtitle,
        "author": meta.author,
        "published_start": published.start if published else None,
        "published_end": published.end if published else None,
        "published_precision": published.precision if published else "",
        "published_text": meta.published_text[:200],
        "reading_time_minutes": meta.reading_time_minutes,
        "raw_text": analysis.document.text,
        "text": analysis.cleaned.text,
        "text_sha256": _sha256(analysis.cleaned.text),
        "source_file": analysis.document.name[:500],
        "extractor_version": EXTRACTOR_VERSION,
    }


def claim_fields(proposal: ClaimProposal) -> dict:
    """The fields of a new claim that come from its proposal alone (not the keys it links)."""
    date = proposal.date
    return {
        "fingerprint": proposal.fingerprint,
        "quote": proposal.quote,
        "quote_start": proposal.start,
        "quote_end": proposal.end,
        "quote_prefix": proposal.prefix,
        "quote_suffix": proposal.suffix,
        "statement": proposal.statement,
        "predicate": proposal.predicate,
        "object_value": proposal.object_value,
        "claimant_text": proposal.claimant_text[:300],
        "reported_via": proposal.reported_via[:300],
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "date_precision": date.precision if date else "",
        "date_text": proposal.date_text[:200],
        "confidence": proposal.confidence,
        "extractor_version": EXTRACTOR_VERSION,
        "origin": Origin.IMPORT,
    }


def search_texts(analysis: ArticleAnalysis) -> tuple[str, list[str]]:
    """The search words Article.save() and Claim.save() would store for a new article from
    this analysis and for each of its claims. They come from text fields alone, so a worker
    process can work them out ahead of the write: every character of the article goes
    through them, which made them the writer's costliest step."""
    article = search_text_of(Article(**article_fields(analysis)))
    return article, [search_text_of(Claim(**claim_fields(p))) for p in analysis.claims]


def _stored_article(sha256: str) -> Article | None:
    """The article already stored from these bytes, if any. Most files are new: asking for
    the key first (a plain indexed lookup) spares them building and reading a model query."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {Article._meta.db_table} WHERE sha256 = %s", [sha256])
        found = cursor.fetchone()
    return Article.objects.get(pk=found[0]) if found else None


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _title_words(title: str) -> str:
    return " ".join(w for w in title.split() if w.lower() not in {"former"})


def _find_actor_by_name(name: str) -> Actor | None:
    key = normalize_name(name)
    alias = ActorAlias.objects.select_related("actor").filter(normalized=key).first()
    if alias:
        return alias.actor
    for actor in Actor.objects.filter(name__iexact=name):
        return actor
    for actor in Actor.objects.filter(kind="person", name__icontains=name.split()[-1]):
        if normalize_name(actor.name) == key:
            return actor
    return None


def _unique_slug(model, base: str) -> str:
    base = base.strip("-") or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[: 190 - len(str(n))]}-{n}"
        n += 1
    return slug


def _event_summaries(kinds: set[str]) -> dict[str, list[EventSummary]]:
    events = (
        Event.objects.filter(kind__in=kinds)
        .exclude(status="rejected")
        .prefetch_related("participants__actor", "countries")
    )
    summaries: dict[str, list[EventSummary]] = {}
    for event in events:
        summaries.setdefault(event.kind, []).append(
            EventSummary(
                id=event.pk,
                kind=event.kind,
                date_start=event.date_start,
                date_end=event.date_end,
                participants=frozenset(
                    (f"actor:{p.actor.slug}", p.role) for p in event.participants.all()
                ),
                countries=frozenset(f"country:{c.alpha3}" for c in event.countries.all()),
                curated=event.is_curated,
                date_text=event.date_text,
            )
        )
    return summaries


def _summary_of(event: Event, proposal, writer: "_ArticleWriter") -> EventSummary:
    return EventSummary(
        id=event.pk,
        kind=event.kind,
        date_start=event.date_start,
        date_end=event.date_end,
        participants=frozenset(
            (t, r) for t, r in proposal.participants if writer.actor_id(t) is not None
        ),
        countries=frozenset(c for c in proposal.countries if writer.country_id(c)),
        curated=False,
        date_text=event.date_text,
    )


def _date_fields(proposal) -> dict:
    date = proposal.date
    if date is not None and date.resolved:
        return {
            "date_start": date.start,
            "date_end": date.end,
            "date_precision": date.precision,
            "date_text": date.text[:200],
        }
    return {
        "date_start": None,
        "date_end": None,
        "date_precision": "",
        "date_text": date.text[:200] if date else "",
    }


def _create_event(proposal, article: Article, writer: "_ArticleWriter") -> Event:
    title = event_title(proposal, writer.local)
    sentence = next(s for s in writer.analysis.sentences if s.index == proposal.sentence_index)
    event = Event(
        slug=_unique_slug(Event, event_slug(proposal, title)),
        kind=proposal.kind,
        title=title,
        description=f"Proposed from “{sentence.text}” ({article.title})"[:5000],
        origin=Origin.IMPORT,
        **_date_fields(proposal),
    )
    event.search_text = search_text_of(event)  # what Event.save() would set
    # A new event has no places yet, so save() would record no many-to-many history either.
    rows.insert_with_history(Event, [event], reason=IMPORT_REASON)
    _add_places_and_participants(event.pk, proposal, writer)
    return event


def _add_places_and_participants(
    event_id: int, proposal, writer: "_ArticleWriter", known: EventSummary | None = None
) -> None:
    """Add the places and participants the event does not have yet (nothing is removed)."""
    have_countries = known.countries if known else frozenset()
    have_people = known.participants if known else frozenset()
    new_countries = [
        writer.country_id(c)
        for c in dict.fromkeys(proposal.countries)
        if c not in have_countries and writer.country_id(c)
    ]
    rows.insert_values(
        Event.countries.through,
        [{"event_id": event_id, "country_id": i} for i in new_countries],
        ignore_conflicts=True,
    )
    if new_countries:
        many_to_many_snapshot(Event, [event_id])
    participants = []
    for target, role in dict.fromkeys(proposal.participants):
        actor_id = writer.actor_id(target)
        if actor_id and (target, role) not in have_people:
            participants.append(EventParticipant(event_id=event_id, actor_id=actor_id, role=role))
    if participants:
        rows.insert_with_history(EventParticipant, participants, reason=IMPORT_REASON)


def _enrich_event(known: EventSummary, proposal, writer: "_ArticleWriter") -> EventSummary:
    """A matched event the curators have not touched learns a closer date and new names.
    Returns the summary as the event now stands (the same object when nothing changed)."""
    if known.curated:
        return known
    new_people = {
        (t, r) for t, r in proposal.participants if writer.actor_id(t)
    } - known.participants
    new_places = {c for c in proposal.countries if writer.country_id(c)} - known.countries
    date = proposal.date
    narrower = (
        date is not None
        and date.resolved
        and (
            known.date_start is None
            or (
                known.date_start <= date.start
                and date.end <= known.date_end
                and (date.start, date.end) != (known.date_start, known.date_end)
            )
        )
    )
    text_only = (
        date is not None and not date.resolved and not known.date_text and known.date_start is None
    )
    if not (new_people or new_places or narrower or text_only):
        return known
    event = Event.objects.get(pk=known.id)
    if event.is_curated:
        return replace(known, curated=True)
    if narrower or text_only:
        fields = _date_fields(proposal)
        if text_only:
            fields = {"date_text": fields["date_text"]}
        for name, value in fields.items():
            setattr(event, name, value)
        event._change_reason = "Date refined by the importer"
        event.save()
    _add_places_and_participants(event.pk, proposal, writer, known)
    return replace(
        known,
        date_start=event.date_start,
        date_end=event.date_end,
        date_text=event.date_text,
        participants=known.participants | new_people,
        countries=known.countries | new_places,
    )


def _verify_anchor(text: str, proposal) -> None:
    """A claim is stored only if its quote is exactly where it says, in both selectors."""
    if (
        text[proposal.start : proposal.end] != proposal.quote
        or not text[: proposal.start].endswith(proposal.prefix)
        or not text[proposal.end :].startswith(proposal.suffix)
    ):
        raise AnchorError(
            f"quote does not match the text at {proposal.start}–{proposal.end}: "
            f"{proposal.quote[:60]!r}"
        )


def _reanchor_claims(article: Article) -> None:
    """After the cleaned text changed, move each quote to its one exact new place, if any."""
    from facts.ingest.claims import quote_selectors

    for claim in article.claims.all():
        if article.text[claim.quote_start : claim.quote_end] == claim.quote:
            continue
        first = article.text.find(claim.quote)
        if first < 0 or article.text.find(claim.quote, first + 1) >= 0:
            logger.warning("claim %s lost its anchor in article %s", claim.pk, article.pk)
            continue
        claim.quote_start, claim.quote_end = first, first + len(claim.quote)
        claim.quote_prefix, claim.quote_suffix = quote_selectors(
            article.text, claim.quote_start, claim.quote_end
        )
        claim.anchor_text_sha256 = article.text_sha256
        claim._change_reason = "Quote re-anchored after re-extraction"
        claim.save()


MAX_CORROBORATION_LINKS = 10
NOT_CORROBORATING = [str(status) for status in WITHDRAWN_STATUSES]
# Written as SQL because they run for every article: the ORM spent longer building them than
# the database did answering. For each event, the first claim of each other article, in the
# order of those claims, and only as many articles as a claim may link to (a much-reported
# event would otherwise send back every claim ever made about it).
_FIRST_CLAIMS_OF_EVENTS = """
    SELECT event_id, first_claim FROM (
        SELECT event_id, MIN(id) AS first_claim,
            ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY MIN(id)) AS place
        FROM {claim}
        WHERE event_id IN ({events}) AND article_id <> %s AND status NOT IN (%s, %s)
        GROUP BY event_id, article_id
    ) AS firsts
    WHERE place <= %s
    ORDER BY first_claim
"""
# Claims of other articles with the same subject, predicate and object as any new claim.
_SAME_STATEMENT = """
    SELECT id, subject_id, predicate, object_actor_id, object_country_id, article_id
    FROM {claim}
    WHERE ({conditions}) AND article_id <> %s AND status NOT IN (%s, %s)
    ORDER BY id
    LIMIT %s
"""


def _link_corroborations(claims: list[Claim]) -> list[dict]:
    """The corroboration links the new claims call for. Claims in other articles about the same
    event, or with the same subject, predicate and object, corroborate the new ones: one link
    to the first such claim of each other article, at most MAX_CORROBORATION_LINKS per claim,
    so a much-reported event does not make the link table grow with the square of its
    coverage."""
    if not claims:
        return []
    article_id = claims[0].article_id
    event_ids = sorted({c.event_id for c in claims if c.event_id})
    by_event: dict[int, list[int]] = {}  # event -> the first claim of each other article
    if event_ids:
        with connection.cursor() as cursor:
            cursor.execute(
                _FIRST_CLAIMS_OF_EVENTS.format(
                    claim=Claim._meta.db_table, events=", ".join(["%s"] * len(event_ids))
                ),
                [*event_ids, article_id, *NOT_CORROBORATING, MAX_CORROBORATION_LINKS],
            )
            for event_id, other_id in cursor.fetchall():
                by_event.setdefault(event_id, []).append(other_id)
    structured = [
        c
        for c in claims
        if c.subject_id
        and c.predicate
        and (c.object_actor_id or c.object_country_id)
        and not c.event_id
    ]
    same_statement: dict[int, list[int]] = {}
    if structured:
        conditions, params = [], []
        for c in structured:
            condition = ["subject_id = %s", "predicate = %s"]
            params += [c.subject_id, c.predicate]
            for column in ("object_actor_id", "object_country_id"):
                value = getattr(c, column)
                condition.append(f"{column} IS NULL" if value is None else f"{column} = %s")
                params += [] if value is None else [value]
            conditions.append("(" + " AND ".join(condition) + ")")
        with connection.cursor() as cursor:
            cursor.execute(
                _SAME_STATEMENT.format(
                    claim=Claim._meta.db_table, conditions=" OR ".join(conditions)
                ),
                [
                    *params,
                    article_id,
                    *NOT_CORROBORATING,
                    MAX_CORROBORATION_LINKS * len(structured) * 4,
                ],
            )
            others = cursor.fetchall()
        for c in structured:
            key = (c.subject_id, c.predicate, c.object_actor_id, c.object_country_id)
            firsts: dict[int, int] = {}
            for other in others:
                if tuple(other[1:5]) == key:
                    firsts.setdefault(other[5], other[0])
            same_statement[c.pk] = list(firsts.values())
    links: list[dict] = []
    for claim in claims:
        targets = list(by_event.get(claim.event_id, [])) if claim.event_id else []
        targets += same_statement.get(claim.pk, [])
        for other in list(dict.fromkeys(targets))[:MAX_CORROBORATION_LINKS]:
            links.append(
                {
                    "from_claim_id": claim.pk,
                    "to_claim_id": other,
                    "kind": "corroborates",
                    "origin": Origin.IMPORT,
                    "note": "Same event or statement in another article",
                }
            )
    return links
