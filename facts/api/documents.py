"""Claims and events served from their stored documents (facts.models.documents): build,
store, serve.

A document is the record's representation (facts.api.representations, itself held equal to
the declared serializers by the tests) encoded once, with two parts left open because they
depend on the request:

- the origin of URLs (scheme, host and script prefix): `\\x01` in the stored text;
- the fields that move with *other* rows and with the reader: a claim's evidence
  (corroborating articles, contradicted, contradictions), an event's `sources`: `\\x02`.

A list page then reads its keys (and a claim's evidence) in the page query, their documents
by key, and the reader's counts: three indexed queries, and the documents are joined as they
are. Documents found stale are built and stored in the same request, guarded by their
generation so that a change landing meanwhile is never hidden.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass

import orjson
from django.db import DatabaseError, connections, router, transaction
from django.db.models import Model, Prefetch
from django.urls import get_script_prefix

from facts.api.columns import FIELDS_PARAM
from facts.api.renderers import json_bytes
from facts.api.representations import (
    CLAIM_ROW_FIELDS,
    EVENT_PLACE_JOINS,
    Links,
    claim_from_row,
    claim_representations,
    event_representation,
)
from facts.models import Claim, ClaimDocument, Event, EventDocument, EventParticipant
from facts.models.evidence import with_evidence
from facts.selectors import (
    attach_claim_related,
    claim_evidence,
    source_counts,
)

ORIGIN_MARK = "\x01"
OPEN_MARK = "\x02"
# Put in front of every URL path and in place of the open fields while a document is encoded,
# then swapped for the marks. Content that happens to hold one is noticed (the counts do not
# match) and that record is simply not stored: it is represented afresh on every read.
_ORIGIN_SENTINEL = "\ue000sahel-origin\ue001"
_OPEN_SENTINEL = "\ue000sahel-open\ue001"
_CLAIM_EVIDENCE = ("corroborating_articles", "contradicted", "contradictions")
_STORED_CLAIM_FIELDS = tuple(field for field in CLAIM_ROW_FIELDS if field not in _CLAIM_EVIDENCE)
# What a claims page reads from the claim table when documents serve it: the cursor's keys.
# The evidence comes with the page's documents, by key (facts.selectors.claim_evidence).
PAGE_FIELDS = ("id", "confidence", "credibility", "date_start", "updated_at")
BUILD_CHUNK = 500


class _DocumentLinks(Links):
    """URLs as paths after the sentinel, free of the request's script prefix, for a reader
    who sees everything or one who sees the published record."""

    def __init__(self, everything: bool):
        super().__init__(None)
        self._everything = everything

    @property
    def everything(self) -> bool:  # type: ignore[override]
        return self._everything

    def _template(self, route: str) -> str:
        template = self._templates.get(route)
        if template is None or not template.startswith(_ORIGIN_SENTINEL):
            path = super()._template(route)
            prefix = get_script_prefix()
            template = _ORIGIN_SENTINEL + "/" + path[len(prefix) :]
            self._templates[route] = template
        return template


_FULL, _PUBLIC = _DocumentLinks(everything=True), _DocumentLinks(everything=False)


def _sealed(representation: dict, open_fields: tuple[str, ...], urls: int) -> str | None:
    """The representation as stored: its open fields (consecutive) replaced by OPEN_MARK, the
    origin of its `urls` URLs by ORIGIN_MARK; None when its content holds a sentinel."""
    representation[open_fields[0]] = _OPEN_SENTINEL
    for name in open_fields[1:]:
        del representation[name]
    text = json_bytes(representation).decode()
    if text.count(_ORIGIN_SENTINEL) != urls or text.count(_OPEN_SENTINEL) != 1:
        return None
    opened = f'"{open_fields[0]}":"{_OPEN_SENTINEL}",'
    return text.replace(opened, OPEN_MARK).replace(_ORIGIN_SENTINEL, ORIGIN_MARK)


def _both(encode: Callable[[_DocumentLinks], str | None]) -> tuple[str, str | None] | None:
    """(body, public body or None when the same), or None when either cannot be stored."""
    body = encode(_FULL)
    public = encode(_PUBLIC)
    if body is None or public is None:
        return None
    return body, (None if public == body else public)


# ------------------------------------------------------------------------------- claims


def _claim_urls(representation: dict) -> int:
    briefs = ("subject", "object_actor", "object_country", "event", "claimant")
    return (
        3  # the claim, its annotation, its article
        + sum(representation[key] is not None for key in briefs)
        + len(representation["countries"])
        + len(representation["actors"])
    )


def _encode_claims(ids: Collection[int], using: str) -> dict:
    rows = list(Claim.objects.using(using).filter(pk__in=ids).values(*_STORED_CLAIM_FIELDS))
    documents = {}
    for row in attach_claim_related(rows):  # type: ignore[arg-type]
        row.update(corroborating_articles=0, contradicted=False, contradictions=0)  # type: ignore[typeddict-item]

        def encode(links, row=row):
            representation = dict(claim_from_row(row, links))
            return _sealed(representation, _CLAIM_EVIDENCE, _claim_urls(representation))

        documents[row["id"]] = _both(encode)
    return documents


# ------------------------------------------------------------------------------- events


def _event_urls(representation: dict) -> int:
    return (
        1
        + len(representation["countries"])
        + sum(representation[key] is not None for key in ("place", "admin1", "admin2"))
        + sum(p["actor"] is not None for p in representation["participants"])
    )


def _encode_events(ids: Collection[int], using: str) -> dict:
    events = (
        Event.objects.using(using)
        .filter(pk__in=ids)
        .select_related(*EVENT_PLACE_JOINS)
        .defer("search_text")
        .prefetch_related(
            "countries",
            Prefetch("participants", EventParticipant.objects.select_related("actor")),
        )
    )
    documents = {}
    for event in events:
        event.sources = 0

        def encode(links, event=event):
            representation = dict(event_representation(event, links))
            return _sealed(representation, ("sources",), _event_urls(representation))

        documents[event.pk] = _both(encode)
    return documents


@dataclass(frozen=True)
class DocumentKind:
    model: type[Model]  # ClaimDocument or EventDocument
    key: str  # the column holding the record's id
    encode: Callable[[Collection[int], str], dict]  # ids, database -> id -> document


CLAIMS = DocumentKind(ClaimDocument, "claim_id", _encode_claims)
EVENTS = DocumentKind(EventDocument, "event_id", _encode_events)
KINDS = (CLAIMS, EVENTS)


# ------------------------------------------------------------------------------- building


def build_documents(kind: DocumentKind, ids: Collection[int], using: str | None = None) -> dict:
    """Build the documents of these records and store them where no change has landed since
    their generation was read. Returns what was built (id -> (body, public) or None), stored
    or not, so the caller can serve it at once."""
    if not ids:
        return {}
    read = using or router.db_for_read(kind.model)
    # The generations first: a change committed after this read raises its generation, and
    # then the guarded update below stores nothing for that record.
    generations = dict(
        kind.model.objects.using(read)  # type: ignore[attr-defined]
        .filter(**{f"{kind.key}__in": ids})
        .values_list(kind.key, "generation")
    )
    documents = kind.encode(ids, read)
    store_documents(kind, documents, generations, using=using)
    return documents


def store_documents(
    kind: DocumentKind, documents: dict, generations: dict[int, int], using: str | None = None
) -> None:
    """Guarded writes; a reader's request that cannot write (a locked SQLite file, a
    read-only database) still serves what it built."""
    params = [
        (document[0], document[1], record_id, generations[record_id])
        for record_id, document in documents.items()
        if document is not None and record_id in generations
    ]
    if not params:
        return
    alias = using or router.db_for_write(kind.model)
    table = kind.model._meta.db_table
    try:
        with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET body = %s, public_body = %s "
                f"WHERE {kind.key} = %s AND generation = %s",
                params,
            )
    except DatabaseError:
        # Only a cache fill failed: the response is built already, the next read tries again.
        return


def build_stale_documents(
    kind: DocumentKind, *, everything: bool = False, chunk: int = BUILD_CHUNK
) -> int:
    """The command's work: build every stale document of a kind (all of them with
    `everything`, after marking them stale), a chunk at a time. Returns how many were
    stored."""
    alias = router.db_for_write(kind.model)
    manager = kind.model.objects.using(alias)  # type: ignore[attr-defined]
    if everything:
        manager.update(body=None, public_body=None)
    stored, after = 0, 0
    while True:
        ids = list(
            manager.filter(body__isnull=True, **{f"{kind.key}__gt": after})
            .order_by(kind.key)
            .values_list(kind.key, flat=True)[:chunk]
        )
        if not ids:
            return stored
        documents = build_documents(kind, ids, using=alias)
        stored += sum(document is not None for document in documents.values())
        after = ids[-1]


# ------------------------------------------------------------------------------- serving


def _stored(kind: DocumentKind, ids: list[int]) -> dict:
    """The fresh documents of these records by id. Plain SQL: the ORM took longer to compile
    this than the database to answer it."""
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT {kind.key}, body, public_body FROM {kind.model._meta.db_table} "
        f"WHERE {kind.key} IN ({marks}) AND body IS NOT NULL"
    )
    with connections[router.db_for_read(kind.model)].cursor() as cursor:
        cursor.execute(sql, ids)
        return {record_id: (body, public) for record_id, body, public in cursor.fetchall()}


def _served(
    kind: DocumentKind,
    ids: list[int],
    links: Links,
    open_text: Callable[[int], str],
    afresh: Callable[[list[int]], dict],
) -> list:
    """The page's records, in order, as JSON fragments the renderer writes as they are."""
    stored = _stored(kind, ids)
    missing = [record_id for record_id in ids if record_id not in stored]
    if missing:
        stored.update(build_documents(kind, missing))
    unstorable = [record_id for record_id in ids if stored.get(record_id) is None]
    fresh = afresh(unstorable) if unstorable else {}
    origin = orjson.dumps(links.request.build_absolute_uri(get_script_prefix())[:-1])
    origin_text = origin.decode()[1:-1]
    everything = links.everything
    fragments = []
    for record_id in ids:
        document = stored.get(record_id)
        if document is None:
            fragments.append(fresh[record_id])
            continue
        body, public = document
        text = body if everything or public is None else public
        text = text.replace(OPEN_MARK, open_text(record_id), 1)
        fragments.append(orjson.Fragment(text.replace(ORIGIN_MARK, origin_text)))
    return fragments


