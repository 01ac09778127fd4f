"""Writes one article's analysis: the article, its people, events, claims and links."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import UTC, datetime

from django.db import connections, router, transaction

from facts.choices import ActorKind, AliasKind, Origin, QualityFlag
from facts.ingest.analysis import ArticleAnalysis
from facts.ingest.analysis.context import learn_actors
from facts.ingest.writing import rows
from facts.ingest.writing.anchoring import reanchor_claims, verify_anchor
from facts.ingest.writing.corroboration import (
    Copy,
    copy_links,
    find_copy,
    link_corroborations,
)
from facts.ingest.writing.events import create_event, enrich_event, summary_of
from facts.ingest.writing.fields import IMPORT_REASON, article_fields, claim_fields, title_words
from facts.ingest.writing.lookups import find_actor_by_name, unique_slug
from facts.ingest.writing.matching import EventSummary, best_match
from facts.ingest.writing.reports import FileReport
from facts.ingest.writing.state import RunState
from facts.ingest.writing.versions import follow_claims, story_of, supersede
from facts.models import (
    Actor,
    ActorAlias,
    Article,
    ArticleFlag,
    Claim,
    ClaimLink,
)
from facts.names import normalize_name, slug_of
from facts.services.history import many_to_many_snapshot_statements, note_change

# Fields a re-extraction leaves as they are once set: the curators' (or the first import's)
# address and publisher, and a page's snapshot, which are the same bytes.
_KEPT_ONCE_SET = {"url", "publisher", "site_name", "fetched_url", "snapshot", "snapshot_type"}


class ArticleWriter:
    """Writes one analysis. Instances live for one transaction."""

    def __init__(
        self,
        analysis: ArticleAnalysis,
        state: RunState,
        existing: Article | None,
        previous: Article | None = None,
    ):
        self.analysis = analysis
        self.state = state
        self.ctx = state.ctx
        self.local = analysis.context or state.ctx
        # Event summaries as this article leaves them; applied to the run once committed.
        self.event_updates: dict[int, EventSummary] = {}
        self.existing = existing
        # The stored version of the same web page, which this new article supersedes.
        self.previous = previous
        self.copy: Copy | None = None  # the story this article reprints, if it is a copy
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
        # A copy of a story already stored (a reprinted wire report) is one from the start;
        # a page's new version belongs to the story of its previous one.
        self.copy = (
            find_copy([c.fingerprint for c in self.analysis.claims])
            if self.existing is None and self.previous is None
            else None
        )
        article = self._write_article()
        self.report.article_id = article.pk
        self.report.title = article.title
        self.report.flags = sorted(
            {*self.analysis.flags, *([str(QualityFlag.WIRE_COPY)] if self.copy else [])}
        )
        self._load_lookups()
        self._write_people(article)
        self._write_organisations(article)
        event_ids = self._write_events(article)
        new_claims = self._write_claims(article, event_ids)
        links: list[dict] = []
        story = None
        if self.copy is not None:
            story = self.copy.original_id
            links += copy_links(self.copy, new_claims)
        if self.previous is not None:
            story = story_of(self.previous)
            followed = follow_claims(self.previous, article, new_claims)
            new_claims += followed.carried
            links += followed.links
            self.report.previous_version = self.previous.pk
            self.report.notes += followed.notes
            if followed.notes:  # left with the earlier version: curators must see which
                ArticleFlag.objects.create(
                    article=article,
                    code=QualityFlag.EARLIER_CLAIMS_LEFT,
                    detail="\n".join(followed.notes)[:5000],
                )
            self.report.claims_proposed += len(followed.carried)
        links += link_corroborations(new_claims, story)
        rows.insert_values(ClaimLink, links, ignore_conflicts=True, batch=self.batch)
        self.report.links_added = len(links)
        self.batch.flush()
        return self.report

    def _write_article(self) -> Article:
        a = self.analysis
        fields = article_fields(a)
        flags = dict(a.flags)
        now = datetime.now(UTC)
        if self.previous is not None:
            # First: only one current article may have the page's address.
            self.previous = supersede(self.previous, now)
            fields["previous_version_id"] = self.previous.pk
            fields["copy_of_id"] = story_of(self.previous)
        url = fields.get("url")
        current = self.existing is None or self.existing.superseded_at is None
        # A supplied address already another current article's would break the unique rule
        # on urls (an earlier version of a page keeps its address beside the current one).
        if (
            url
            and current
            and Article.objects.filter(url=url, superseded_at__isnull=True)
            .exclude(sha256=a.document.sha256)
            .exists()
        ):
            del fields["url"]
            flags["supplied-metadata"] = [
                *flags.get("supplied-metadata", []),
                "url: not set, another article has that address",
            ]
        if self.existing is None:
            if self.copy is not None:
                fields["copy_of_id"] = self.copy.original_id
                flags[str(QualityFlag.WIRE_COPY)] = [self.copy.detail]
            article = Article(sha256=a.document.sha256, retrieved_at=now, **fields)
            # The search words a worker worked out ahead (else rows.insert works them out).
            if a.search_texts is not None:
                article.search_text = a.search_texts[0]
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
                    name in {"title", "language"}
                    and getattr(article, name) != value
                    and article.history.filter(history_user__isnull=False).exists()
                ):
                    continue  # a curator retitled it or corrected its language: kept
                if name in _KEPT_ONCE_SET and getattr(article, name):
                    continue  # set already (by a curator, or an earlier import): kept
                setattr(article, name, value)
            note_change(article, reason="Re-extracted")
            article.save()
            if text_changed:
                reanchor_claims(article)
            known = set(article.flags.values_list("code", flat=True))
        rows.insert(
            ArticleFlag,
            [
                ArticleFlag(article=article, code=code, detail="\n".join(details)[:5000])
                for code, details in sorted(flags.items())
                if code not in known
            ],
            batch=self.batch,
        )
        return article

    def _write_people(self, article: Article) -> None:
        for person in self.analysis.people:
            actor = find_actor_by_name(person.name)
            if actor is None:
                actor = Actor(
                    slug=unique_slug(Actor, slug_of(person.name)[:100] or "person"),
                    name=person.name,
                    kind=ActorKind.PERSON,
                    title=title_words(person.title)[:120],
                    origin=Origin.IMPORT,
                    first_seen_in=article,
                    description=f"Named as “{person.title} {person.name}” in {article.title}"[
                        :2000
                    ],
                )
                note_change(actor, reason=IMPORT_REASON)
                actor.save()
                self.new_actors.append(actor)
                self.report.actors_proposed += 1
            self.actor_ids[person.target] = actor.pk

    def _write_organisations(self, article: Article) -> None:
        """New organisations as unreviewed actors, with their acronym as a case-sensitive
        alias; an organisation some actor already has by name is that actor."""
        for org in self.analysis.organisations:
            actor = find_actor_by_name(org.name)
            if actor is None:
                actor = Actor(
                    slug=unique_slug(Actor, slug_of(org.name)[:100] or "organisation"),
                    name=org.name[:200],
                    kind=org.kind,
                    origin=Origin.IMPORT,
                    first_seen_in=article,
                    description=f"Named as “{org.seen}” in {article.title}"[:2000],
                )
                note_change(actor, reason=IMPORT_REASON)
                actor.save()
                # An acronym another actor has already (a name means one actor) is left out.
                key = normalize_name(org.acronym) if org.acronym else ""
                if key and not ActorAlias.objects.filter(normalized=key).exists():
                    alias = ActorAlias(
                        actor=actor,
                        name=org.acronym,
                        kind=AliasKind.ABBREVIATION,
                        case_sensitive=True,
                    )
                    note_change(alias, reason=IMPORT_REASON)
                    alias.save()
                self.new_actors.append(actor)
                self.report.actors_proposed += 1
            self.actor_ids[org.target] = actor.pk

    def _write_events(self, article: Article) -> dict[int, int]:
        """Index of each proposal -> the id of the event it was matched to or created as."""
        proposals = self.analysis.events
        read_before = self.existing or self.previous
        if read_before is not None:
            # Re-extraction, and a page's next version, propose events only from sentences
            # not read before: the events of known sentences exist already (or a curator
            # merged or rejected them).
            known = set(read_before.claims.values_list("fingerprint", flat=True))
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
                enriched = enrich_event(
                    match, proposal, self, article.pk, told_here=match.id in event_ids.values()
                )
                if enriched is not match:
                    pool_kind = candidates[proposal.kind]
                    pool_kind[pool_kind.index(match)] = enriched
                    self.event_updates[enriched.id] = enriched
                continue
            if proposal.link_only:
                continue
            event = create_event(proposal, article, self)
            event_ids[index] = event.pk
            sentence_of[event.pk] = proposal.sentence_index
            self.report.events_proposed += 1
            summary = summary_of(event, proposal, self)
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
            verify_anchor(text, proposal)
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
                **claim_fields(proposal, self.analysis.language),
            )
            if claim.subject_id and claim.subject_id == claim.object_actor_id:
                claim.object_actor_id = None
            if searchable is not None:  # worked out ahead by a worker
                claim.search_text = searchable[1][index]
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


# Importers in several processes or machines at once (the job queue's workers) analyse side
# by side but write one article at a time, as one process does: an article's write reads
# what the others wrote (events to link, actors to reuse) and must not race them to it.
_one_writer_at_a_time: ContextVar[bool] = ContextVar("one_writer_at_a_time", default=False)
# The key of PostgreSQL's transaction-level advisory lock that queues the writers.
IMPORT_WRITE_LOCK = 0x5A4E_1F0


@contextmanager
def one_writer_at_a_time() -> Iterator[None]:
    """Within this, each article's write first waits for every other importer's to end."""
    token = _one_writer_at_a_time.set(True)
    try:
        yield
    finally:
        _one_writer_at_a_time.reset(token)


def _wait_for_other_writers(state: RunState) -> None:
    """Take the writers' turn, then learn the events the others wrote before it."""
    if not _one_writer_at_a_time.get():
        return
    connection = connections[router.db_for_write(Article)]
    if connection.vendor == "postgresql":
        # SQLite needs no lock: its write transactions begin IMMEDIATE, one at a time.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_WRITE_LOCK])
    state.catch_up_events()


def write_analysis(
    analysis: ArticleAnalysis,
    *,
    state: RunState,
    existing: Article | None,
    dry_run: bool,
    previous: Article | None = None,
) -> FileReport:
    """Write one article's analysis in one transaction (rolled back on a dry run), then let
    the run learn what it wrote. `previous` is the stored version of the same web page,
    which the new article supersedes in the same transaction (versions.py)."""
    with transaction.atomic():
        _wait_for_other_writers(state)
        writer = ArticleWriter(analysis, state, existing, previous)
        report = writer.write()
        if dry_run:
            transaction.set_rollback(True)
    if not dry_run:
        writer.teach_state()
    return report
