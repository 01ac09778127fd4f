"""Claims served from their stored documents (facts.models.documents): build, store, serve.

A document is the claim's representation (facts.api.representations, itself held equal to
ClaimSerializer by the tests) encoded once, with two parts left open because they depend on
the request:

- the origin of URLs (scheme, host and script prefix): `\\x01` in the stored text;
- the evidence fields, which move with *other* rows (a corroborating claim verified, a
  contradicting one linked) and, for `contradictions`, with the reader: `\\x02`.

A list page then reads its rows' keys and evidence in the page query, their documents by
key, and the contradiction counts: three indexed queries, and the documents are joined as
they are. Documents found stale are built from the claim table and stored in the same
request, guarded by their generation so that a change landing meanwhile is never hidden.
"""

from collections.abc import Collection

import orjson
from django.db import DatabaseError, connections, router, transaction
from django.urls import get_script_prefix

from facts.api.renderers import json_bytes
from facts.api.representations import (
    CLAIM_ROW_FIELDS,
    Links,
    claim_from_row,
    claim_representations,
)
from facts.choices import ReviewStatus
from facts.models import Claim, ClaimDocument
from facts.selectors import attach_claim_related, contradiction_counts, with_evidence

ORIGIN_MARK = "\x01"
EVIDENCE_MARK = "\x02"
# Put in front of every URL path and in place of the evidence while a document is encoded,
# then swapped for the marks. Content that happens to hold one is noticed (the counts do not
# match) and that claim is simply not stored: it is represented afresh on every read.
_ORIGIN_SENTINEL = "\ue000sahel-origin\ue001"
_EVIDENCE_SENTINEL = "\ue000sahel-evidence\ue001"
_EVIDENCE_KEYS = ("corroborating_articles", "contradicted", "contradictions")
_STORED_FIELDS = tuple(field for field in CLAIM_ROW_FIELDS if field not in _EVIDENCE_KEYS)
# What a list page reads from the claim table when documents serve it: the cursor's keys and
# the evidence annotations (facts.selectors.with_evidence).
PAGE_FIELDS = (
    "id", "confidence", "credibility", "date_start", "updated_at",
    "corroborating_articles", "contradicted",
)  # fmt: skip
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


def _url_count(representation: dict) -> int:
    briefs = ("subject", "object_actor", "object_country", "event", "claimant")
    return (
        3  # the claim, its annotation, its article
        + sum(representation[key] is not None for key in briefs)
        + len(representation["countries"])
        + len(representation["actors"])
    )


def _encode(row: dict, links: _DocumentLinks) -> str | None:
    representation = dict(claim_from_row(row, links))
    urls = _url_count(representation)
    representation["corroborating_articles"] = _EVIDENCE_SENTINEL
    del representation["contradicted"], representation["contradictions"]
    text = json_bytes(representation).decode()
    evidence = f'"corroborating_articles":"{_EVIDENCE_SENTINEL}",'
    if text.count(_ORIGIN_SENTINEL) != urls or text.count(_EVIDENCE_SENTINEL) != 1:
        return None
    return text.replace(evidence, EVIDENCE_MARK).replace(_ORIGIN_SENTINEL, ORIGIN_MARK)


def encode_documents(rows: list[dict]) -> dict[int, tuple[str, str | None] | None]:
    """Claim rows (_STORED_FIELDS with what they point at attached) -> their (body,
    public_body), or None for a claim whose text holds a sentinel."""
    documents: dict[int, tuple[str, str | None] | None] = {}
    for row in rows:
        row.update(corroborating_articles=0, contradicted=False, contradictions=0)
        body = _encode(row, _FULL)
        event = row["event"]
        public = None
        if body is not None and event is not None and event[3] != ReviewStatus.VERIFIED:
            public = _encode(row, _PUBLIC)
            if public is None:
                body = None
        documents[row["id"]] = None if body is None else (body, public)
    return documents


def build_documents(claim_ids: Collection[int], using: str | None = None) -> dict:
    """Build the documents of these claims and store them where no change has landed since
    their generation was read. Returns what was built (id -> (body, public) or None), stored
    or not, so the caller can serve it at once."""
    if not claim_ids:
        return {}
    read = using or router.db_for_read(ClaimDocument)
    # The generations first: a change committed after this read raises its generation, and
    # then the guarded update below stores nothing for that claim.
    generations = dict(
        ClaimDocument.objects.using(read)
        .filter(claim_id__in=claim_ids)
        .values_list("claim_id", "generation")
    )
    rows = list(Claim.objects.using(read).filter(pk__in=claim_ids).values(*_STORED_FIELDS))
    documents = encode_documents(attach_claim_related(rows))  # type: ignore[arg-type]
    store_documents(documents, generations, using=using)
    return documents


