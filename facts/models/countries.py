"""Countries: ISO 3166-1 reference data plus the names news prose uses for them."""

from django.db import models
from django.db.models import Q


class CountryManager(models.Manager["Country"]):
    def get_by_natural_key(self, alpha3: str) -> "Country":
        return self.get(alpha3=alpha3)


class Country(models.Model):
    """An ISO 3166-1 country, with the demonyms, capital and aliases the gazetteer matches.

    The capital stands for the government in news prose ("Bamako", "Washington"), so the
    importer reads it as the country. Demonyms are kept exact: "Nigerien" is Niger,
    "Nigerian" is Nigeria.
    """

    alpha2 = models.CharField("ISO alpha-2", max_length=2, unique=True)
    alpha3 = models.CharField("ISO alpha-3", max_length=3, unique=True)
    numeric = models.CharField("ISO numeric", max_length=3, unique=True)
    name = models.CharField(max_length=100)
    official_name = models.CharField(max_length=200, blank=True)
    capital = models.CharField(max_length=100, blank=True)
    demonyms = models.JSONField(default=list, blank=True)
    aliases = models.JSONField(default=list, blank=True)
    region = models.CharField(
        max_length=40, blank=True, help_text="Grouping used for filtering, e.g. 'Sahel'."
    )

    objects = CountryManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(
                condition=Q(alpha2__regex=r"^[A-Z]{2}$"), name="facts_country_alpha2_format"
            ),
            models.CheckConstraint(
                condition=Q(alpha3__regex=r"^[A-Z]{3}$"), name="facts_country_alpha3_format"
            ),
            models.CheckConstraint(
                condition=Q(numeric__regex=r"^[0-9]{3}$"), name="facts_country_numeric_format"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.alpha3,)

    @property
    def all_names(self) -> list[str]:
        """Every name that denotes the country itself (not its people or its capital)."""
        names = [self.name, *self.aliases]
        if self.official_name:
            names.append(self.official_name)
        return names
