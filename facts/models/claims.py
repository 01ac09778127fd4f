"""Claims: single checkable statements, each anchored to the exact passage that supports it."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.db.models.lookups import Exact
from simple_history.models import HistoricalRecords

from facts.choices import Credibility, Language, LinkKind, Origin, Predicate
from facts.models.actors import Actor
from facts.models.articles import Article
from facts.models.countries import Country
from facts.models.events import Event
from facts.models.mixins import (
    DatedModel,
    KeepsSearchText,
    ReviewedModel,
    TimestampedModel,
    natural_key_uses,
)
from facts.models.visibility import ClaimQuerySet


class ClaimManager(models.Manager["Claim"]):
    def get_by_natural_key(self, article_sha256: str, fingerprint: str) -> "Claim":
        return self.get(article__sha256=article_sha256, fingerprint=fingerprint)


class Claim(KeepsSearchText, ReviewedModel, DatedModel, TimestampedModel):
    """One checkable statement from one article.

    The quote is anchored with both W3C Web Annotation selectors: a TextPositionSelector
    (`quote_start`, `quote_end` into `Article.text`) and a TextQuoteSelector (`quote`,
    `quote_prefix`, `quote_suffix`). `anchor_text_sha256` records which copy of the text the
    offsets belong to, so an anchor that no longer matches is detected, never re-attached by
    guess. Source-owned fields (quote, offsets, extractor output) are never edited by curators;
    curator-owned fields (statement, links, status, credibility) are never touched by the
    importer once a curator has been here.
    """

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="claims")
    fingerprint = models.CharField(
        max_length=64, help_text="Stable hash of the quote's position and wording in the article."
    )

    # Source-owned: where the statement is in the article.
    quote = models.TextField()
    quote_start = models.PositiveIntegerField()
    quote_end = models.PositiveIntegerField()
    quote_prefix = models.CharField(max_length=200, blank=True)
    quote_suffix = models.CharField(max_length=200, blank=True)
    anchor_text_sha256 = models.CharField(max_length=64)

    # Curator-owned: what the statement says, in structured form where it applies.
    statement = models.TextField()
    subject = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims_as_subject",
    )
    predicate = models.CharField(max_length=32, choices=Predicate.choices, blank=True)
    object_actor = models.ForeignKey(
        Actor, null=True, blank=True, on_delete=models.PROTECT, related_name="claims_as_object"
    )
    object_country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="claims_as_object"
    )
    object_value = models.CharField(
        max_length=300, blank=True, help_text="A literal object, e.g. '$500 million', '5,000'."
    )
    event = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    countries = models.ManyToManyField(Country, blank=True, related_name="mentioned_in_claims")
    actors = models.ManyToManyField(Actor, blank=True, related_name="mentioned_in_claims")
    claimant = models.ForeignKey(
        Actor,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims_as_claimant",
        help_text="Who the article says made the statement (UCDP source_original).",
    )
    claimant_text = models.CharField(
        max_length=300, blank=True, help_text="The attribution as written."
    )
    reported_via = models.CharField(
        max_length=300, blank=True, help_text="Sources the article cites, e.g. 'AFP; Malay Mail'."
    )
    credibility = models.PositiveSmallIntegerField(
        choices=Credibility.choices, null=True, blank=True
    )

    language = models.CharField(
        max_length=8,
        choices=Language.choices,
        default=Language.EN,
        db_index=True,
        help_text="The quote's language (ISO 639-1): its article's.",
    )

    # Extractor output.
    confidence = models.FloatField(null=True, blank=True)
    extractor_version = models.CharField(max_length=20, blank=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.IMPORT)

    search_text = models.TextField(
        blank=True, editable=False, help_text="Searchable words (facts.search); kept by save()."
    )
    related_claims: "models.ManyToManyField[Claim, ClaimLink]" = models.ManyToManyField(
        "self", through="ClaimLink", symmetrical=False, related_name="+", blank=True
    )

    objects = ClaimManager.from_queryset(ClaimQuerySet)()
    history = HistoricalRecords(m2m_fields=[countries, actors])

    class Meta:
        ordering = ["article", "quote_start"]
        indexes = [
            # The review queue (admin default order: most confident first, then id), whole or
            # by status: read from the index in order, never sorted.
            models.Index(fields=["status", "-confidence", "id"], name="facts_claim_status_queue"),
            models.Index(fields=["-confidence", "id"], name="facts_claim_queue_all"),
            models.Index(fields=["predicate"], name="facts_claim_predicate"),
            # The same sentence in other articles (copies of one wire story): by fingerprint,
            # with the article in the index so counting the articles that share sentences
            # reads the index alone, however many articles repeat a sentence.
            models.Index(fields=["fingerprint", "article"], name="facts_claim_fingerprint_art"),
            models.Index(fields=["date_start", "date_end"], name="facts_claim_dates"),
            # The first claim of each article on an event (the corroborations an import
            # links): read from the index, however many articles reported the event.
            models.Index(fields=["event", "article", "status"], name="facts_claim_event_article"),
            # "Has this actor a verified claim as claimant?" (what anonymous readers may see):
            # most claims have no claimant, so SQLite's statistics made the claimant index
            # look poor and it walked every verified claim per actor instead.
            models.Index(fields=["claimant", "status"], name="facts_claim_claimant_status"),
        ]
        constraints = [
            *ReviewedModel.Meta.constraints,
            *DatedModel.Meta.constraints,
            models.UniqueConstraint(
                fields=["article", "fingerprint"], name="facts_claim_fingerprint_unique"
            ),
            models.CheckConstraint(
                condition=Q(quote_end__gt=F("quote_start")), name="facts_claim_offsets_ordered"
            ),
            models.CheckConstraint(
                condition=Exact(Length("quote"), F("quote_end") - F("quote_start")),
                name="facts_claim_quote_length_matches_offsets",
            ),
            models.CheckConstraint(
                condition=Q(credibility__isnull=True) | Q(credibility__gte=1, credibility__lte=6),
                name="facts_claim_credibility_range",
            ),
            models.CheckConstraint(
                condition=Q(confidence__isnull=True) | Q(confidence__gte=0, confidence__lte=1),
                name="facts_claim_confidence_range",
            ),
            models.CheckConstraint(
                condition=Q(predicate="") | Q(predicate__in=Predicate.values),
                name="facts_claim_predicate_valid",
            ),
            models.CheckConstraint(
                condition=Q(fingerprint__regex=r"^[0-9a-f]{16,64}$"),
                name="facts_claim_fingerprint_format",
            ),
            models.CheckConstraint(
                condition=~Q(subject=F("object_actor")), name="facts_claim_subject_not_object"
            ),
            models.CheckConstraint(
                condition=~Q(statement=""), name="facts_claim_statement_present"
            ),
        ]

    def __str__(self) -> str:
        return self.statement if len(self.statement) <= 80 else self.statement[:79] + "…"

    @natural_key_uses("facts.article")
    def natural_key(self) -> tuple[str, str]:
        return (*self.article.natural_key(), self.fingerprint)


class ClaimLinkManager(models.Manager["ClaimLink"]):
    def get_by_natural_key(
        self,
        from_sha256: str,
        from_fingerprint: str,
        to_sha256: str,
        to_fingerprint: str,
        kind: str,
    ) -> "ClaimLink":
        return self.get(
            from_claim__article__sha256=from_sha256,
            from_claim__fingerprint=from_fingerprint,
            to_claim__article__sha256=to_sha256,
            to_claim__fingerprint=to_fingerprint,
            kind=kind,
        )


class ClaimLink(TimestampedModel):
    """Two claims that say the same thing (corroborate) or disagree (contradict)."""

    from_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_out")
    to_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=16, choices=LinkKind.choices)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="claim_links",
    )
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.IMPORT)

    objects = ClaimLinkManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_claim", "kind", "to_claim"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_claim", "to_claim", "kind"], name="facts_claimlink_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_claim=F("to_claim")), name="facts_claimlink_not_reflexive"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=LinkKind.values), name="facts_claimlink_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_claim_id} {self.kind} {self.to_claim_id}"

    @natural_key_uses("facts.claim")
    def natural_key(self) -> tuple[str, ...]:
        return (*self.from_claim.natural_key(), *self.to_claim.natural_key(), self.kind)
