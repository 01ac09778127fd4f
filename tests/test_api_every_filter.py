"""Every filter of every list under /api/v1/, on the curated seed set and a few added rows.

Each list has a table: filter -> a wrong value, a right value and a predicate over the model
instance saying whether a row should match. The predicates read attributes and relations in
Python and normalise names here, never through the filters' code, so a filter and its
predicate only agree when both are right. For each filter a lead (who reads everything) asks
the list, following its `next` links: the wrong value must be a 400 naming the parameter; the
right value must list exactly the rows its predicate holds for, a set neither empty nor the
whole table (so the filter discriminates). Filters that take names check that other
spellings list the same rows. Free-text filters have no invalid value: given twice they are
the 400 (facts.api.query.check_query: only choice filters may repeat).

Where Python cannot recompute a filter from the row alone, the expectation is still honest:
`q` looks a rare word up in the words of the fields facts.search indexes, `min_corroboration`
reads `corroborating_articles` as the unfiltered list reports it. A guard test fails when a
FilterSet gains a filter that has no case here.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Max
from django.test import TestCase
from rest_framework.test import APIClient

from facts import filtersets as fs
from facts.bootstrap import initial_data_load
from facts.choices import ReviewStatus
from facts.models import Actor, Article, Claim, Country, Event, EventParticipant, Place
from tests.base import (
    make_actor,
    make_article,
    make_claim,
    make_event,
    make_place,
    make_staff,
    reviewed,
)

API = "/api/v1"
VERIFIED = reviewed(status=ReviewStatus.VERIFIED)
UNDATED = {"date_start": None, "date_end": None, "date_precision": "", "date_text": ""}
BAMAKO_BOX = "-8.5,12,-7.5,13"  # west,south,east,north
TWICE = ("mali", "niger")  # a single-valued filter given twice
NOBODY = "nobody-at-all"
INDEXED = {
    Claim: ("statement", "quote", "claimant_text", "reported_via"),
    Event: ("title", "description", "location", "date_text"),
    Article: ("title", "subtitle", "author", "publisher", "text"),
}


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def key(name: str) -> str:
    """A name in any spelling: no accents, case, apostrophes or dots; other marks part words."""
    text = re.sub(r"['’‘ʼ`´.·]", "", fold(name))
    return " ".join(re.sub(r"[^\w&]+|_+", " ", text).split())


def on_day(day: date, prefix: str = "date") -> dict:
    return {f"{prefix}_start": day, f"{prefix}_end": day, f"{prefix}_precision": "day"}


# ----------------------------------------------------------------------------- predicates


def has(name: str, value) -> Callable:
    return lambda row: getattr(row, name) == value


def within(name: str, low=float("-inf"), high=float("inf")) -> Callable:
    """Rows whose `name` is set and between low and high, both included."""
    return lambda row: getattr(row, name) is not None and low <= getattr(row, name) <= high


def link(name: str, slug: str) -> Callable:
    """Rows whose foreign key `name` points at the row with this slug."""
    return lambda row: getattr(getattr(row, name), "slug", None) == slug


def says(word: str) -> Callable:
    """Rows with the word among the words of the fields facts.search indexes for them."""

    def match(row) -> bool:
        text = " ".join(getattr(row, name) for name in INDEXED[type(row)])
        return word in re.findall(r"\w+", fold(text))

    return match


def dated(after: date | None = None, before: date | None = None, prefix="date") -> Callable:
    """Dated rows whose range (`date_start`..`date_end`, or another prefix's) meets
    [after, before]."""

    def match(row) -> bool:
        start, end = getattr(row, f"{prefix}_start"), getattr(row, f"{prefix}_end")
        if start is None:
            return False
        return (not after or end >= after) and (not before or start <= before)

    return match


def boxed(row) -> bool:
    west, south, east, north = map(Decimal, BAMAKO_BOX.split(","))
    if row.latitude is None:
        return False
    return south <= row.latitude <= north and west <= row.longitude <= east


def named(place, value: str, kind: str = "") -> bool:
    """A place by slug, name or alias, in any spelling (and of `kind`, if given)."""
    if place is None or (kind and place.kind != kind):
        return False
    names = {key(name) for name in [place.name, *place.aliases]}
    return place.slug == value.lower() or key(value) in names


def placed(value: str, kind: str = "", levels=("place", "admin1", "admin2")) -> Callable:
    """Events whose place, or the region or district it lies in (those of `levels`), is
    named so."""

    def match(event) -> bool:
        place = event.place
        where = {"place": place, "admin1": place.admin1, "admin2": place.admin2} if place else {}
        return any(named(where.get(level), value, kind) for level in levels)

    return match


def slugs(rows) -> set[str]:
    return {row.slug for row in rows if row is not None}


def codes(countries) -> set[str]:
    return {country.alpha3 for country in countries if country is not None}


def claim_actors(claim) -> set[str]:
    return slugs([claim.subject, claim.object_actor, claim.claimant, *claim.actors.all()])


def actor_name_has(part: str) -> Callable:
    def match(actor) -> bool:
        names = [actor.name, *(alias.name for alias in actor.aliases.all())]
        return any(key(part) in key(name) for name in names)

    return match


# ----------------------------------------------------------------------------- tables

# Spellings of one name, each of which must list the same rows.
TILLABERI = ("Tillaberi", "Tillabéri", "TILLABERY")
MENAKA = ("Menaka", "Cercle de Ménaka", "ml-menaka-district")


# Each table: filter -> (a wrong value, a right value, the predicate a row must meet). A
# tuple of wrong values gives the parameter once per value; a tuple of right values are
# spellings that must each list the same rows.
Table = dict[str, tuple]


def updated_after(world) -> tuple:
    cutoff = world.cutoff
    return ("yesterday", cutoff.isoformat(), lambda row: row.updated_at > cutoff)


def claim_cases(w) -> Table:
    return {
        "q": (TWICE, "Bazoum", says("bazoum")),
        "status": ("maybe", "disputed", has("status", "disputed")),
        "country": (
            "Atlantis",
            ("ML", "MLI", "466", "Mali"),
            lambda c: "MLI" in codes([c.object_country, *c.countries.all()]),
        ),
        "actor": (
            NOBODY,
            ("rudy-atallah", "Rudy Atallah"),
            lambda c: "rudy-atallah" in claim_actors(c),
        ),
        "subject": (NOBODY, ("aes", "Confédération des États du Sahel"), link("subject", "aes")),
        "object": (NOBODY, ("aes", "AES Confederation"), link("object_actor", "aes")),
        "claimant": (NOBODY, ("john-brennan", "John W. Brennan"), link("claimant", "john-brennan")),
        "mentions": (NOBODY, ("russia", "RUSSIA"), lambda c: "russia" in slugs(c.actors.all())),
        "event": ("no-such-event", "2023-07-coup-in-niger", link("event", "2023-07-coup-in-niger")),
        "article": ("999999999", str(w.reuters.pk), has("article_id", w.reuters.pk)),
        "predicate": ("dances-with", "seized-power", has("predicate", "seized-power")),
        "date_after": ("2024-13-40", "2023-08-01", dated(after=date(2023, 8, 1))),
        "date_before": ("2024-02-30", "2021-12-31", dated(before=date(2021, 12, 31))),
        "year": ("abc", "2023", dated(date(2023, 1, 1), date(2023, 12, 31))),
        "date_precision": ("hour", "month", has("date_precision", "month")),
        "credibility": ("7", "1", has("credibility", 1)),
        "credibility_max": ("two", "2", within("credibility", high=2)),
        "reliability": ("Z", "D", lambda c: c.article.reliability == "D"),
        "language": ("xx", "fr", lambda c: c.language == "fr"),
        "min_corroboration": ("some", "1", lambda c: c.listed["corroborating_articles"] >= 1),
        "updated_after": updated_after(w),
    }


def event_cases(w) -> Table:
    return {
        "q": (TWICE, "Barkhane", says("barkhane")),
        "kind": ("volcano", "coup", has("kind", "coup")),
        "status": ("maybe", "disputed", has("status", "disputed")),
        "country": (
            "Atlantis",
            ("NE", "562", "Niger"),
            lambda e: "NER" in codes(e.countries.all()),
        ),
        "actor": (
            NOBODY,
            ("ibrahim-traore", "Ibrahim Traoré"),
            lambda e: "ibrahim-traore" in slugs(p.actor for p in e.participants.all()),
        ),
        "date_after": ("2024-13-40", "2023-08-01", dated(after=date(2023, 8, 1))),
        "date_before": ("2024-02-30", "2021-12-31", dated(before=date(2021, 12, 31))),
        "year": ("abc", "2022", dated(date(2022, 1, 1), date(2022, 12, 31))),
        "include_undated": ("maybe", "false", lambda e: e.date_start is not None),
        "fatalities_min": ("-1", "10", within("fatalities_best", low=10)),
        "fatalities_max": ("many", "10", within("fatalities_best", high=10)),
        "place": ("Atlantis", TILLABERI, placed("Tillaberi")),
        "admin1": (
            "Atlantis",
            ("ne-tillaberi-region", *TILLABERI),
            placed("Tillaberi", "admin1", ("place", "admin1")),
        ),
        "admin2": ("Atlantis", MENAKA, placed("Menaka", "admin2", ("place", "admin2"))),
        "bbox": ("1,2", BAMAKO_BOX, boxed),
        "location_precision": ("nearby", "exact", has("location_precision", "exact")),
        "date_precision": ("hour", "day", has("date_precision", "day")),
        "updated_after": updated_after(w),
    }


def place_cases(w) -> Table:
    def in_tillaberi(place) -> bool:
        return any(named(p, "Tillaberi", "admin1") for p in (place, place.admin1))

    return {
        "kind": ("volcano", "admin1", has("kind", "admin1")),
        "status": ("maybe", "unreviewed", has("status", "unreviewed")),
        "country": ("Atlantis", ("NE", "Niger", "562"), lambda p: p.country.alpha3 == "NER"),
        "name": (TWICE, TILLABERI, lambda p: named(p, "Tillaberi")),
        "admin1": ("Atlantis", ("ne-tillaberi-region", *TILLABERI), in_tillaberi),
        "bbox": ("1,2", BAMAKO_BOX, boxed),
        "has_point": ("yes", "false", lambda p: p.latitude is None),
        "updated_after": updated_after(w),
    }


def actor_cases(w) -> Table:
    return {
        "kind": ("volcano", "state", has("kind", "state")),
        "status": ("maybe", "unreviewed", has("status", "unreviewed")),
        "country": ("Atlantis", ("ML", "Mali", "MLI"), lambda a: "MLI" in codes([a.country])),
        "name": (TWICE, ("traore", "Traoré"), actor_name_has("traore")),
        "updated_after": updated_after(w),
    }


def article_cases(w) -> Table:
    day = date(2024, 1, 1)
    return {
        "q": (TWICE, "Atallah", says("atallah")),
        "publisher": (TWICE, ("reuters", "REUTERS"), lambda a: a.publisher.casefold() == "reuters"),
        "published_after": ("2024-13-40", str(day), dated(after=day, prefix="published")),
        "published_before": ("2024-02-30", str(day), dated(before=day, prefix="published")),
        "flag": ("ugly", "undated", lambda a: "undated" in {f.code for f in a.flags.all()}),
        "reliability": ("Z", "C", has("reliability", "C")),
        "language": ("english", "fr", has("language", "fr")),
        "updated_after": updated_after(w),
    }


def country_cases(w) -> Table:
    return {
        "region": (TWICE, ("sahel", "SAHEL"), lambda c: c.region.casefold() == "sahel"),
        "name": (TWICE, "guinea", lambda c: "guinea" in c.name.casefold()),
    }


@dataclass(frozen=True)
class Endpoint:
    path: str
    filterset: type
    cases: Callable
    related: tuple[str, ...]  # what the predicates read, fetched ahead
    key: str = "id"  # what the list shows a row by
    attribute: str = "pk"  # the same, on the model instance

    def rows(self):
        return self.filterset._meta.model.objects.prefetch_related(*self.related)


EVENT_RELATED = ("countries", "participants__actor", "place__admin1", "place__admin2")
CLAIM_RELATED = ("subject", "object_actor", "claimant", "object_country", "event", "article")
ENDPOINTS = {
    e.path: e
    for e in (
        Endpoint(
            "claims/", fs.ClaimFilterSet, claim_cases, (*CLAIM_RELATED, "countries", "actors")
        ),
        Endpoint("events/", fs.EventFilterSet, event_cases, EVENT_RELATED),
        Endpoint("places/", fs.PlaceFilterSet, place_cases, ("country", "admin1"), "slug", "slug"),
        Endpoint("actors/", fs.ActorFilterSet, actor_cases, ("country", "aliases")),
        Endpoint("articles/", fs.ArticleFilterSet, article_cases, ("flags",)),
        Endpoint("countries/", fs.CountryFilterSet, country_cases, (), "code", "alpha3"),
    )
}
# Multi-valued filters, with two values that each list some rows.
UNIONS = [
    ("claims/", "status", "verified", "disputed"),
    ("events/", "kind", "coup", "attack"),
    ("places/", "kind", "admin1", "admin2"),
    ("actors/", "kind", "state", "person"),
    ("articles/", "flag", "opinion", "untitled"),
]


def values(value: str | tuple) -> tuple:
    return (value,) if isinstance(value, str) else value


class TestEveryFilter(TestCase):
    @classmethod
    def setUpTestData(cls):
        initial_data_load()
        niger = Country.objects.get(alpha3="NER")
        at = Place.objects.in_bulk(
            ["ne-tillaberi", "ne-tillaberi-region", "ml-menaka-district"], field_name="slug"
        )
        # Unreviewed, as is its part in the raid: a lead filters on what readers are not shown.
        katiba = make_actor(slug="katiba-testfield", name="Katiba Testfield", country=niger)
        raid = make_event(
            **VERIFIED,
            **on_day(date(2024, 5, 10)),
            kind="attack",
            place=at["ne-tillaberi"],
            location_precision="near",
            latitude=Decimal("14.2"),
            longitude=Decimal("1.45"),
            fatalities_best=30,
        )
        raid.countries.add(niger)
        EventParticipant.objects.create(event=raid, actor=katiba, role="perpetrator")
        district = {"place": at["ml-menaka-district"], "location_precision": "admin2"}
        make_event(**UNDATED, **district, kind="attack", fatalities_best=4)
        region = {"place": at["ne-tillaberi-region"], "location_precision": "admin1"}
        make_event(
            **VERIFIED, **on_day(date(2025, 1, 15)), **region, kind="protest", fatalities_best=0
        )
        hamlet = make_place(slug="ne-new-hamlet", name="New Hamlet", country=niger)
        published = on_day(date(2024, 5, 11), "published")
        cls.reuters = make_article(**published, publisher="Reuters", reliability="A")
        le_monde = make_article(
            **on_day(date(2023, 3, 1), "published"),
            publisher="Le Monde",
            reliability="B",
            language="fr",
        )
        make_claim(le_monde, language="fr")
        claim = make_claim(cls.reuters, **VERIFIED, event=raid, subject=katiba, credibility=2)
        # Only these rows change after the cutoff, so `updated_after` splits every table.
        cls.cutoff = max(
            model.objects.aggregate(last=Max("updated_at"))["last"]
            for model in (Claim, Event, Place, Actor, Article)
        )
        for row in (claim, raid, hamlet, katiba, cls.reuters):
            type(row).objects.filter(pk=row.pk).update(updated_at=cls.cutoff + timedelta(seconds=1))
        cls.lead = make_staff("lead")

    def setUp(self):
        self.api = APIClient()
        self.api.force_authenticate(self.lead)

    def get(self, endpoint: Endpoint, params):
        return self.api.get(f"{API}/{endpoint.path}?{urlencode(params)}")

    def listed(self, endpoint: Endpoint, params=()) -> dict:
        """Every row the list shows for `params`, by key, page after page."""
        rows: dict = {}
        response = self.get(endpoint, [("page_size", "500"), *params])
        while True:
            assert response.status_code == 200, response.content
            body = response.json()
            rows.update((row[endpoint.key], row) for row in body["results"])
            if not body["next"]:
                return rows
            response = self.api.get(body["next"])

    def every_row(self, endpoint: Endpoint) -> dict:
        """The model's rows by key, each with the row the unfiltered list shows (`listed`)."""
        listed = self.listed(endpoint)
        rows = {getattr(row, endpoint.attribute): row for row in endpoint.rows()}
        assert set(listed) == set(rows)  # a lead is shown every row
        for name, row in rows.items():
            row.listed = listed[name]
        return rows

    def check_every_filter(self, path: str) -> None:
        endpoint = ENDPOINTS[path]
        rows = self.every_row(endpoint)
        for name, (wrong, right, match) in endpoint.cases(self).items():
            with self.subTest(path=path, filter=name):
                response = self.get(endpoint, [(name, value) for value in values(wrong)])
                assert response.status_code == 400, response.content
                assert name in response.json(), response.json()
                expected = {k for k, row in rows.items() if match(row)}
                assert expected and len(expected) < len(rows), len(expected)
                for value in values(right):
                    assert set(self.listed(endpoint, [(name, value)])) == expected, value

    def test_claims(self):
        self.check_every_filter("claims/")

    def test_events(self):
        self.check_every_filter("events/")

    def test_places(self):
        self.check_every_filter("places/")

    def test_actors(self):
        self.check_every_filter("actors/")

    def test_articles(self):
        self.check_every_filter("articles/")

    def test_countries(self):
        self.check_every_filter("countries/")

    def test_every_declared_filter_has_a_case(self):
        for path, endpoint in ENDPOINTS.items():
            with self.subTest(path=path):
                assert set(endpoint.filterset.base_filters) == set(endpoint.cases(self))

    def test_a_repeated_choice_lists_the_union(self):
        for path, name, one, other in UNIONS:
            endpoint = ENDPOINTS[path]
            with self.subTest(path=path, filter=name):
                first = set(self.listed(endpoint, [(name, one)]))
                second = set(self.listed(endpoint, [(name, other)]))
                both = set(self.listed(endpoint, [(name, one), (name, other)]))
                assert first and second and first != second
                assert both == first | second
