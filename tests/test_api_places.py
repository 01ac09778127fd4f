"""Where events happened, through the API: an event's place, admin units and precision
codes; filters by place, region, district, bounding box and precision; the CSV and GeoJSON
exports; the gazetteer endpoint; and an event's point following its place."""

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import jsonschema
from django.db import connection
from django.test.utils import CaptureQueriesContext

from facts.choices import ReviewStatus
from facts.geo import BBOX_PATTERN
from facts.models import Country, Event, Place
from facts.services import place_moved
from tests.base import make_claim, make_event, reviewed
from tests.test_api import API, APITestCase

GEOJSON_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "geojson" / "FeatureCollection.json").read_text()
)
VERIFIED = ReviewStatus.VERIFIED


def slugs(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {event["slug"] for event in response.json()["results"]}


class PlacedEvents(APITestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.niger = Country.objects.get(alpha3="NER")
        cls.tillaberi = Place.objects.get(slug="ne-tillaberi-region")
        cls.ayorou = Place.objects.filter(kind="locality", name="Téra", country=cls.niger).get()
        cls.near_ayorou = make_event(
            slug="ambush-near-ayorou",
            title="Ambush near Ayorou",
            place=cls.ayorou,
            location_precision="near",
            location="near Ayorou",
            latitude=cls.ayorou.latitude,
            longitude=cls.ayorou.longitude,
            fatalities_best=7,
            date_start=date(2024, 3, 2),
            date_end=date(2024, 3, 2),
            date_precision="day",
            **reviewed(status=VERIFIED),
        )
        cls.in_region = make_event(
            slug="raids-in-tillaberi-region",
            title="Raids in the Tillabéri region",
            place=cls.tillaberi,
            location_precision="admin1",
            latitude=cls.tillaberi.latitude,
            longitude=cls.tillaberi.longitude,
            **reviewed(status=VERIFIED),
        )
        cls.unplaced = make_event(slug="unplaced-statement", **reviewed(status=VERIFIED))
        cls.hidden = make_event(  # unreviewed: readers without a role never see it
            slug="unreviewed-clash", latitude=Decimal("14.2"), longitude=Decimal("1.4")
        )


class TestEventPlaces(PlacedEvents):
    def test_an_event_shows_its_place_admin_units_and_both_precision_codes(self):
        data = self.client_for(None).get(f"{API}/events/{self.near_ayorou.pk}/").json()
        assert data["place"]["slug"] == self.ayorou.slug and data["place"]["kind"] == "locality"
        assert data["place"]["url"].endswith(f"/api/v1/places/{self.ayorou.slug}/")
        assert data["admin1"]["slug"] == "ne-tillaberi-region"
        assert data["admin2"]["slug"] == self.ayorou.admin2.slug
        assert (data["location_precision"], data["geo_precision"], data["where_prec"]) == (
            "near",
            2,
            2,
        )
        assert data["latitude"] == f"{self.ayorou.latitude:.5f}"
        region = self.client_for(None).get(f"{API}/events/{self.in_region.pk}/").json()
        assert region["admin1"]["slug"] == "ne-tillaberi-region" and region["admin2"] is None
        assert (region["geo_precision"], region["where_prec"]) == (3, 4)
        bare = self.client_for(None).get(f"{API}/events/{self.unplaced.pk}/").json()
        assert bare["place"] is bare["admin1"] is bare["geo_precision"] is None

    def test_filters_by_place_region_district_in_any_spelling(self):
        client = self.client_for(None)
        both = {"ambush-near-ayorou", "raids-in-tillaberi-region"}
        for spelling in ("Tillabéri", "tillaberi", "TILLABERI", "ne-tillaberi-region"):
            assert slugs(client.get(f"{API}/events/", {"admin1": spelling})) == both, spelling
            assert both <= slugs(client.get(f"{API}/events/", {"place": spelling})), spelling
        district = self.ayorou.admin2
        assert slugs(client.get(f"{API}/events/", {"admin2": district.name})) == {
            "ambush-near-ayorou"
        }
        assert slugs(client.get(f"{API}/events/", {"place": "Tera"})) == {"ambush-near-ayorou"}
        assert slugs(client.get(f"{API}/events/", {"admin1": "Mopti"})) == set()
        nowhere = client.get(f"{API}/events/", {"place": "Nowhere-at-all"})
        assert nowhere.status_code == 400
        assert nowhere.json() == {"place": ["No place named “Nowhere-at-all”."]}

    def test_filters_by_precision(self):
        client = self.client_for(None)
        found = slugs(
            client.get(f"{API}/events/?location_precision=near&location_precision=admin1")
        )
        assert {"ambush-near-ayorou", "raids-in-tillaberi-region"} <= found
        assert "ambush-near-ayorou" not in slugs(
            client.get(f"{API}/events/", {"location_precision": "exact"})
        )
        bad = client.get(f"{API}/events/", {"location_precision": "street"})
        assert bad.status_code == 400 and "location_precision" in bad.json()

    def test_bounding_box_includes_edges_and_excludes_outside(self):
        client = self.client_for("viewer")
        lat, lon = self.ayorou.latitude, self.ayorou.longitude
        around = f"{lon - 1},{lat - 1},{lon + 1},{lat + 1}"
        found = slugs(client.get(f"{API}/events/", {"bbox": around}))
        assert "ambush-near-ayorou" in found and "unplaced-statement" not in found
        edge = f"{lon},{lat},{lon + 1},{lat + 1}"  # the point on the south-west corner
        assert "ambush-near-ayorou" in slugs(client.get(f"{API}/events/", {"bbox": edge}))
        away = f"{lon + 5},{lat},{lon + 6},{lat + 1}"
        assert "ambush-near-ayorou" not in slugs(client.get(f"{API}/events/", {"bbox": away}))
        # West of east across 180°: a box from Fiji to Samoa must not hold the Sahel.
        assert slugs(client.get(f"{API}/events/", {"bbox": "170,-20,-170,-10"})) == set()
        wrapped = f"{lon - Decimal('0.5')},{lat - 1},-179,{lat + 1}"  # wraps eastwards past 180°
        assert "ambush-near-ayorou" in slugs(client.get(f"{API}/events/", {"bbox": wrapped}))

    def test_a_bad_bounding_box_is_a_400_that_says_why(self):
        client = self.client_for(None)
        cases = {
            "1,2,3": "four numbers",
            "a,2,3,4": "west is not a number",
            "1,2,3,95": "north must be a latitude",
            "-181,2,3,4": "west must be a longitude",
            "nan,1,2,3": "west is not a number",
            "1,2,inf,4": "east is not a number",
            "1e1,2,3,4": "west is not a number",
            "1,2,3,4,5": "four numbers",
            "": "Give a value",
            "1" * 5000 + ",2,3,4": "west is not a number",
        }
        for value, words in cases.items():
            response = client.get(f"{API}/events/", {"bbox": value})
            assert response.status_code == 400, value
            assert words in " ".join(response.json()["bbox"]), (value, response.json())
            if value:
                assert not re.fullmatch(BBOX_PATTERN, value), value  # the schema refuses it too
        for value in ("-5.5,10,4.5,20", " 180 , -90 , -180.0 , 90 ", "0,0.000001,0,0.000001"):
            assert re.fullmatch(BBOX_PATTERN, value), value
            assert client.get(f"{API}/events/", {"bbox": value}).status_code == 200, value
        # South of north, like a date range that ends before it starts, holds nothing.
        assert slugs(client.get(f"{API}/events/", {"bbox": "-12,20,16,4"})) == set()

    def test_csv_export_carries_the_place_columns(self):
        response = self.client_for(None).get(f"{API}/events/export/csv/", {"admin1": "Tillabéri"})
        rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
        header = set(rows[0])
        assert {"place.name", "place.slug", "admin1.name", "admin2.name"} <= header
        assert {"latitude", "longitude", "location_precision", "geo_precision"} <= header
        assert {"where_prec", "fatalities_best"} <= header
        ambush = next(row for row in rows if row["slug"] == "ambush-near-ayorou")
        assert (ambush["place.name"], ambush["admin1.name"]) == ("Téra", self.tillaberi.name)
        assert ambush["admin2.name"] == self.ayorou.admin2.name
        assert (ambush["location_precision"], ambush["geo_precision"], ambush["where_prec"]) == (
            "near",
            "2",
            "2",
        )
        assert Decimal(ambush["latitude"]) == self.ayorou.latitude


class TestGeoJSON(PlacedEvents):
    def geojson(self, role=None, **params):
        response = self.client_for(role).get(f"{API}/events/export/geojson/", params)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/geo+json")
        return json.loads(b"".join(response.streaming_content))

    def test_export_is_a_valid_feature_collection_of_what_the_reader_may_see(self):
        collection = self.geojson()
        jsonschema.validate(collection, GEOJSON_SCHEMA)
        features = {f["properties"]["slug"]: f for f in collection["features"]}
        assert "unreviewed-clash" not in features and "unplaced-statement" in features
        ambush = features["ambush-near-ayorou"]
        lon, lat = ambush["geometry"]["coordinates"]  # RFC 7946: longitude first
        assert (Decimal(str(lat)), Decimal(str(lon))) == (
            self.ayorou.latitude,
            self.ayorou.longitude,
        )
        properties = ambush["properties"]
        assert properties["place"] == "Téra" and properties["admin1"] == self.tillaberi.name
        assert (properties["geo_precision"], properties["where_prec"]) == (2, 2)
        assert properties["fatalities_best"] == 7 and properties["date_start"] == "2024-03-02"
        assert properties["claims_url"].endswith("/api/v1/claims/?event=ambush-near-ayorou")
        assert features["unplaced-statement"]["geometry"] is None
        assert "unreviewed-clash" in {
            f["properties"]["slug"] for f in self.geojson("viewer")["features"]
        }

    def test_filters_apply_and_an_empty_result_is_still_valid(self):
        collection = self.geojson(bbox="170,-20,-170,-10")
        jsonschema.validate(collection, GEOJSON_SCHEMA)
        assert collection["features"] == []
        coups = self.geojson(kind="coup", date_after="2023-01-01")
        assert {f["properties"]["kind"] for f in coups["features"]} == {"coup"}
        assert all(f["properties"]["date_end"] >= "2023-01-01" for f in coups["features"])
        bad = self.client_for(None).get(f"{API}/events/export/geojson/", {"bbox": "x"})
        assert bad.status_code == 400 and "bbox" in bad.json()

    def test_a_limit_keeps_the_newest_and_says_the_rest_was_cut(self):
        everything = self.geojson()
        assert everything["truncated"] is False
        newest = self.geojson(limit="2")
        jsonschema.validate(newest, GEOJSON_SCHEMA)
        assert newest["truncated"] is True
        assert [f["id"] for f in newest["features"]] == [
            f["id"] for f in everything["features"][:2]
        ]
        whole = self.geojson(limit=str(len(everything["features"])))
        assert whole["truncated"] is False and len(whole["features"]) == len(everything["features"])
        for bad in ("0", "-1", "x", "²", "50001", "9" * 40, ""):
            response = self.client_for(None).get(f"{API}/events/export/geojson/", {"limit": bad})
            assert response.status_code == 400 and "limit" in response.json(), bad

    def test_the_maps_data_costs_the_same_queries_for_ten_or_forty_events(self):
        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                self.geojson()
            return len(captured.captured_queries)

        before = queries()
        for number in range(40):
            event = make_event(
                slug=f"extra-{number}",
                place=self.ayorou,
                location_precision="exact",
                latitude=self.ayorou.latitude,
                longitude=self.ayorou.longitude,
                **reviewed(status=VERIFIED),
            )
            event.countries.add(self.niger)
            make_claim(event=event, **reviewed(status=VERIFIED))
        assert queries() == before
        assert before <= 6  # the events (with place and units joined), their countries, auth


class TestPlacesEndpoint(PlacedEvents):
    def test_gazetteer_by_name_kind_and_country(self):
        client = self.client_for(None)
        data = client.get(f"{API}/places/", {"name": "Tillaberi", "kind": "admin1"}).json()
        assert [p["slug"] for p in data["results"]] == ["ne-tillaberi-region"]
        place = client.get(f"{API}/places/{self.ayorou.slug}/").json()
        assert place["admin1"]["slug"] == "ne-tillaberi-region"
        assert place["country"]["code"] == "NER" and place["latitude"] is not None
        located = client.get(f"{API}/places/", {"has_point": "false", "kind": "site"})
        assert located.status_code == 200
        assert all(p["latitude"] is None for p in located.json()["results"])
        for odd in ("null", "1", "yes", ""):
            assert client.get(f"{API}/places/", {"has_point": odd}).status_code == 400, odd
        in_region = client.get(f"{API}/places/", {"admin1": "Tillabéri", "kind": "locality"})
        assert self.ayorou.slug in {p["slug"] for p in in_region.json()["results"]}

    def test_places_are_read_only_for_every_role(self):
        for role in (None, "viewer", "curator", "lead"):
            client = self.client_for(role)
            url = f"{API}/places/{self.ayorou.slug}/"
            assert client.patch(url, {"name": "X"}, format="json").status_code in (401, 403, 405)
            assert client.delete(url).status_code in (401, 403, 405)
            assert client.post(f"{API}/places/", {"name": "X"}).status_code in (401, 403, 405)

    def test_a_proposed_place_is_shown_to_readers_only_once_verified(self):
        proposed = Place.objects.create(
            slug="ne-kourakou", name="Kourakou", kind="locality", country=self.niger
        )
        client = self.client_for(None)
        assert client.get(f"{API}/places/ne-kourakou/").status_code == 404
        assert self.client_for("viewer").get(f"{API}/places/ne-kourakou/").status_code == 200
        # A verified event placed there does not publish it: the curator verified the event,
        # not where the importer put it.
        make_event(place=proposed, location_precision="exact", **reviewed(status=VERIFIED))
        assert client.get(f"{API}/places/ne-kourakou/").status_code == 404
        Place.objects.filter(pk=proposed.pk).update(**reviewed(status=VERIFIED))
        assert client.get(f"{API}/places/ne-kourakou/").status_code == 200


class TestPointFollowsPlace(PlacedEvents):
    def patch(self, event, **changes):
        client = self.client_for("curator")
        url = f"{API}/events/{event.pk}/"
        response = client.patch(
            url,
            {**changes, "reason": "located"},
            format="json",
            HTTP_IF_MATCH=self.etag(client, url),
        )
        assert response.status_code == 200, response.content
        return response.json()

    def test_a_new_place_brings_its_point_unless_the_curator_gives_one(self):
        niamey = Place.objects.get(slug="ne-niamey")
        data = self.patch(self.unplaced, place="ne-niamey", location_precision="exact")
        assert (data["latitude"], data["longitude"]) == (
            f"{niamey.latitude:.5f}",
            f"{niamey.longitude:.5f}",
        )
        assert data["admin1"]["slug"] == niamey.admin1.slug
        data = self.patch(self.near_ayorou, place="ne-niamey", latitude="13.60000", longitude="2.1")
        assert (data["latitude"], data["longitude"]) == ("13.60000", "2.10000")
        data = self.patch(self.near_ayorou, place=self.ayorou.slug)  # pinned: the pin stays
        assert (data["latitude"], data["longitude"]) == ("13.60000", "2.10000")

    def test_an_unknown_or_rejected_place_is_refused(self):
        client = self.client_for("curator")
        url = f"{API}/events/{self.unplaced.pk}/"
        etag = self.etag(client, url)
        for slug in ("no-such-place",):
            response = client.patch(
                url, {"place": slug, "reason": "x"}, format="json", HTTP_IF_MATCH=etag
            )
            assert response.status_code == 400 and "place" in response.json()
        Place.objects.filter(pk=self.ayorou.pk).update(status=ReviewStatus.REJECTED)
        response = client.patch(
            url, {"place": self.ayorou.slug, "reason": "x"}, format="json", HTTP_IF_MATCH=etag
        )
        assert response.status_code == 400 and "place" in response.json()

    def test_half_a_point_or_a_point_off_the_globe_is_refused(self):
        client = self.client_for("curator")
        url = f"{API}/events/{self.unplaced.pk}/"
        for changes in ({"latitude": "14.1"}, {"latitude": "95", "longitude": "1"}):
            response = client.patch(
                url,
                {**changes, "reason": "x"},
                format="json",
                HTTP_IF_MATCH=self.etag(client, url),
            )
            assert response.status_code == 400, (changes, response.content)
        self.unplaced.refresh_from_db()
        assert self.unplaced.latitude is None and self.unplaced.version == 1

    def test_moving_a_place_moves_the_events_that_followed_it_with_history(self):
        pinned = make_event(
            slug="pinned", place=self.ayorou, latitude=Decimal("14.9"), longitude=Decimal("0.5")
        )
        previous = (self.ayorou.latitude, self.ayorou.longitude)
        self.ayorou.latitude, self.ayorou.longitude = Decimal("14.01000"), Decimal("0.76000")
        self.ayorou.save()
        moved = place_moved(
            place=self.ayorou, previous_point=previous, user=self.users["curator"], reason="GPS"
        )
        assert moved == 1
        self.near_ayorou.refresh_from_db()
        pinned.refresh_from_db()
        assert (self.near_ayorou.latitude, self.near_ayorou.longitude) == (
            Decimal("14.01000"),
            Decimal("0.76000"),
        )
        assert (pinned.latitude, pinned.longitude) == (Decimal("14.90000"), Decimal("0.50000"))
        assert self.near_ayorou.version == 2
        latest = self.near_ayorou.history.first()
        assert latest.history_change_reason == "The point of Téra moved: GPS"
        assert latest.history_user == self.users["curator"]
        assert Event.objects.filter(latitude=previous[0], longitude=previous[1]).count() == 0
