"""Facet counts on the claims and events lists: right counts for the filtered rows, only
what the reader may see, a bounded number of queries, and a 400 for a facet that is not."""

from datetime import date

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from facts.api import facets
from facts.choices import ReviewStatus
from tests.base import make_article, make_claim, make_country, make_event, make_staff, reviewed

API = "/api/v1"
VERIFIED = reviewed(status=ReviewStatus.VERIFIED)


def counts(body: dict, name: str) -> dict:
    return {row["value"]: row["count"] for row in body["facets"]["fields"][name]}


class FacetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.mali = make_country(alpha3="QMA")
        cls.niger = make_country(alpha3="QNE")
        cls.events = []
        for kind, year, countries in (
            ("coup", 2021, [cls.mali]),
            ("coup", 2023, [cls.niger]),
            ("attack", 2023, [cls.mali, cls.niger]),
            ("attack", None, [cls.mali]),
        ):
            start = date(year, 5, 1) if year else None
            event = make_event(
                **VERIFIED,
                kind=kind,
                date_start=start,
                date_end=start,
                date_precision="day" if year else "",
                date_text="",
            )
            event.countries.set(countries)
            cls.events.append(event)
        cls.unreviewed = make_event(kind="coup")  # readers do not see it, nor count it
        cls.unreviewed.countries.set([cls.mali])
        article = make_article()
        make_claim(article, **VERIFIED, predicate="seized-power")
        make_claim(article, **VERIFIED, predicate="seized-power")
        make_claim(article, status=ReviewStatus.UNREVIEWED, predicate="seized-power")
        cls.viewer = make_staff("viewer")

    def get(self, path: str, user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client.get(f"{API}/{path}")

    def test_event_counts_by_kind_country_and_year(self):
        response = self.get("events/?facets=kind,country&facets=year&page_size=1")
        assert response.status_code == 200, response.content
        body = response.json()
        assert len(body["results"]) == 1  # the page is a page; the counts are of all matches
        assert counts(body, "kind") == {"coup": 2, "attack": 2}
        assert counts(body, "country") == {"QMA": 3, "QNE": 2}
        assert counts(body, "year") == {"2021": 1, "2023": 2, None: 1}
        assert body["facets"]["partial"] is False
        assert [row["value"] for row in body["facets"]["fields"]["kind"]] == ["attack", "coup"]

    def test_counts_follow_the_filters(self):
        body = self.get("events/?facets=kind&country=QNE").json()
        assert counts(body, "kind") == {"coup": 1, "attack": 1}

    def test_readers_count_only_what_they_see(self):
        assert counts(self.get("events/?facets=status").json(), "status") == {"verified": 4}
        staff = counts(self.get("events/?facets=status", self.viewer).json(), "status")
        assert staff == {"verified": 4, "unreviewed": 1}
        claims = self.get("claims/?facets=predicate").json()
        assert counts(claims, "predicate") == {"seized-power": 2}

    def test_no_facets_unless_asked(self):
        assert "facets" not in self.get("events/").json()

    def test_an_unknown_facet_is_a_400_naming_the_choices(self):
        for query in ("facets=colour", "facets=kind,colour", "facets="):
            with self.subTest(query=query):
                response = self.get(f"events/?{query}")
                assert response.status_code == 400
                assert "Facets here: country, kind" in response.json()["facets"][0]
        assert self.get("actors/?facets=kind").status_code == 400  # not offered there

    def test_the_cost_is_one_query_per_facet_and_bounded(self):
        def queries(query: str) -> int:
            with CaptureQueriesContext(connection) as captured:
                assert self.get(f"events/?{query}").status_code == 200
            return len(captured)

        queries("")  # builds the page's stored documents (facts.api.documents)
        plain = queries("")
        assert queries("facets=kind") == plain + 2  # the facet, and "were there more?"
        assert queries("facets=kind,country,year") == plain + 4

    def test_past_the_scan_limit_the_counts_are_partial(self):
        original = facets.FACET_SCAN
        facets.FACET_SCAN = 3
        try:
            body = self.get("events/?facets=kind").json()
        finally:
            facets.FACET_SCAN = original
        assert body["facets"]["partial"] is True
        assert sum(counts(body, "kind").values()) == 3
