"""Events: things that happened, with their dates, places and participants."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from facts.choices import (
    ACLED_GEO_PRECISION,
    UCDP_WHERE_PREC,
    EventKind,
    FatalityFigure,
    LocationPrecision,
    Origin,
    ParticipantRole,
    PlaceKind,
    ReviewStatus,
)
from facts.models.actors import SLUG_PATTERN, Actor
from facts.models.countries import Country
from facts.models.mixins import (
    DatedModel,
    KeepsSearchText,
    MergeHistory,
    ReviewedModel,
    TimestampedModel,
    natural_key_uses,
)
from facts.models.places import Place
from facts.models.visibility import EventParticipantQuerySet, EventQuerySet

FIRST_DAY, LAST_DAY = date(1, 1, 1), date(9999, 12, 31)


class EventManager(models.Manager["Event"]):
    def get_by_natural_key(self, slug: str) -> "Event":
        return self.get(slug=slug)


class Event(KeepsSearchText, ReviewedModel, DatedModel, TimestampedModel):
    """Something that happened: a coup, an attack, a meeting, a delivery of equipment …

    Several sentences and articles may describe one event; their claims point at it. Kinds map
    to ACLED and PLOVER categories (facts.choices.EVENT_KIND_TAXONOMY). Fatalities follow UCDP:
    low, best and high estimates, each optional.
    """

    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=EventKind.choices)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    countries = models.ManyToManyField(Country, blank=True, related_name="events")
    place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text="Where it happened: the most precise place the reports name.",
    )
    location_precision = models.CharField(
        max_length=16,
        choices=LocationPrecision.choices,
        blank=True,
        help_text="How exactly the reports' words place it (ACLED geo_precision, UCDP where_prec).",
    )
    location = models.CharField(
        max_length=200, blank=True, help_text="The place as the report writes it ('near Djibo')."
    )
    # The place's point, kept on the event so that a map's bounding box is one indexed range
    # scan; a curator may pin an event more exactly than its place.
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    fatalities_low = models.PositiveIntegerField(null=True, blank=True)
    fatalities_best = models.PositiveIntegerField(null=True, blank=True)
    fatalities_high = models.PositiveIntegerField(null=True, blank=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.CURATOR)
    search_text = models.TextField(
        blank=True, editable=False, help_text="Searchable words (facts.search); kept by save()."
    )
    # Sort keys computed by the database, so that a list in date order, undated events last
    # either way, pages on one indexed column (a cursor cannot page on NULLS LAST).
    chronology = models.GeneratedField(
        expression=Coalesce(F("date_start"), Value(LAST_DAY)),
        output_field=models.DateField(),
        db_persist=True,
        help_text="date_start, or the last representable day when undated: sorts oldest first.",
    )
    chronology_desc = models.GeneratedField(
        expression=Coalesce(F("date_start"), Value(FIRST_DAY)),
        output_field=models.DateField(),
        db_persist=True,
        help_text="date_start, or the first representable day when undated: sorts newest first.",
    )

    objects = EventManager.from_queryset(EventQuerySet)()
    history = HistoricalRecords(
        m2m_fields=[countries],
        excluded_fields=["chronology", "chronology_desc"],
        bases=[MergeHistory],
    )

    class Meta:
        ordering = ["-date_start", "title"]
        permissions = [("merge_event", "Can merge duplicate events")]
        indexes = [
            models.Index(fields=["kind", "date_start"], name="facts_event_kind_date"),
            models.Index(fields=["status", "date_start"], name="facts_event_status_date"),
            # Status too: a reader's map asks for verified events in a box, and the index
            # then answers the box and the status without reading the table.
            models.Index(fields=["latitude", "longitude", "status"], name="facts_event_point"),
            models.Index(fields=["chronology", "id"], name="facts_event_chronology"),
            models.Index(fields=["chronology_desc", "id"], name="facts_event_chronology_desc"),
            # Events of a kind in date order, within dates ("attacks in 2018"): the page is read
            # from this index alone, dates and status included, rather than by walking every
            # event in date order (97 ms at 200,000 events on PostgreSQL; now under 1 ms).
            models.Index(
                fields=["kind", "chronology", "id", "date_start", "date_end", "status"],
                name="facts_event_kind_chronology",
            ),
        ]
        constraints = [
            *ReviewedModel.Meta.constraints,
            *DatedModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(slug__regex=SLUG_PATTERN), name="facts_event_slug_format"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=EventKind.values), name="facts_event_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(title=""), name="facts_event_title_present"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="facts_event_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="facts_event_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="facts_event_coordinates_paired",
            ),
            models.CheckConstraint(
                condition=Q(location_precision="")
                | Q(location_precision__in=LocationPrecision.values),
                name="facts_event_location_precision_valid",
            ),
            models.CheckConstraint(
                condition=Q(fatalities_low__isnull=True)
                | Q(fatalities_best__isnull=True)
                | Q(fatalities_low__lte=F("fatalities_best")),
                name="facts_event_fatalities_low_le_best",
            ),
            models.CheckConstraint(
                condition=Q(fatalities_best__isnull=True)
                | Q(fatalities_high__isnull=True)
                | Q(fatalities_best__lte=F("fatalities_high")),
                name="facts_event_fatalities_best_le_high",
            ),
            models.CheckConstraint(
                condition=Q(fatalities_low__isnull=True)
                | Q(fatalities_high__isnull=True)
                | Q(fatalities_low__lte=F("fatalities_high")),
                name="facts_event_fatalities_low_le_high",
            ),
        ]

    def __str__(self) -> str:
        when = self.date_text or (self.date_start.isoformat() if self.date_start else "undated")
        return f"{self.title} ({when})"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    # Where, as ACLED and UCDP users read it (docs/places.md).
    @property
    def admin1(self) -> Place | None:
        place = self.place
        if place is None:
            return None
        return place if place.kind == PlaceKind.ADMIN1 else place.admin1

    @property
    def admin2(self) -> Place | None:
        place = self.place
        if place is None or place.kind == PlaceKind.ADMIN1:
            return None
        return place if place.kind == PlaceKind.ADMIN2 else place.admin2

    @property
    def geo_precision(self) -> int | None:
        return ACLED_GEO_PRECISION.get(self.location_precision)

    @property
    def where_prec(self) -> int | None:
        return UCDP_WHERE_PREC.get(self.location_precision)


class EventParticipantManager(models.Manager["EventParticipant"]):
    def get_by_natural_key(self, event_slug: str, actor_slug: str, role: str):
        return self.get(event__slug=event_slug, actor__slug=actor_slug, role=role)


class EventParticipant(models.Model):
    """An actor's part in an event (ACLED actor1/actor2, with the role made explicit)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="participants")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=16, choices=ParticipantRole.choices)
    note = models.CharField(max_length=300, blank=True)
    # Which article's words gave this part: a reader checks it there, and an article is
    # answerable for the parts it gave, not for those other reports gave the same event.
    article = models.ForeignKey(
        "facts.Article",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_participants",
        help_text="The article the importer read this part in; empty when a curator gave it.",
    )
    # A part the importer proposes is not public until a curator confirms it, even on a
    # verified event: verifying the event confirms the parts it has at that moment.
    status = models.CharField(
        max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.UNREVIEWED
    )

    objects = EventParticipantManager.from_queryset(EventParticipantQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "role", "actor"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "actor", "role"], name="facts_eventparticipant_unique"
            ),
            models.CheckConstraint(
                condition=Q(role__in=ParticipantRole.values),
                name="facts_eventparticipant_role_valid",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values),
                name="facts_eventparticipant_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display().lower()}) in {self.event.title}"

    def save(self, *args, **kwargs) -> None:
        # A part a curator adds (the admin, a script: no article, which the importer always
        # names) is the curator's own word, so it is verified as it is given. The importer
        # writes its rows without save(), unreviewed; fixtures load theirs as written.
        if (
            self._state.adding
            and self.article_id is None
            and self.status == ReviewStatus.UNREVIEWED
        ):
            self.status = ReviewStatus.VERIFIED
        super().save(*args, **kwargs)

    @natural_key_uses("facts.event", "facts.actor")
    def natural_key(self) -> tuple[str, str, str]:
        return (self.event.slug, self.actor.slug, self.role)


class EventFigureSource(models.Model):
    """Which claims a curator read an event's low, best or high toll from: competing
    accounts are weighed side by side and each figure keeps the sources behind it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="figure_sources")
    figure = models.CharField(max_length=8, choices=FatalityFigure.choices)
    claim = models.ForeignKey("facts.Claim", on_delete=models.CASCADE, related_name="figure_uses")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["event", "figure", "claim"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "figure", "claim"], name="facts_eventfiguresource_unique"
            ),
            models.CheckConstraint(
                condition=Q(figure__in=FatalityFigure.values),
                name="facts_eventfiguresource_figure_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_figure_display()} toll of {self.event_id} from claim {self.claim_id}"
