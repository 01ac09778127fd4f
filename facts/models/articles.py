"""Articles: the sources every claim quotes, kept exactly as received and as cleaned."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from facts.choices import DatePrecision, Language, QualityFlag, Reliability
from facts.models.mixins import (
    KeepsSearchText,
    TimestampedModel,
    date_range_constraints,
    natural_key_uses,
)
from facts.models.visibility import ArticleQuerySet


class ArticleManager(models.Manager["Article"]):
    def get_by_natural_key(self, sha256: str) -> "Article":
        return self.get(sha256=sha256)


class Article(KeepsSearchText, TimestampedModel):
    """A news article, report or encyclopedia entry that claims are quoted from.

    `raw_text` is what came in; `text` is the cleaned body that every claim's offsets point
    into. `sha256` of the raw bytes identifies the article, so importing the same file twice
    finds it again. Articles are protected while claims point at them.
    """

    sha256 = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the raw bytes.")
    title = models.CharField(max_length=500)
    subtitle = models.TextField(blank=True)
    url = models.URLField(max_length=2000, blank=True)
    publisher = models.CharField(max_length=200, blank=True, db_index=True)
    author = models.CharField(max_length=200, blank=True)
    published_start = models.DateField(null=True, blank=True, db_index=True)
    published_end = models.DateField(null=True, blank=True)
    published_precision = models.CharField(max_length=16, choices=DatePrecision.choices, blank=True)
    published_text = models.CharField(
        max_length=200, blank=True, help_text="The publication date as written."
    )
    retrieved_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(
        max_length=8,
        choices=Language.choices,
        default=Language.EN,
        db_index=True,
        help_text="The language of the text (ISO 639-1), as detected on import.",
    )
    reading_time_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    raw_text = models.TextField()
    text = models.TextField(help_text="The cleaned article body that claim quotes point into.")
    text_sha256 = models.CharField(
        max_length=64, help_text="SHA-256 of `text`: quotes are anchored to this exact copy."
    )
    source_file = models.CharField(max_length=500, blank=True)
    reliability = models.CharField(
        max_length=1, choices=Reliability.choices, default=Reliability.F, db_index=True
    )
    reliability_reason = models.TextField(blank=True)
    copy_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        help_text="The article whose text this one reproduces (a wire copy or a light "
        "rewrite of the same story): the two are one witness, so neither corroborates the "
        "other.",
    )
    extractor_version = models.CharField(max_length=20, blank=True)
    # A web page: the bytes as fetched or saved, so a quote stays checkable after the page
    # changes or disappears; and what the page says of itself.
    snapshot = models.BinaryField(
        null=True, blank=True, editable=False, help_text="The page's bytes as received."
    )
    snapshot_type = models.CharField(
        max_length=100, blank=True, help_text="The snapshot's media type (text/html)."
    )
    site_name = models.CharField(max_length=200, blank=True)
    fetched_url = models.URLField(
        max_length=2000, blank=True, help_text="The address the page was fetched from."
    )
    previous_version = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_version",
        help_text="The earlier text of the same page, which this one replaces.",
    )
    superseded_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a later version of the page was imported (empty: the current one).",
    )
    search_text = models.TextField(
        blank=True, editable=False, help_text="Searchable words (facts.search); kept by save()."
    )

    objects = ArticleManager.from_queryset(ArticleQuerySet)()
    # The snapshot stays out of the history: it never changes once stored, and copying
    # a page's bytes into every history row would multiply them.
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        ordering = ["-published_start", "title"]
        constraints = [
            # One current article per address; earlier versions of the page keep theirs.
            models.UniqueConstraint(
                fields=["url"],
                condition=~Q(url="") & Q(superseded_at__isnull=True),
                name="facts_article_url_unique",
            ),
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="facts_article_sha256_format"
            ),
            models.CheckConstraint(
                condition=Q(text_sha256__regex=r"^[0-9a-f]{64}$"),
                name="facts_article_text_sha256_format",
            ),
            models.CheckConstraint(
                condition=Q(reliability__in=Reliability.values),
                name="facts_article_reliability_valid",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="facts_article_title_present"),
            *date_range_constraints("published"),
        ]

    def __str__(self) -> str:
        return self.title

    def natural_key(self) -> tuple[str]:
        return (self.sha256,)

    @property
    def flag_codes(self) -> list[str]:
        return sorted(flag.code for flag in self.flags.all())


class ArticleFlagManager(models.Manager["ArticleFlag"]):
    def get_by_natural_key(self, article_sha256: str, code: str) -> "ArticleFlag":
        return self.get(article__sha256=article_sha256, code=code)


class ArticleFlag(models.Model):
    """A quality problem found in an article, with what was found (e.g. the removed lines)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="flags")
    code = models.CharField(max_length=32, choices=QualityFlag.choices, db_index=True)
    detail = models.TextField(blank=True)

    objects = ArticleFlagManager()
    # Who added or removed a flag by hand (the importer's own flags are written in bulk).
    history = HistoricalRecords()

    class Meta:
        ordering = ["article", "code"]
        constraints = [
            models.UniqueConstraint(fields=["article", "code"], name="facts_articleflag_unique"),
            models.CheckConstraint(
                condition=Q(code__in=QualityFlag.values), name="facts_articleflag_code_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}: {self.code}"

    @natural_key_uses("facts.article")
    def natural_key(self) -> tuple[str, str]:
        return (*self.article.natural_key(), self.code)
