"""Strict and forgiving list filters, through the HTTP stack: a parameter no list reads, a
single value given twice, or a country or actor that names nothing is a 400 naming it;
countries and actors are found by any of their names; events by year, dates and deaths."""

from datetime import date
from urllib.parse import quote

from django.test import TestCase
from rest_framework.test import APIClient

from facts.choices import ReviewStatus
from facts.models import EventParticipant
from tests.base import (
    make_actor,
    make_alias,
    make_article,
    make_claim,
    make_country,
    make_event,
    make_place,
    make_staff,
    reviewed,
)

API = "/api/v1"
VERIFIED = reviewed(status=ReviewStatus.VERIFIED)

# Every list, export and feed under /api/v1/, with the query it needs to answer at all, a
# single-valued parameter it reads, and the accepted parameters its 400 must name.
ENDPOINTS = [
    ("claims/", "", "page_size", {"cursor", "ordering", "page_size", "q", "country", "actor"}),
    ("events/", "", "page_size", {"cursor", "ordering", "year", "fatalities_min"}),
    ("actors/", "", "page_size", {"cursor", "ordering", "name", "country"}),
    ("articles/", "", "page_size", {"cursor", "ordering", "q", "publisher"}),
    ("places/", "", "page_size", {"cursor", "ordering", "name", "country"}),
    ("countries/", "", "page", {"page", "page_size", "ordering", "region", "name"}),
    ("claims/export/csv/", "", "q", {"q", "country", "actor", "ordering"}),
    ("claims/export/jsonl/", "", "q", {"q", "country", "actor", "ordering"}),
    ("events/export/csv/", "", "year", {"q", "country", "actor", "year", "ordering"}),
    ("events/export/jsonl/", "", "year", {"q", "year", "include_undated"}),
    ("events/export/geojson/", "", "limit", {"limit", "year", "bbox", "ordering"}),
    (
        "changes/",
        "updated_after=2000-01-01T00:00:00Z&",
        "limit",
        {"updated_after", "after_type", "after_id", "limit"},
    ),
    ("tombstones/", "since=2000-01-01T00:00:00Z&", "limit", {"since", "after_type", "limit"}),
]
# A value each single-valued parameter above accepts.
VALUES = {"page_size": "5", "page": "1", "q": "mali", "year": "2023", "limit": "5"}
MULTIPLE = {
    "claims/": "status=verified&status=disputed",
    "events/": "kind=coup&kind=attack",
    "actors/": "kind=state&kind=armed-group",
    "articles/": "reliability=A&reliability=B",
    "places/": "kind=locality&kind=admin1",
    "claims/export/csv/": "predicate=leads&predicate=left",
    "events/export/geojson/": "status=verified&status=disputed",
}
COUNTRY_LISTS = ["claims/", "events/", "actors/", "places/"]


def ids(response) -> set:
    """The ids listed (slugs for places, which show none)."""
    assert response.status_code == 200, response.content
    return {row.get("id", row.get("slug")) for row in response.json()["results"]}


class StrictTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.mali = make_country(
            alpha2="QM", alpha3="QML", numeric="997", name="Malistan", aliases=["Malistani"]
        )
        cls.ivory = make_country(
            alpha2="QC", alpha3="QCI", numeric="998", name="Côte d'Ivoirie", aliases=[]
        )
        cls.wagner = make_actor(slug="wagner-group", name="Wagner Group", **VERIFIED)
        make_alias(cls.wagner, name="Africa Korps")
        cls.hidden = make_actor(slug="ghost-militia", name="Ghost Militia")  # unreviewed
        make_alias(cls.hidden, name="The Ghosts")
        article = make_article()
        cls.claim = make_claim(article, **VERIFIED, subject=cls.wagner, object_country=cls.mali)
        cls.other_claim = make_claim(article, **VERIFIED)
        cls.in_mali = make_event(**VERIFIED, fatalities_best=12)
        cls.in_mali.countries.add(cls.mali)
        EventParticipant.objects.create(
            event=cls.in_mali, actor=cls.wagner, role="perpetrator", status="verified"
        )
        cls.elsewhere = make_event(**VERIFIED)
        cls.place = make_place(country=cls.mali, **VERIFIED)
        cls.lead = make_staff("lead")

    def get(self, path: str, query: str = "", user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client.get(f"{API}/{path}" + (f"?{query}" if query else ""))


class TestUnknownParameters(StrictTestCase):
    def test_an_unknown_parameter_is_a_400_naming_it_and_the_accepted_ones(self):
        for path, needed, _, accepted in ENDPOINTS:
            for unknown in ("iso=466", "fatalities=10", "year_from=2024", "format=json"):
                with self.subTest(path=path, unknown=unknown):
                    response = self.get(path, needed + unknown)
                    assert response.status_code == 400, response.content
                    name = unknown.split("=")[0]
                    (message,) = response.json()[name]
                    assert f"Unknown parameter “{name}”" in message
                    listed = set(message.split("Accepted here: ")[1].rstrip(".").split(", "))
                    assert accepted <= listed, accepted - listed

    def test_fatalities_min_is_unknown_outside_events(self):
        assert self.get("claims/", "fatalities_min=10").status_code == 400
        assert self.get("events/", "fatalities_min=10").status_code == 200

    def test_accepted_parameters_are_accepted(self):
        for path, needed, scalar, _ in ENDPOINTS:
            with self.subTest(path=path):
                response = self.get(path, f"{needed}{scalar}={VALUES[scalar]}")
                assert response.status_code == 200, response.content

    def test_details_are_not_affected(self):
        response = self.get(f"claims/{self.claim.pk}/", "anything=1")
        assert response.status_code == 200


class TestRepeatedParameters(StrictTestCase):
    def test_a_single_valued_parameter_given_twice_is_a_400(self):
        for path, needed, scalar, _ in ENDPOINTS:
            with self.subTest(path=path):
                value = VALUES[scalar]
                response = self.get(path, f"{needed}{scalar}={value}&{scalar}={value}")
                assert response.status_code == 400, response.content
                assert response.json()[scalar] == [f"Give “{scalar}” once."]

    def test_a_filter_given_twice_is_a_400(self):
        response = self.get("claims/", "country=QM&country=QML")
        assert response.json() == {"country": ["Give “country” once."]}
        assert self.get("events/", "year=2023&year=2024").status_code == 400

    def test_multi_valued_filters_may_repeat(self):
        for path, query in MULTIPLE.items():
            with self.subTest(path=path):
                assert self.get(path, query).status_code == 200


class TestCountries(StrictTestCase):
    FORMS = ["QM", "qm", "QML", "qml", "997", "Malistan", "malistan", "MALISTAN", "Malistani"]

    def test_every_list_finds_a_country_by_each_form(self):
        expected = {
            "claims/": {self.claim.pk},
            "events/": {self.in_mali.pk},
            "places/": {self.place.slug},
        }
        for path, found in expected.items():
            for value in self.FORMS:
                with self.subTest(path=path, value=value):
                    assert ids(self.get(path, f"country={value}")) == found

    def test_accents_and_apostrophes_do_not_matter(self):
        event = make_event(**VERIFIED)
        event.countries.add(self.ivory)
        for value in ("Côte d'Ivoirie", "Cote d'Ivoirie", "cote divoirie", "COTE D’IVOIRIE"):
            with self.subTest(value=value):
                assert ids(self.get("events/", f"country={value}")) == {event.pk}

    def test_actors_by_country(self):
        actor = make_actor(country=self.mali, **VERIFIED)
        assert ids(self.get("actors/", "country=Malistan")) == {actor.pk}

    def test_a_value_naming_no_country_is_a_400(self):
        for path in [*COUNTRY_LISTS, "claims/export/csv/", "events/export/geojson/"]:
            for value in ("Atlantis", "XX", "XXX", "999", "100%s%(x)s"):
                with self.subTest(path=path, value=value):
                    response = self.get(path, f"country={quote(value)}")
                    assert response.status_code == 400, response.content
                    assert response.json() == {"country": [f"No country named “{value}”."]}


class TestActors(StrictTestCase):
    LISTS = {"claims/": "claim", "events/": "in_mali"}

    def test_an_actor_by_slug_name_or_alias_in_any_spelling(self):
        for path, attribute in self.LISTS.items():
            expected = {getattr(self, attribute).pk}
            for value in ("wagner-group", "Wagner Group", "wagner group", "AFRICA KORPS"):
                with self.subTest(path=path, value=value):
                    assert ids(self.get(path, f"actor={value}")) == expected

    def test_an_unknown_actor_is_a_400(self):
        for path in [*self.LISTS, "claims/export/jsonl/", "events/export/csv/"]:
            with self.subTest(path=path):
                response = self.get(path, "actor=Nobody At All")
                assert response.status_code == 400
                assert response.json() == {"actor": ["No actor named “Nobody At All”."]}
        response = self.get("events/", "actor=" + quote("50% of %(them)s"))
        assert response.json() == {"actor": ["No actor named “50% of %(them)s”."]}

    def test_an_actor_a_reader_is_not_shown_names_nothing_to_them(self):
        for value in ("ghost-militia", "Ghost Militia", "the ghosts"):
            with self.subTest(value=value):
                response = self.get("claims/", f"actor={value}")
                assert response.json() == {"actor": [f"No actor named “{value}”."]}
                assert self.get("claims/", f"actor={value}", user=self.lead).status_code == 200


class TestEventFilters(StrictTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.span = make_event(
            **VERIFIED, date_start=date(2021, 12, 20), date_end=date(2022, 1, 5), fatalities_best=3
        )
        cls.late = make_event(
            **VERIFIED, date_start=date(2024, 6, 1), date_end=date(2024, 6, 1), fatalities_best=40
        )
        cls.undated = make_event(
            **VERIFIED, date_start=None, date_end=None, date_precision="", date_text=""
        )

    def events(self, query: str = "") -> set[int]:
        return ids(self.get("events/", query))

    def test_year_matches_events_whose_dates_overlap_it(self):
        assert self.events("year=2022") == {self.span.pk}
        assert self.events("year=2021") == {self.span.pk}
        assert self.events("year=2023") == {self.in_mali.pk, self.elsewhere.pk}
        assert self.events("year=1999") == set()

    def test_date_range_overlaps(self):
        assert self.events("date_after=2022-01-05&date_before=2023-09-01") == {
            self.span.pk,
            self.in_mali.pk,
            self.elsewhere.pk,
        }
        assert self.events("date_after=2022-01-06&date_before=2023-08-31") == set()
        assert self.events("date_after=2024-01-01") == {self.late.pk}
        assert self.events("date_before=2021-12-31") == {self.span.pk}

    def test_undated_events_only_without_a_date_filter_unless_asked(self):
        assert self.undated.pk in self.events()
        assert self.undated.pk not in self.events("include_undated=false")
        assert self.undated.pk not in self.events("year=2024")
        assert self.events("year=2024&include_undated=true") == {self.late.pk, self.undated.pk}
        assert self.events("date_after=2024-01-01&include_undated=true") == {
            self.late.pk,
            self.undated.pk,
        }

    def test_fatalities_on_the_best_estimate(self):
        assert self.events("fatalities_min=10") == {self.in_mali.pk, self.late.pk}
        assert self.events("fatalities_max=10") == {self.span.pk}
        assert self.events("fatalities_min=4&fatalities_max=12") == {self.in_mali.pk}

    def test_bad_values_are_a_400(self):
        for query in (
            "year=0",
            "year=20240",
            "year=soon",
            "date_after=2024-13-01",
            "fatalities_min=-1",
            "fatalities_max=many",
            "include_undated=yes",
        ):
            with self.subTest(query=query):
                response = self.get("events/", query)
                assert response.status_code == 400, response.content
                assert query.split("=")[0] in response.json()

    def test_exports_take_the_same_filters(self):
        response = self.get("events/export/geojson/", "year=2024&fatalities_min=10")
        features = b"".join(response.streaming_content)
        assert features.count(b'"Feature"') == 1

    def walk(self, query: str) -> list[int]:
        """Every event id in list order, one a page, following the cursor's `next` links:
        an order the cursor cannot page through would repeat or skip a row here."""
        client, seen = APIClient(), []
        url = f"{API}/events/?page_size=1" + (f"&{query}" if query else "")
        while url:
            body = client.get(url).json()
            seen += [row["id"] for row in body["results"]]
            url = body["next"]
        return seen

    def test_the_default_order_is_chronological_with_undated_last(self):
        # in_mali and elsewhere share a date: the tie is broken by id.
        chronological = [self.span.pk, self.in_mali.pk, self.elsewhere.pk, self.late.pk]
        assert self.walk("") == [*chronological, self.undated.pk]
        assert [row["id"] for row in self.get("events/").json()["results"]] == self.walk("")
        assert self.walk("ordering=date") == self.walk("")
        assert self.walk("ordering=date_start") == self.walk("")

    def test_newest_first_keeps_undated_last(self):
        newest = [self.late.pk, self.elsewhere.pk, self.in_mali.pk, self.span.pk]
        assert self.walk("ordering=-date") == [*newest, self.undated.pk]
        assert self.walk("ordering=-date_start") == self.walk("ordering=-date")

    def test_the_cursor_pages_back_the_way_it_came(self):
        client = APIClient()
        first = client.get(f"{API}/events/?page_size=2").json()
        second = client.get(first["next"]).json()
        assert client.get(second["previous"]).json()["results"] == first["results"]

    def test_the_map_cut_short_keeps_the_latest(self):
        response = self.get("events/export/geojson/", "limit=1")
        body = b"".join(response.streaming_content)
        assert f'"id":{self.late.pk},'.encode() in body
        assert b'"truncated":true' in body


class TestPrecisionAndYearFilters(StrictTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        article = make_article()
        cls.day_claim = make_claim(
            article,
            **VERIFIED,
            date_start=date(2024, 3, 2),
            date_end=date(2024, 3, 2),
            date_precision="day",
        )
        cls.year_claim = make_claim(
            article,
            **VERIFIED,
            date_start=date(2023, 1, 1),
            date_end=date(2023, 12, 31),
            date_precision="year",
        )
        cls.day_event = make_event(
            **VERIFIED, date_start=date(2024, 3, 2), date_end=date(2024, 3, 2), date_precision="day"
        )

    def claims(self, query: str) -> set[int]:
        return ids(self.get("claims/", query))

    def test_claims_by_year_and_date_precision(self):
        assert self.claims("year=2024") == {self.day_claim.pk}
        assert self.claims("year=2023") == {self.year_claim.pk}
        assert self.claims("date_precision=day") == {self.day_claim.pk}
        both = self.claims("date_precision=day&date_precision=year")
        assert both == {self.day_claim.pk, self.year_claim.pk}
        assert self.claims("date_precision=year&year=2024") == set()

    def test_events_by_date_precision(self):
        assert ids(self.get("events/", "date_precision=day")) == {self.day_event.pk}
        months = ids(self.get("events/", "date_precision=month"))
        assert self.day_event.pk not in months and self.in_mali.pk in months

    def test_wrong_values_are_a_400_naming_the_parameter(self):
        for path, query in (
            ("claims/", "date_precision=hour"),
            ("claims/", "year=MMXXIV"),
            ("claims/", "year=0"),
            ("events/", "date_precision=week"),
        ):
            with self.subTest(path=path, query=query):
                response = self.get(path, query)
                assert response.status_code == 400, response.content
                assert query.split("=")[0] in response.json()


class TestEveryReferenceNamesSomething(StrictTestCase):
    """Each filter that names a record (an actor in any part, an event, an article, a place,
    a region, a district) is a 400 when it names none the reader is shown, and finds by
    any of the record's names when it does."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.event = make_event(**VERIFIED, slug="raid-on-testville")
        cls.hidden_event = make_event(slug="unreviewed-raid")
        cls.claim.event = cls.event
        cls.claim.claimant = cls.wagner
        cls.claim.save()
        cls.claim.actors.add(cls.wagner)

    def test_a_name_that_names_nothing_is_a_400(self):
        for path, name, value in (
            ("claims/", "subject", "nobody-at-all"),
            ("claims/", "object", "nobody-at-all"),
            ("claims/", "claimant", "nobody-at-all"),
            ("claims/", "mentions", "nobody-at-all"),
            ("claims/", "event", "no-such-event"),
            ("claims/", "event", "unreviewed-raid"),
            ("claims/", "article", "999999999"),
            ("events/", "place", "Atlantis"),
            ("events/", "admin1", "Atlantis"),
            ("events/", "admin2", "Atlantis"),
            ("places/", "admin1", "Atlantis"),
        ):
            with self.subTest(path=path, name=name, value=value):
                response = self.get(path, f"{name}={quote(value)}")
                assert response.status_code == 400, response.content
                assert value in response.json()[name][0]

    def test_the_right_name_finds_the_right_rows(self):
        for query in ("subject=wagner-group", "subject=Africa%20Korps", "subject=WAGNER%20GROUP"):
            with self.subTest(query=query):
                assert ids(self.get("claims/", query)) == {self.claim.pk}
        assert ids(self.get("claims/", "claimant=Wagner%20Group")) == {self.claim.pk}
        assert ids(self.get("claims/", "mentions=africa%20korps")) == {self.claim.pk}
        assert ids(self.get("claims/", "event=raid-on-testville")) == {self.claim.pk}
        article = self.claim.article_id
        assert ids(self.get("claims/", f"article={article}")) == {
            self.claim.pk,
            self.other_claim.pk,
        }

    def test_staff_name_what_readers_cannot(self):
        response = self.get("claims/", "event=unreviewed-raid", user=self.lead)
        assert response.status_code == 200 and response.json()["results"] == []
