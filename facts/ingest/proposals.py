"""What the importer would propose for a passage a curator selects in a stored article:
the same analysis, run on the article as received, read back for the selected span."""

from dataclasses import dataclass, field
from datetime import date

from facts.anchors import statement_of
from facts.ingest.analysis.article import ArticleAnalysis
from facts.ingest.analysis.fatalities import find_fatalities
from facts.ingest.languages import analyze_in_language
from facts.ingest.reading import Document, ReadError
from facts.ingest.writing.state import load_context
from facts.models import Actor, Article, Claim, Country

# A claim quotes a passage, not a chapter: longer selections are refused with this limit.
MAX_SELECTION_CHARS = 2000


class SelectionError(ValueError):
    """The selection cannot be a quote of the article; the message says why."""


@dataclass
class SelectionProposal:
    quote: str
    quote_start: int
    quote_end: int
    statement: str
    predicate: str = ""
    subject: dict | None = None
    object_actor: dict | None = None
    object_country: dict | None = None
    object_value: str = ""
    countries: list[dict] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)
    date_start: date | None = None
    date_end: date | None = None
    date_precision: str = ""
    date_text: str = ""
    event: dict | None = None
    fatalities: dict | None = None
    existing_claim: int | None = None
    notes: list[str] = field(default_factory=list)


def checked_span(text: str, start: int, end: int, selected: str | None = None) -> tuple[int, int]:
    """The span without the blanks around it, refused when it is empty, out of the text,
    too long, or not the words the curator saw selected."""
    if not (0 <= start < end <= len(text)):
        raise SelectionError(
            f"The selection {start}–{end} is not inside the article text (0–{len(text)})."
        )
    if selected is not None and text[start:end].strip() != selected.strip():
        raise SelectionError(
            "The selected words are not the article's words at those offsets: reload the "
            "page (the text may have been re-extracted) and select again."
        )
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise SelectionError("Select some words of the article, not only blanks.")
    if end - start > MAX_SELECTION_CHARS:
        raise SelectionError(
            f"A quote is at most {MAX_SELECTION_CHARS} characters; this selection has "
            f"{end - start}. Select the sentence that bears the fact."
        )
    return start, end


def _analysis_of_article(article: Article) -> ArticleAnalysis | None:
    """The importer's analysis of the article as received, if it still cleans to the stored
    text (offsets agree); None when the extractor has changed since the import."""
    document = Document(
        name=article.source_file or f"article-{article.pk}",
        raw_bytes=article.raw_text.encode(),
        text=article.raw_text,
        sha256=article.sha256,
        format="text",
    )
    try:
        analysis = analyze_in_language(document, load_context())
    except ReadError:
        return None
    return analysis if analysis.cleaned.text == article.text else None


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    return start < other_end and other_start < end


def propose_for_selection(
    article: Article, start: int, end: int, selected: str | None = None
) -> SelectionProposal:
    """What the importer reads in `article.text[start:end]`: statement, structure, names,
    date, toll and the event the article's other claims on those words point at."""
    start, end = checked_span(article.text, start, end, selected)
    quote = article.text[start:end]
    proposal = SelectionProposal(
        quote=quote, quote_start=start, quote_end=end, statement=statement_of(quote)
    )
    proposal.existing_claim = (
        Claim.objects.filter(article=article, quote_start=start, quote_end=end)
        .values_list("pk", flat=True)
        .first()
    )
    analysis = _analysis_of_article(article)
    if analysis is None:
        proposal.notes.append(
            "The article no longer cleans to its stored text, so nothing was proposed: fill "
            "in the claim by hand."
        )
        return proposal
    targets: list[str] = [m.target for m in analysis.mentions if start <= m.start and m.end <= end]
    claims = [c for c in analysis.claims if _overlaps(start, end, c.start, c.end)]
    best = claims[0] if claims else None
    if best is not None:
        targets += best.countries + best.actors
        proposal.predicate = best.predicate
        proposal.object_value = best.object_value
        for name, target in (
            ("subject", best.subject),
            ("object_actor", best.object_actor),
            ("object_country", best.object_country),
        ):
            if target:
                setattr(proposal, name, target)
        if best.date is not None and best.date.resolved:
            proposal.date_start, proposal.date_end = best.date.start, best.date.end
            proposal.date_precision = best.date.precision
            proposal.date_text = best.date.text[:200]
        elif best.date_text:
            proposal.date_text = best.date_text[:200]
    _resolve_names(proposal, targets)
    toll = find_fatalities(quote)
    if toll is not None:
        proposal.fatalities = {"low": toll.low, "best": toll.best, "high": toll.high}
    proposal.event = _event_of_overlapping_claims(article, start, end)
    return proposal


def _resolve_names(proposal: SelectionProposal, targets: list[str]) -> None:
    """Turn the analysis's targets ("country:MLI", "actor:wagner-group") into records the
    database holds; names it only proposes (a new person) are left for the curator."""
    alpha3s = {t.split(":", 1)[1] for t in targets if t.startswith("country:")}
    slugs = {t.split(":", 1)[1] for t in targets if t.startswith("actor:")}
    for name in ("subject", "object_actor", "object_country"):
        value = getattr(proposal, name)
        if isinstance(value, str):
            (alpha3s if value.startswith("country:") else slugs).add(value.split(":", 1)[1])
    countries = {c.alpha3: c for c in Country.objects.filter(alpha3__in=alpha3s)}
    actors = {a.slug: a for a in Actor.objects.filter(slug__in=slugs)}

    def brief(target: str) -> dict | None:
        kind, key = target.split(":", 1)
        record = countries.get(key) if kind == "country" else actors.get(key)
        return {"id": record.pk, "name": record.name} if record is not None else None

    for name in ("subject", "object_actor", "object_country"):
        value = getattr(proposal, name)
        setattr(proposal, name, brief(value) if isinstance(value, str) else None)
    seen: set[str] = set()
    for target in targets:
        if target in seen or not target.startswith(("country:", "actor:")):
            continue
        seen.add(target)
        found = brief(target)
        if found is not None:
            (proposal.countries if target.startswith("country:") else proposal.actors).append(found)


def _event_of_overlapping_claims(article: Article, start: int, end: int) -> dict | None:
    claim = (
        Claim.objects.filter(
            article=article, quote_start__lt=end, quote_end__gt=start, event__isnull=False
        )
        .select_related("event")
        .order_by("quote_start")
        .first()
    )
    if claim is None or claim.event is None:
        return None
    return {"id": claim.event.pk, "title": claim.event.title}
