"""Actors (people, states, forces, groups, organisations), their names and dated relations."""

from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from facts.choices import ActorKind, AliasKind, DatePrecision, Origin, RelationKind
from facts.models.countries import Country
from facts.models.mixins import MergeHistory, ReviewedModel, TimestampedModel
from facts.models.visibility import ActorQuerySet
from facts.names import normalize_name

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class ActorManager(models.Manager["Actor"]):
    def get_by_natural_key(self, slug: str) -> "Actor":
        return self.get(slug=slug)


class Actor(ReviewedModel, TimestampedModel):
    """Someone or something that acts in the record: a person, a state, an armed group …

    Names other than `name` live in `ActorAlias`, where each name points at one actor only.
    Offices and memberships that change over time are `ActorRelation`s, not fields here.
    """

    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    name_key = models.CharField(
        max_length=200, db_index=True, editable=False, default="", help_text="normalize_name(name)."
    )
    kind = models.CharField(max_length=32, choices=ActorKind.choices, db_index=True)
    title = models.CharField(
        max_length=120, blank=True, help_text="Rank or honorific, e.g. 'Lieutenant General'."
    )
    description = models.TextField(blank=True)
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="actors"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="The body this one belongs to (AFRICOM is part of the U.S. armed forces).",
    )
    wikidata_qid = models.CharField("Wikidata QID", max_length=20, blank=True)
    acled_name = models.CharField("ACLED actor name", max_length=200, blank=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.CURATOR)
    first_seen_in = models.ForeignKey(
        "facts.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="first_mentioned_actors",
        help_text="The article the importer first proposed this actor from.",
    )

    objects = ActorManager.from_queryset(ActorQuerySet)()
    history = HistoricalRecords(bases=[MergeHistory])

    class Meta:
        ordering = ["name"]
        permissions = [("merge_actor", "Can merge duplicate actors")]
        indexes = [
            models.Index(fields=["status", "kind"], name="facts_actor_status_kind"),
            models.Index(fields=["name", "id"], name="facts_actor_name"),  # default order
        ]
        constraints = [
            *ReviewedModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(slug__regex=SLUG_PATTERN), name="facts_actor_slug_format"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ActorKind.values), name="facts_actor_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="facts_actor_not_own_parent"),
            models.CheckConstraint(
                condition=Q(wikidata_qid="") | Q(wikidata_qid__regex=r"^Q[1-9][0-9]*$"),
                name="facts_actor_wikidata_qid_format",
            ),
            models.UniqueConstraint(
                fields=["wikidata_qid"],
                condition=~Q(wikidata_qid=""),
                name="facts_actor_wikidata_qid_unique",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="facts_actor_name_present"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.name_key = normalize_name(self.name)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class ActorAliasManager(models.Manager["ActorAlias"]):
    def get_by_natural_key(self, normalized: str) -> "ActorAlias":
        return self.get(normalized=normalized)


class ActorAlias(models.Model):
    """Another name of an actor. `normalized` is unique, so a name can only mean one actor."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)
    normalized = models.CharField(
        max_length=200, unique=True, help_text="facts.names.normalize_name(name)."
    )
    kind = models.CharField(max_length=16, choices=AliasKind.choices, default=AliasKind.NAME)
    language = models.CharField(max_length=8, blank=True)
    case_sensitive = models.BooleanField(
        default=False,
        help_text="Match only as written: for acronyms that are also words (US, AES, CAR).",
    )

    objects = ActorAliasManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["actor", "name"]
        verbose_name_plural = "actor aliases"
        constraints = [
            models.CheckConstraint(
                condition=~Q(normalized=""), name="facts_actoralias_normalized_present"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=AliasKind.values), name="facts_actoralias_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.normalized = normalize_name(self.name)
        super().save(*args, **kwargs)

    def natural_key(self) -> tuple[str]:
        return (self.normalized,)


class ActorRelationManager(models.Manager["ActorRelation"]):
    def get_by_natural_key(self, slug: str) -> "ActorRelation":
        return self.get(slug=slug)


class ActorRelation(TimestampedModel):
    """A dated relation: "Mali member of AES from 2023-09-16", "Mali left ECOWAS 2025-01-29".

    An open `end` means the relation still holds as far as we know. `title` carries the office
    as written ("Foreign Minister", "deputy commander").
    """

    slug = models.SlugField(max_length=200, unique=True)
    subject = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=16, choices=RelationKind.choices)
    object = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="inverse_relations")
    title = models.CharField(max_length=200, blank=True)
    start = models.DateField(null=True, blank=True)
    start_precision = models.CharField(max_length=16, choices=DatePrecision.choices, blank=True)
    end = models.DateField(null=True, blank=True)
    end_precision = models.CharField(max_length=16, choices=DatePrecision.choices, blank=True)
    note = models.TextField(blank=True, help_text="Source or context for the dates.")

    objects = ActorRelationManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["subject", "kind", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slug__regex=SLUG_PATTERN), name="facts_actorrelation_slug_format"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RelationKind.values), name="facts_actorrelation_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(subject=F("object")), name="facts_actorrelation_not_reflexive"
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="facts_actorrelation_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True, start_precision="")
                | Q(start__isnull=False, start_precision__in=DatePrecision.values),
                name="facts_actorrelation_start_precision",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True, end_precision="")
                | Q(end__isnull=False, end_precision__in=DatePrecision.values),
                name="facts_actorrelation_end_precision",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.subject} {self.get_kind_display().lower()} {self.object}"
        if self.start or self.end:
            label += f" ({self.start or '…'} – {self.end or 'present'})"
        return label

    def natural_key(self) -> tuple[str]:
        return (self.slug,)
