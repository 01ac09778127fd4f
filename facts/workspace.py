"""What the review workspace shows: an article's or an event's claims as cards, with their
names, date, links read from either end, and the toll each account gives.

Every list is fetched in a fixed number of queries, whatever the number of claims."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet

from facts.choices import LinkKind
from facts.ingest.analysis.fatalities import Fatalities, find_fatalities
from facts.models import Article, Claim, ClaimLink, Event, EventFigureSource, EventParticipant
from facts.models.evidence import with_evidence

# How a link reads from each of its ends.
LINK_READINGS = {
    (LinkKind.CORROBORATES, "out"): "corroborates",
    (LinkKind.CORROBORATES, "in"): "corroborated by",
    (LinkKind.CONTRADICTS, "out"): "contradicts",
    (LinkKind.CONTRADICTS, "in"): "contradicted by",
    (LinkKind.COPIES, "out"): "copy of",
    (LinkKind.COPIES, "in"): "copied by",
}


@dataclass
class LinkView:
    reading: str
    kind: str
    other: Claim
    made_by: str
    origin: str
    note: str


@dataclass
class ClaimCard:
    claim: Claim
    links: list[LinkView] = field(default_factory=list)
    toll: Fatalities | None = None
    perpetrators: list[str] = field(default_factory=list)

    @property
    def contradicted(self) -> bool:
        return any(link.kind == LinkKind.CONTRADICTS for link in self.links)


def link_views(claim: Claim) -> list[LinkView]:
    """A claim's links out and in, each read from this claim's side, with who made it."""
    views = []
    for direction, links, other_end in (
        ("out", claim.links_out.all(), "to_claim"),
        ("in", claim.links_in.all(), "from_claim"),
    ):
        for link in links:
            views.append(
                LinkView(
                    reading=LINK_READINGS[(LinkKind(link.kind), direction)],
                    kind=link.kind,
                    other=getattr(link, other_end),
                    made_by=link.created_by.get_username() if link.created_by else "importer",
                    origin=link.origin,
                    note=link.note,
                )
            )
    return views


def cards_queryset(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Claims with everything a card shows, prefetched."""
    return (
        with_evidence(claims)
        .select_related(
            "article",
            "subject",
            "object_actor",
            "object_country",
            "event",
            "claimant",
            "reviewed_by",
        )
        .prefetch_related(
            "countries",
            "actors",
            Prefetch(
                "links_out",
                queryset=ClaimLink.objects.select_related("to_claim__article", "created_by"),
            ),
            Prefetch(
                "links_in",
                queryset=ClaimLink.objects.select_related("from_claim__article", "created_by"),
            ),
        )
    )


@dataclass
class ArticleWorkspace:
    article: Article
    cards: list[ClaimCard]

    @property
    def unreviewed(self) -> int:
        return sum(card.claim.status == "unreviewed" for card in self.cards)


def article_workspace(article: Article) -> ArticleWorkspace:
    """The article's claims in text order."""
    claims = cards_queryset(Claim.objects.filter(article=article)).order_by(
        "quote_start", "quote_end", "pk"
    )
    return ArticleWorkspace(
        article=article, cards=[ClaimCard(claim=c, links=link_views(c)) for c in claims]
    )


@dataclass
class FigureRow:
    """One account of the event: what one claim says of its toll, date and perpetrators."""

    card: ClaimCard
    sources: set[str]  # the event's figures ("low", "best", "high") that rest on this claim


@dataclass
class EventWorkspace:
    event: Event
    supporting: list[ClaimCard]
    contradicting: list[ClaimCard]
    figures: list[FigureRow]


def event_workspace(event: Event) -> EventWorkspace:
    """Every claim that reports the event, and every claim linked to one of them as
    contradicting it, side by side; and the accounts' figures in a table."""
    supporting = [
        ClaimCard(claim=c, links=link_views(c))
        for c in cards_queryset(Claim.objects.filter(event=event)).order_by(
            "article__published_start", "article_id", "quote_start", "pk"
        )
    ]
    own = {card.claim.pk for card in supporting}
    against_ids = {
        link.other.pk
        for card in supporting
        for link in card.links
        if link.kind == LinkKind.CONTRADICTS and link.other.pk not in own
    }
    contradicting = [
        ClaimCard(claim=c, links=link_views(c))
        for c in cards_queryset(Claim.objects.filter(pk__in=against_ids)).order_by("pk")
    ]
    perpetrators: dict[int | None, list[str]] = {}
    for part in EventParticipant.objects.filter(event=event, role="perpetrator").select_related(
        "actor"
    ):
        perpetrators.setdefault(part.article_id, []).append(part.actor.name)
    sources: dict[int, set[str]] = {}
    for claim_id, figure in EventFigureSource.objects.filter(event=event).values_list(
        "claim_id", "figure"
    ):
        sources.setdefault(claim_id, set()).add(figure)
    rows = []
    for card in supporting:
        card.toll = find_fatalities(card.claim.quote)
        card.perpetrators = perpetrators.get(card.claim.article_id, [])
        rows.append(FigureRow(card=card, sources=sources.get(card.claim.pk, set())))
    return EventWorkspace(
        event=event, supporting=supporting, contradicting=contradicting, figures=rows
    )


# The index's "next to review" lists read this many claims from the head of the queue, so
# the page costs the same at a thousand claims or a million.
QUEUE_SAMPLE = 2000


@dataclass
class QueueEntry:
    pk: int
    title: str
    waiting: int


def _most_frequent(ids: list[int], limit: int) -> list[tuple[int, int]]:
    counts: dict[int, int] = {}
    for pk in ids:
        counts[pk] = counts.get(pk, 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def articles_to_review(limit: int = 6) -> list[QueueEntry]:
    """The articles most of the next unreviewed claims come from: each one's workspace
    reviews them in text order."""
    head = Claim.objects.filter(status="unreviewed").order_by("-confidence", "pk")
    top = _most_frequent(list(head.values_list("article_id", flat=True)[:QUEUE_SAMPLE]), limit)
    titles = dict(Article.objects.filter(pk__in=[pk for pk, _ in top]).values_list("pk", "title"))
    return [QueueEntry(pk, titles.get(pk, ""), n) for pk, n in top]


def events_to_weigh(limit: int = 6) -> list[QueueEntry]:
    """Unreviewed events with the most accounts: the ones whose sources most need weighing
    side by side before the event is verified."""
    head = Claim.objects.filter(event__status="unreviewed").order_by("-confidence", "pk")
    top = _most_frequent(list(head.values_list("event_id", flat=True)[:QUEUE_SAMPLE]), limit)
    titles = dict(Event.objects.filter(pk__in=[pk for pk, _ in top]).values_list("pk", "title"))
    return [QueueEntry(pk, titles.get(pk, ""), n) for pk, n in top]
