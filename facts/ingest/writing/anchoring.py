"""Quotes are stored only where they are, and follow a re-extracted text only when sure."""

import logging

from facts.anchors import anchored_at, only_place_of, quote_selectors
from facts.ingest.analysis.claims import ClaimProposal
from facts.models import Article
from facts.services.history import note_change

logger = logging.getLogger(__name__)


class AnchorError(RuntimeError):
    """A quote does not match the article text at its offsets: nothing may be stored."""


def verify_anchor(text: str, proposal: ClaimProposal) -> None:
    """A claim is stored only if its quote is exactly where it says, in both selectors."""
    if not anchored_at(
        text,
        quote=proposal.quote,
        start=proposal.start,
        end=proposal.end,
        prefix=proposal.prefix,
        suffix=proposal.suffix,
    ):
        raise AnchorError(
            f"quote does not match the text at {proposal.start}–{proposal.end}: "
            f"{proposal.quote[:60]!r}"
        )


def reanchor_claims(article: Article) -> None:
    """After the cleaned text changed, move each quote to its one exact new place, if any."""
    for claim in article.claims.all():
        if article.text[claim.quote_start : claim.quote_end] == claim.quote:
            continue
        first = only_place_of(article.text, claim.quote)
        if first is None:
            logger.warning("claim %s lost its anchor in article %s", claim.pk, article.pk)
            continue
        claim.quote_start, claim.quote_end = first, first + len(claim.quote)
        claim.quote_prefix, claim.quote_suffix = quote_selectors(
            article.text, claim.quote_start, claim.quote_end
        )
        claim.anchor_text_sha256 = article.text_sha256
        note_change(claim, reason="Quote re-anchored after re-extraction")
        claim.save()
