"""Proposals as model fields: what the importer sets on the rows it creates."""

import hashlib

from facts.choices import Origin
from facts.ingest import EXTRACTOR_VERSION
from facts.ingest.analysis import ArticleAnalysis
from facts.ingest.analysis.claims import ClaimProposal
from facts.models import (
    Article,
    Claim,
)
from facts.search import search_text_of

IMPORT_REASON = "Proposed by the importer"


def article_fields(analysis: ArticleAnalysis) -> dict:
    """The fields of an article the importer sets from its analysis."""
    meta = analysis.metadata
    published = meta.published
    # url and publisher are the curators' unless supplied with the file or the import.
    supplied = {name: value for name in ("url", "publisher") if (value := getattr(meta, name))}
    return {
        **supplied,
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
        "text_sha256": sha256_of(analysis.cleaned.text),
        "source_file": analysis.document.name[:500],
        "extractor_version": EXTRACTOR_VERSION,
        "language": analysis.language,
        **page_fields(analysis),
    }


def page_fields(analysis: ArticleAnalysis) -> dict:
    """A web page's snapshot and what it says of itself (nothing for a text file).

    `raw_text` stays the text the reader made of the page (title and body), not the page's
    markup: it is what the analysis reads, so the workspace can analyse an article again from
    it and find the same offsets; the markup is in the snapshot, byte for byte."""
    document = analysis.document
    if not document.snapshot_type:
        return {}
    return {
        "snapshot": document.raw_bytes,
        "snapshot_type": document.snapshot_type[:100],
        "site_name": document.metadata.get("site_name", "")[:200],
        "fetched_url": document.fetched_url[:2000],
    }


def claim_fields(proposal: ClaimProposal, language: str) -> dict:
    """The fields of a new claim that come from its proposal and its article's language (not
    the keys it links)."""
    date = proposal.date
    return {
        "fingerprint": proposal.fingerprint,
        "language": language,
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
    return article, [
        search_text_of(Claim(**claim_fields(p, analysis.language))) for p in analysis.claims
    ]


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def title_words(title: str) -> str:
    return " ".join(w for w in title.split() if w.lower() not in {"former"})