def store_documents(documents: dict, generations: dict[int, int], using: str | None = None):
    """Guarded writes; a reader's request that cannot write (a locked SQLite file, a
    read-only database) still serves what it built."""
    params = [
        (document[0], document[1], claim_id, generations[claim_id])
        for claim_id, document in documents.items()
        if document is not None and claim_id in generations
    ]
    if not params:
        return
    alias = using or router.db_for_write(ClaimDocument)
    table = ClaimDocument._meta.db_table
    try:
        with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET body = %s, public_body = %s "
                "WHERE claim_id = %s AND generation = %s",
                params,
            )
    except DatabaseError:
        # Only a cache fill failed: the response is built already, the next read tries again.
        return


def build_stale_documents(*, everything: bool = False, chunk: int = BUILD_CHUNK) -> int:
    """The command's work: build every stale document (all of them with `everything`, after
    marking them stale), a chunk at a time. Returns how many were stored."""
    alias = router.db_for_write(ClaimDocument)
    if everything:
        ClaimDocument.objects.using(alias).update(body=None, public_body=None)
    stored, after = 0, 0
    while True:
        ids = list(
            ClaimDocument.objects.using(alias)
            .filter(body__isnull=True, claim_id__gt=after)
            .order_by("claim_id")
            .values_list("claim_id", flat=True)[:chunk]
        )
        if not ids:
            return stored
        documents = build_documents(ids, using=alias)
        stored += sum(document is not None for document in documents.values())
        after = ids[-1]


# ------------------------------------------------------------------------------- serving


def _evidence(row: dict, contradictions: int) -> str:
    contradicted = "true" if row["contradicted"] else "false"
    return (
        f'"corroborating_articles":{int(row["corroborating_articles"] or 0)},'
        f'"contradicted":{contradicted},"contradictions":{contradictions},'
    )


def _stored(ids: list[int]) -> dict:
    """The fresh documents of these claims by id. Plain SQL: the ORM took longer to compile
    this than the database to answer it."""
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"SELECT claim_id, body, public_body FROM {ClaimDocument._meta.db_table} "
        f"WHERE claim_id IN ({marks}) AND body IS NOT NULL"
    )
    with connections[router.db_for_read(ClaimDocument)].cursor() as cursor:
        cursor.execute(sql, ids)
        return {claim_id: (body, public) for claim_id, body, public in cursor.fetchall()}


def page_documents(rows: list[dict], links: Links) -> list:
    """A page of claim rows (PAGE_FIELDS) as the list shows them, for the request in `links`:
    each claim's stored document with the request's parts filled in, as JSON fragments the
    renderer writes as they are."""
    ids = [int(row["id"]) for row in rows]
    stored = _stored(ids)
    missing = [claim_id for claim_id in ids if claim_id not in stored]
    if missing:
        stored.update(build_documents(missing))
    counts = contradiction_counts(ids, links.user)
    origin = orjson.dumps(links.request.build_absolute_uri(get_script_prefix())[:-1])
    origin_text = origin.decode()[1:-1]
    everything = links.everything
    fragments = []
    fresh = {}
    unstorable = [claim_id for claim_id in ids if stored.get(claim_id) is None]
    if unstorable:
        fresh = _represented_afresh(unstorable, links)
    for row in rows:
        claim_id = row["id"]
        document = stored.get(claim_id)
        if document is None:
            fragments.append(fresh[claim_id])
            continue
        body, public = document
        text = body if everything or public is None else public
        text = text.replace(EVIDENCE_MARK, _evidence(row, counts.get(claim_id, 0)), 1)
        fragments.append(orjson.Fragment(text.replace(ORIGIN_MARK, origin_text)))
    return fragments


def _represented_afresh(claim_ids: list[int], links: Links) -> dict:
    rows = list(with_evidence(Claim.objects.filter(pk__in=claim_ids)).values(*CLAIM_ROW_FIELDS))
    return {
        representation["id"]: orjson.Fragment(json_bytes(representation))
        for representation in claim_representations(rows, links)  # type: ignore[arg-type]
    }