def page_claim_documents(rows: list[dict], links: Links) -> list:
    """A page of claim rows (PAGE_FIELDS) as the list shows them to the reader in `links`."""
    ids = [int(row["id"]) for row in rows]
    evidence = claim_evidence(ids, links.user)

    def open_text(claim_id: int) -> str:
        # A claim deleted since the page's keys were read shows none (its document is gone too).
        corroborating, contradicted, contradictions = evidence.get(claim_id, (0, False, 0))
        return (
            f'"corroborating_articles":{corroborating},'
            f'"contradicted":{"true" if contradicted else "false"},'
            f'"contradictions":{contradictions},'
        )

    def afresh(claim_ids: list[int]) -> dict:
        claims = with_evidence(Claim.objects.filter(pk__in=claim_ids)).values(*CLAIM_ROW_FIELDS)
        return {
            representation["id"]: orjson.Fragment(json_bytes(representation))
            for representation in claim_representations(list(claims), links)  # type: ignore[arg-type]
        }

    return _served(CLAIMS, ids, links, open_text, afresh)


def page_event_documents(keys: list, links: Links) -> list:
    """A page of events (their keys) as the list shows them to the reader in `links`."""
    ids = [int(key.pk) for key in keys]
    counts = source_counts(ids, links.user)

    def open_text(event_id: int) -> str:
        return f'"sources":{counts.get(event_id, 0)},'

    def afresh(event_ids: list[int]) -> dict:
        events = (
            Event.objects.filter(pk__in=event_ids)
            .select_related(*EVENT_PLACE_JOINS)
            .prefetch_related(
                "countries",
                Prefetch("participants", EventParticipant.objects.select_related("actor")),
            )
        )
        fragments = {}
        for event in events:
            event.sources = counts.get(event.pk, 0)
            fragments[event.pk] = orjson.Fragment(json_bytes(event_representation(event, links)))
        return fragments

    return _served(EVENTS, ids, links, open_text, afresh)


class ServesDocumentsMixin:
    """A list served from the stored documents."""

    def serves_documents(self) -> bool:
        """Always, but for a choice of `fields` (which projects dictionaries), an indented
        rendering (DRF's encoder, which cannot write stored JSON as it is), or a caller that
        is not an HTTP request (a release's reader reads the export's path)."""
        request = self.request  # type: ignore[attr-defined]
        query = getattr(request, "query_params", None)
        if query is None or FIELDS_PARAM in query:
            return False
        renderer = getattr(request, "accepted_renderer", None)
        return renderer is not None and not renderer.get_indent(request.accepted_media_type, {})
