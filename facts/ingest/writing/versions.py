"""Versions of a web page: a page imported again whose text has changed becomes a new
article, linked to the one it supersedes, and the old one keeps its text and claims.

Editing the stored article in place would move quotes that curators reviewed against one text
onto another, and the W3C rule the importer follows is that an anchor is never moved by guess.
So the old version stays whole (its claims still anchor in its text); it is only marked
superseded. The claims are followed, not moved: each quote of the old version that occurs
exactly once in the new text has a claim in the new version too (the one the importer proposes
from the new text, or else one carried over, unreviewed, with the old claim's structure), tied
to the old claim by a `copies` link; every other quote is named in the run's report, so the
people importing see which reviewed sentences the page no longer carries.

Versions are one witness: the new article is a copy (`copy_of`) of the story the first version
began, so the two never corroborate each other.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q

from facts.anchors import only_place_of, quote_selectors
from facts.choices import WITHDRAWN_STATUSES, LinkKind, Origin
from facts.ingest.analysis import ArticleAnalysis
from facts.models import Article, Claim
from facts.services.history import note_change

logger = logging.getLogger(__name__)

_FOLLOWED_NOTE = "The same sentence in the previous version of the page"
_QUOTE_SHOWN = 80


class VersionError(RuntimeError):
    """The stored version of a page changed while its next version was being written."""


@dataclass
class Followed:
    """What became of the previous version's claims in the new one."""

    links: list[dict] = field(default_factory=list)  # new claim -> the old claim it follows
    carried: list[Claim] = field(default_factory=list)  # claims the importer did not propose
    notes: list[str] = field(default_factory=list)  # quotes not found once in the new text


def page_addresses(analysis: ArticleAnalysis) -> set[str]:
    """The addresses a page is known by: the one it states (or was found at), and the one
    it was fetched from."""
    return {analysis.metadata.url, analysis.document.fetched_url} - {""}


def current_version(analysis: ArticleAnalysis) -> Article | None:
    """The current article of the same page, if one is stored: a web page whose address (its
    own or the one it was fetched from) is one of this page's. Only pages have versions: a
    text file's supplied address is a curator's statement, kept by today's rules."""
    if not analysis.document.snapshot_type:
        return None
    addresses = page_addresses(analysis)
    if not addresses:
        return None
    return (
        Article.objects.filter(superseded_at__isnull=True)
        .filter(Q(url__in=addresses) | Q(fetched_url__in=addresses))
        .order_by("-pk")
        .first()
    )


def same_text(previous: Article, analysis: ArticleAnalysis) -> bool:
    """Whether the page says what its stored version says: the same cleaned text, or the
    same text read from the page (a newer extractor cleaning it differently is no new
    version). Pages change their bytes for advertising, timestamps and tokens alone."""
    return previous.text == analysis.cleaned.text or previous.raw_text == analysis.document.text


def supersede(previous: Article, now: datetime) -> Article:
    """Mark `previous` superseded, once: in the same transaction as the new version, and
    before it is written, since only one current article may have an address."""
    locked = Article.objects.select_for_update().get(pk=previous.pk)
    if locked.superseded_at is not None:
        raise VersionError(
            f"article {locked.pk}, the stored version of this page, was superseded while "
            "this one was being imported: import it again"
        )
    locked.superseded_at = now
    note_change(locked, reason="Superseded by a later version of the page")
    locked.save(update_fields=["superseded_at", "updated_at"])
    return locked


def story_of(previous: Article) -> int:
    """The first article of the story the previous version belongs to."""
    return previous.copy_of_id or previous.pk


def follow_claims(previous: Article, article: Article, proposed: list[Claim]) -> Followed:
    """The previous version's claims in the new version `article`, whose own claims the
    importer has just written (`proposed`). Withdrawn claims (rejected, retracted) are left
    behind without a word: they state nothing the new version should carry."""
    followed = Followed()
    at = {(claim.quote_start, claim.quote): claim for claim in proposed}
    taken = {claim.fingerprint for claim in proposed}
    old_claims = (
        previous.claims.exclude(status__in=WITHDRAWN_STATUSES)
        .prefetch_related("countries", "actors")
        .order_by("pk")
    )
    for old in old_claims:
        start = only_place_of(article.text, old.quote)
        if start is None:
            times = article.text.count(old.quote)
            where = "is no longer in the page" if times == 0 else f"occurs {times} times in it"
            followed.notes.append(
                f"claim {old.pk} of article {previous.pk} ({old.status}): its quote {where}, "
                f"so it stays with the previous version only: “{_shown(old.quote)}”"
            )
            continue
        new = at.get((start, old.quote))
        if new is None:
            if old.fingerprint in taken:
                followed.notes.append(
                    f"claim {old.pk} of article {previous.pk}: not carried, the new version "
                    f"has another claim with its key: “{_shown(old.quote)}”"
                )
                continue
            new = _carry(old, article, start)
            taken.add(new.fingerprint)
            followed.carried.append(new)
        followed.links.append(
            {
                "from_claim_id": new.pk,
                "to_claim_id": old.pk,
                "kind": LinkKind.COPIES,
                "origin": Origin.IMPORT,
                "note": _FOLLOWED_NOTE,
            }
        )
    for note in followed.notes:
        logger.info("new version %s of article %s: %s", article.pk, previous.pk, note)
    return followed


def _carry(old: Claim, article: Article, start: int) -> Claim:
    """A claim the importer did not propose itself (a curator entered it, say), at the one
    place of its quote in the new text: unreviewed, with the old claim's structure."""
    end = start + len(old.quote)
    prefix, suffix = quote_selectors(article.text, start, end)
    claim = Claim(
        article=article,
        fingerprint=old.fingerprint,
        quote=old.quote,
        quote_start=start,
        quote_end=end,
        quote_prefix=prefix,
        quote_suffix=suffix,
        anchor_text_sha256=article.text_sha256,
        statement=old.statement,
        subject_id=old.subject_id,
        predicate=old.predicate,
        object_actor_id=old.object_actor_id,
        object_country_id=old.object_country_id,
        object_value=old.object_value,
        event_id=old.event_id,
        claimant_id=old.claimant_id,
        claimant_text=old.claimant_text,
        reported_via=old.reported_via,
        date_start=old.date_start,
        date_end=old.date_end,
        date_precision=old.date_precision,
        date_text=old.date_text,
        language=old.language,
        confidence=old.confidence,
        extractor_version=old.extractor_version,
        origin=old.origin,
    )
    note_change(claim, reason=f"Carried from claim {old.pk} of the previous version of the page")
    claim.save()
    claim.countries.set(old.countries.all())
    claim.actors.set(old.actors.all())
    return claim


def _shown(quote: str) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= _QUOTE_SHOWN else quote[: _QUOTE_SHOWN - 1] + "…"
