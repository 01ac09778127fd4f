"""Places: the gazetteer of countries, regions, districts, localities and sites events are
placed at."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from facts.choices import Origin, PlaceKind
from facts.models.actors import SLUG_PATTERN
from facts.models.countries import Country
from facts.models.mixins import ReviewedModel, TimestampedModel
from facts.models.visibility import PlaceQuerySet
from facts.names import joined_keys, normalize_name


class PlaceManager(models.Manager["Place"]):
    def get_by_natural_key(self, slug: str) -> "Place":
        return self.get(slug=slug)


class Place(ReviewedModel, TimestampedModel):
    """A named place with its administrative parents and, where known, its coordinates.

    Reference places come from GeoNames (admin units and populated places) and a hand-checked
    list of conflict sites; the importer proposes places it does not know with no
    coordinates, for a curator to locate. A region's point is its seat's (ACLED's practice of
    using the regional capital), so a region drawn on a map is a point, not an outline.
    """

    slug = models.SlugField(max_length=200, unique=True)
    name = models.CharField(max_length=200)
    name_key = models.CharField(
        max_length=200, db_index=True, editable=False, default="", help_text="normalize_name(name)."
    )
    search_keys = models.TextField(
        editable=False,
        default="",
        help_text="joined_keys of the name and aliases: a lookup by any spelling.",
    )
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other spellings: French, English, with or without accents.",
    )
    kind = models.CharField(max_length=16, choices=PlaceKind.choices, db_index=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="places")
    admin1 = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": PlaceKind.ADMIN1},
        help_text="The region the place lies in.",
    )
    admin2 = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": PlaceKind.ADMIN2},
        help_text="The district (cercle, province, department) the place lies in.",
    )
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    coordinates_source = models.CharField(
        max_length=300,
        blank=True,
        help_text="Where the coordinates come from (GeoNames, a page's address, a curator).",
    )
    geonames_id = models.PositiveIntegerField("GeoNames id", null=True, blank=True, unique=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    origin = models.CharField(max_length=16, choices=Origin.choices, default=Origin.CURATOR)

    objects = PlaceManager.from_queryset(PlaceQuerySet)()
    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "name"]
        constraints = [
            *ReviewedModel.Meta.constraints,
            models.CheckConstraint(
                condition=Q(slug__regex=SLUG_PATTERN), name="facts_place_slug_format"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=PlaceKind.values), name="facts_place_kind_valid"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="facts_place_name_present"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="facts_place_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="facts_place_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="facts_place_coordinates_paired",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display().split(' (')[0].lower()})"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)

    def save(self, *args, **kwargs) -> None:
        self.name_key = normalize_name(self.name)
        self.search_keys = joined_keys([self.name, *(self.aliases or [])])
        super().save(*args, **kwargs)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None
