"""The publication gate, through the real HTTP stack: a reader without a role sees an event
only once the event itself is verified, and of a verified event only its verified
participants and a verified place. A verified claim does not publish the unreviewed event it
points at (the claim is public, its link is not). Every resource, export, feed and filter of
the API, and the map page, is asked for the three hidden things; a viewer sees all three."""

import csv
import io
import json
import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from facts.api import serializers as s
from facts.choices import ReviewStatus
from facts.models import Claim, Event, EventParticipant
from facts.models.evidence import with_evidence
from facts.services import object_review
from tests.base import (
    make_actor,
    make_article,
    make_claim,
    make_country,
    make_event,
    make_place,
    make_staff,
    reviewed,
)
from tests.test_api import API

VERIFIED = ReviewStatus.VERIFIED
# What must never reach a reader without a role, by the words it would show in any body.
UNREVIEWED_EVENT = "unreviewed-raid"
PROPOSED_ACTOR = "wrong-perpetrator"
PROPOSED_PLACE = "proposed-hamlet"
SECRETS = (UNREVIEWED_EVENT, "Unreviewed raid", PROPOSED_ACTOR, PROPOSED_PLACE, "Proposedhamlet")


def _body(response) -> str:
    assert response.status_code == 200, (response.status_code, response.content[:300])
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


class GateTestCase(TestCase):
    """An unreviewed event with a verified claim; a verified event whose importer-proposed
    perpetrator and place are unreviewed (beside a verified participant); and a verified
    event at a verified place in the same verified region."""

    @classmethod
    def setUpTestData(cls):
        cls.viewer = make_staff("viewer")
        cls.curator = make_staff("curator")
        country = make_country(name="Gateland")
        article = make_article()
        cls.region = make_place(
            slug="gate-region", name="Gateregion", kind="admin1", country=country,
            latitude="14.00000", longitude="1.00000", **reviewed(status=VERIFIED),
        )  # fmt: skip
        cls.town = make_place(
            slug="gate-town", name="Gatetown", country=country, admin1=cls.region,
            latitude="14.10000", longitude="1.10000", **reviewed(status=VERIFIED),
        )  # fmt: skip
        cls.proposed_place = make_place(
            slug=PROPOSED_PLACE, name="Proposedhamlet", country=country, admin1=cls.region
        )
        cls.perpetrator = make_actor(slug=PROPOSED_ACTOR, name="Wrong Perpetrator")
        cls.target = make_actor(slug="known-target", name="Known Target")
        cls.target.status = VERIFIED
        cls.target.status_reason = "Reference"
        cls.target.reviewed_at = timezone.now()
        cls.target.save()

        cls.unreviewed = make_event(
            slug=UNREVIEWED_EVENT, title="Unreviewed raid", place=cls.town,
            latitude="14.10000", longitude="1.10000", location_precision="exact",
        )  # fmt: skip
        cls.unreviewed.countries.add(country)
        cls.claim = make_claim(article, event=cls.unreviewed, **reviewed(status=VERIFIED))

        cls.attack = make_event(
            slug="verified-attack", title="Verified attack", place=cls.proposed_place,
            latitude="14.20000", longitude="1.20000", location="a village",
            location_precision="exact", fatalities_low=5, fatalities_best=7, fatalities_high=9,
            **reviewed(status=VERIFIED),
        )  # fmt: skip
        cls.attack.countries.add(country)
        EventParticipant.objects.create(
            event=cls.attack, actor=cls.perpetrator, role="perpetrator", article=article
        )  # as the importer proposes it: unreviewed
        EventParticipant.objects.create(
            event=cls.attack, actor=cls.target, role="target", article=article, status=VERIFIED
        )
        cls.attack_claim = make_claim(article, event=cls.attack, **reviewed(status=VERIFIED))

        cls.placed = make_event(
            slug="verified-placed", title="Verified placed", place=cls.town,
            latitude="14.10000", longitude="1.10000", location_precision="exact",
            **reviewed(status=VERIFIED),
        )  # fmt: skip
        cls.placed.countries.add(country)

    def anonymous(self) -> APIClient:
        return APIClient()

    def as_viewer(self) -> APIClient:
        client = APIClient()
        client.force_login(self.viewer)
        return client

    def assert_hidden(self, path: str) -> str:
        """The anonymous body of `path` names none of the hidden things; returns it."""
        body = _body(self.anonymous().get(path))
        for secret in SECRETS:
            assert secret not in body, (path, secret)
        return body

    def assert_shown_to_viewer(self, path: str, *secrets: str) -> str:
        body = _body(self.as_viewer().get(path))
        for secret in secrets:
            assert secret in body, (path, secret)
        return body


class TestEvents(GateTestCase):
    def test_list_shows_verified_events_with_their_verified_parts_only(self):
        self.assert_hidden(f"{API}/events/")
        events = self.anonymous().get(f"{API}/events/").json()["results"]
        assert {e["slug"] for e in events} == {"verified-attack", "verified-placed"}
        self.assert_shown_to_viewer(f"{API}/events/", *SECRETS)

    def test_detail_of_an_unreviewed_event_is_not_found(self):
        url = f"{API}/events/{self.unreviewed.pk}/"
        assert self.anonymous().get(url).status_code == 404
        assert self.anonymous().get(f"{url}history/").status_code == 404
        self.assert_shown_to_viewer(url, UNREVIEWED_EVENT)

    def test_detail_of_a_verified_event_keeps_its_point_and_toll_not_its_unreviewed_parts(self):
        url = f"{API}/events/{self.attack.pk}/"
        self.assert_hidden(url)
        self.assert_hidden(f"{url}history/")
        data = self.anonymous().get(url).json()
        assert data["participants"] == [
            {
                "actor": {
                    "id": self.target.pk,
                    "url": f"http://testserver{API}/actors/{self.target.pk}/",
                    "slug": "known-target",
                    "name": "Known Target",
                },
                "role": "target",
                "status": "verified",
            }
        ]
        assert (data["place"], data["admin1"], data["admin2"]) == (None, None, None)
        assert (data["latitude"], data["longitude"]) == ("14.20000", "1.20000")
        assert (data["fatalities_low"], data["fatalities_best"], data["fatalities_high"]) == (
            5,
            7,
            9,
        )
        seen = self.as_viewer().get(url).json()
        assert {(p["actor"]["slug"], p["status"]) for p in seen["participants"]} == {
            (PROPOSED_ACTOR, "unreviewed"),
            ("known-target", "verified"),
        }
        assert (seen["place"]["slug"], seen["admin1"]["slug"]) == (PROPOSED_PLACE, "gate-region")

    def test_a_verified_place_is_shown_with_its_region(self):
        data = self.anonymous().get(f"{API}/events/{self.placed.pk}/").json()
        assert (data["place"]["slug"], data["admin1"]["slug"]) == ("gate-town", "gate-region")

    def test_filters_find_nothing_by_what_readers_are_not_shown(self):
        def slugs(client, query: str) -> set[str]:
            response = client.get(f"{API}/events/?{query}")
            assert response.status_code == 200, response.content
            return {e["slug"] for e in response.json()["results"]}

        anonymous, viewer = self.anonymous(), self.as_viewer()
        # An actor a reader is not shown names nothing to them: a 400, as an unknown one.
        hidden = anonymous.get(f"{API}/events/?actor={PROPOSED_ACTOR}")
        assert hidden.json() == {"actor": [f"No actor named “{PROPOSED_ACTOR}”."]}
        assert slugs(viewer, f"actor={PROPOSED_ACTOR}") == {"verified-attack"}
        assert slugs(anonymous, "actor=known-target") == {"verified-attack"}
        hidden_place = anonymous.get(f"{API}/events/?place={PROPOSED_PLACE}")
        assert hidden_place.json() == {"place": [f"No place named “{PROPOSED_PLACE}”."]}
        assert slugs(viewer, f"place={PROPOSED_PLACE}") == {"verified-attack"}
        # The region read from the proposed place is not shown, so it finds nothing either.
        assert slugs(anonymous, "admin1=gate-region") == {"verified-placed"}
        assert slugs(viewer, "admin1=gate-region") == {
            "verified-attack",
            "verified-placed",
            UNREVIEWED_EVENT,
        }
        assert slugs(anonymous, "place=gate-town") == {"verified-placed"}
        assert slugs(anonymous, "status=unreviewed") == set()
        assert slugs(anonymous, "bbox=1.15,14.15,1.25,14.25") == {"verified-attack"}

    def test_csv_export(self):
        body = self.assert_hidden(f"{API}/events/export/csv/")
        rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(body))}
        assert set(rows) == {"verified-attack", "verified-placed"}
        attack = rows["verified-attack"]
        assert (attack["participants"], attack["place.name"], attack["admin1.name"]) == (
            "known-target:target",
            "",
            "",
        )
        assert (attack["latitude"], attack["fatalities_best"]) == ("14.20000", "7")
        seen = self.assert_shown_to_viewer(f"{API}/events/export/csv/", *SECRETS)
        attack = next(
            r for r in csv.DictReader(io.StringIO(seen)) if r["slug"] == "verified-attack"
        )
        assert set(attack["participants"].split(";")) == {
            "known-target:target",
            f"{PROPOSED_ACTOR}:perpetrator:unreviewed",
        }

    def test_jsonl_export(self):
        body = self.assert_hidden(f"{API}/events/export/jsonl/")
        events = [json.loads(line) for line in body.splitlines()]
        assert {e["slug"] for e in events} == {"verified-attack", "verified-placed"}
        self.assert_shown_to_viewer(f"{API}/events/export/jsonl/", *SECRETS)

    def test_geojson_export(self):
        body = self.assert_hidden(f"{API}/events/export/geojson/")
        features = {f["properties"]["slug"]: f for f in json.loads(body)["features"]}
        assert set(features) == {"verified-attack", "verified-placed"}
        attack = features["verified-attack"]
        assert attack["geometry"]["coordinates"] == [1.2, 14.2]
        assert (attack["properties"]["place"], attack["properties"]["admin1"]) == (None, None)
        # Features carry no participants.
        shown = [secret for secret in SECRETS if secret != PROPOSED_ACTOR]
        self.assert_shown_to_viewer(f"{API}/events/export/geojson/", *shown)


class TestDeclaredFields(GateTestCase):
    """The serializers' declared fields (the OpenAPI schema's) gate as the fast
    representations do, for a reader without a role and for a viewer."""

    def _both(self, serializer_class, obj, user) -> tuple[dict, dict]:
        request = Request(APIRequestFactory().get(f"{API}/"))
        request.user = user
        serializer = serializer_class(obj, context={"request": request})
        generic = serializers.ModelSerializer.to_representation(serializer, obj)
        return json.loads(json.dumps(generic, default=str)), json.loads(
            json.dumps(serializer.data, default=str)
        )

    def test_events_and_claims(self):
        attack = Event.objects.select_related("place").get(pk=self.attack.pk)
        claim = with_evidence(Claim.objects.all()).get(pk=self.claim.pk)
        for user in (AnonymousUser(), self.viewer):
            for serializer_class, obj in ((s.EventSerializer, attack), (s.ClaimSerializer, claim)):
                generic, fast = self._both(serializer_class, obj, user)
                for name in ("participants", "place", "admin1", "admin2", "event"):
                    assert generic.get(name) == fast.get(name), (user, name)
        generic, _ = self._both(s.EventSerializer, attack, AnonymousUser())
        assert generic["place"] is None and len(generic["participants"]) == 1
        generic, _ = self._both(s.ClaimSerializer, claim, AnonymousUser())
        assert generic["event"] is None


class TestMapPage(GateTestCase):
    def test_the_points_the_map_page_reads_are_verified_events_without_hidden_places(self):
        page = _body(self.anonymous().get("/map/"))
        events_url = re.search(r'data-events-url="([^"]+)"', page)[1]
        body = self.assert_hidden(f"{events_url}?limit=5000")
        drawn = {f["properties"]["slug"] for f in json.loads(body)["features"] if f["geometry"]}
        assert drawn == {"verified-attack", "verified-placed"}
        self.assert_shown_to_viewer(f"{events_url}?limit=5000", UNREVIEWED_EVENT, PROPOSED_PLACE)


class TestClaims(GateTestCase):
    def test_a_verified_claim_is_public_but_not_its_link_to_an_unreviewed_event(self):
        for path in (
            f"{API}/claims/",
            f"{API}/claims/{self.claim.pk}/",
            f"{API}/claims/{self.claim.pk}/annotation/",
            f"{API}/claims/{self.claim.pk}/history/",
            f"{API}/claims/export/csv/",
            f"{API}/claims/export/jsonl/",
        ):
            self.assert_hidden(path)
        data = self.anonymous().get(f"{API}/claims/{self.claim.pk}/").json()
        assert data["status"] == "verified" and data["event"] is None
        listed = self.anonymous().get(f"{API}/claims/").json()["results"]
        events = {c["id"]: c["event"] for c in listed}
        assert events[self.claim.pk] is None
        assert events[self.attack_claim.pk]["slug"] == "verified-attack"
        seen = self.as_viewer().get(f"{API}/claims/{self.claim.pk}/").json()
        assert seen["event"]["slug"] == UNREVIEWED_EVENT
        self.assert_shown_to_viewer(f"{API}/claims/export/csv/", UNREVIEWED_EVENT)
        self.assert_shown_to_viewer(f"{API}/claims/export/jsonl/", UNREVIEWED_EVENT)

    def test_claims_are_not_found_by_an_unreviewed_event(self):
        anonymous = self.anonymous().get(f"{API}/claims/?event={UNREVIEWED_EVENT}").json()
        assert anonymous == {"event": [f"No event named “{UNREVIEWED_EVENT}”."]}
        seen = self.as_viewer().get(f"{API}/claims/?event={UNREVIEWED_EVENT}").json()
        assert [c["id"] for c in seen["results"]] == [self.claim.pk]
        found = self.anonymous().get(f"{API}/claims/?event=verified-attack").json()
        assert [c["id"] for c in found["results"]] == [self.attack_claim.pk]


class TestOtherResources(GateTestCase):
    def test_an_actor_only_an_unreviewed_participant_is_not_public(self):
        self.assert_hidden(f"{API}/actors/")
        self.assert_hidden(f"{API}/actors/?name=Perpetrator")
        url = f"{API}/actors/{self.perpetrator.pk}/"
        assert self.anonymous().get(url).status_code == 404
        self.assert_shown_to_viewer(url, PROPOSED_ACTOR)
        self.assert_hidden(f"{API}/actors/{self.target.pk}/")

    def test_places_are_verified_ones_only(self):
        self.assert_hidden(f"{API}/places/")
        self.assert_hidden(f"{API}/places/?admin1=gate-region")
        self.assert_hidden(f"{API}/places/gate-town/")
        url = f"{API}/places/{PROPOSED_PLACE}/"
        assert self.anonymous().get(url).status_code == 404
        self.assert_shown_to_viewer(url, PROPOSED_PLACE)
        self.assert_shown_to_viewer(f"{API}/places/", PROPOSED_PLACE)

    def test_a_places_region_is_shown_only_when_verified(self):
        region = make_place(slug="proposed-region", kind="admin1", country=self.town.country)
        make_place(
            slug="gate-village", country=self.town.country, admin1=region,
            **reviewed(status=VERIFIED),
        )  # fmt: skip
        assert self.anonymous().get(f"{API}/places/gate-village/").json()["admin1"] is None
        seen = self.as_viewer().get(f"{API}/places/gate-village/").json()
        assert seen["admin1"]["slug"] == "proposed-region"

    def test_articles_countries_and_the_root_name_nothing_hidden(self):
        for path in (
            f"{API}/",
            f"{API}/articles/",
            f"{API}/articles/{self.claim.article_id}/",
            f"{API}/countries/",
            f"{API}/countries/{self.attack.countries.get().alpha3}/",
        ):
            self.assert_hidden(path)


class TestFeeds(GateTestCase):
    def items(self, client, path: str) -> set[tuple[str, int]]:
        response = client.get(path)
        assert response.status_code == 200, response.content
        return {(item["type"], item["id"]) for item in response.json()["results"]}

    def test_changes_list_no_unreviewed_event(self):
        path = f"{API}/changes/?updated_after=2000-01-01T00:00:00Z"
        self.assert_hidden(path)
        anonymous = self.items(self.anonymous(), path)
        assert ("event", self.attack.pk) in anonymous
        assert ("event", self.unreviewed.pk) not in anonymous
        assert ("event", self.unreviewed.pk) in self.items(self.as_viewer(), path)

    def test_tombstones_list_no_withdrawal_of_an_event_never_published(self):
        since = (timezone.now() - timedelta(minutes=1)).isoformat().replace("+00:00", "Z")
        object_review(obj=self.unreviewed, user=self.curator, status="rejected", reason="Wrong")
        path = f"{API}/tombstones/?since={since}"
        self.assert_hidden(path)
        assert ("event", self.unreviewed.pk) not in self.items(self.anonymous(), path)
        assert ("event", self.unreviewed.pk) in self.items(self.as_viewer(), path)


class TestReviewConfirmsParts(GateTestCase):
    def test_verifying_an_event_through_the_api_verifies_its_unreviewed_parts(self):
        EventParticipant.objects.filter(event=self.attack).update(status="unreviewed")
        rejected = EventParticipant.objects.create(
            event=self.attack, actor=self.target, role="party", status="rejected"
        )
        Event.objects.filter(pk=self.attack.pk).update(status="unreviewed")
        curator = APIClient()
        curator.force_authenticate(self.curator)
        url = f"{API}/events/{self.attack.pk}/"
        assert self.anonymous().get(url).status_code == 404
        response = curator.post(
            f"{url}review/",
            {"status": "verified", "reason": "Checked against two reports"},
            format="json",
            HTTP_IF_MATCH=curator.get(url)["ETag"],
        )
        assert response.status_code == 200, response.content
        statuses = dict(
            EventParticipant.objects.filter(event=self.attack).values_list("role", "status")
        )
        assert statuses == {"perpetrator": "verified", "target": "verified", "party": "rejected"}
        record = EventParticipant.history.filter(role="perpetrator").order_by("-history_id")[0]
        assert record.history_user == self.curator
        assert "verified with its event" in record.history_change_reason
        shown = self.anonymous().get(url).json()["participants"]
        assert {p["role"] for p in shown} == {"perpetrator", "target"}
        assert rejected.pk  # the rejected part stays hidden

    def test_disputing_an_event_confirms_nothing(self):
        object_review(obj=self.attack, user=self.curator, status="disputed", reason="Unsure")
        perpetrator = EventParticipant.objects.get(event=self.attack, role="perpetrator")
        assert perpetrator.status == "unreviewed"

    def test_a_part_a_curator_gives_is_verified_one_the_importer_read_is_not(self):
        given = EventParticipant.objects.create(event=self.placed, actor=self.target, role="party")
        read = EventParticipant.objects.create(
            event=self.placed, actor=self.perpetrator, role="perpetrator", article=make_article()
        )
        assert (given.status, read.status) == ("verified", "unreviewed")
        shown = self.anonymous().get(f"{API}/events/{self.placed.pk}/").json()["participants"]
        assert [p["actor"]["slug"] for p in shown] == ["known-target"]


def _import(folder, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")
    call_command("import_articles", str(folder / name), stdout=io.StringIO(), stderr=io.StringIO())


def test_the_importer_never_publishes_a_part_of_a_verified_event(reference_data, tmp_path):
    _import(
        tmp_path,
        "first.txt",
        "Mutinous soldiers ousted President Ibrahim Boubacar Keïta in Mali on 18 August 2020.",
    )
    (coup,) = Event.objects.filter(kind="coup")
    # The importer's parts are unreviewed (the default), and so not public.
    assert set(coup.participants.values_list("status", flat=True)) == {"unreviewed"}
    lead = make_staff("lead")
    object_review(obj=coup, user=lead, status="verified", reason="Checked")
    assert set(coup.participants.values_list("status", flat=True)) == {"verified"}
    _import(
        tmp_path,
        "second.txt",
        "Colonel Assimi Goïta led the coup in Mali on 18 August 2020, officials said.",
    )
    assert Event.objects.filter(kind="coup").count() == 1
    assert coup.claims.count() == 2  # the second article's claim points at it
    # Whatever the later article proposed for the verified event, none of it is public.
    public = EventParticipant.objects.visible_to(None).filter(event=coup)
    assert set(public.values_list("actor__slug", flat=True)) == {"ibrahim-boubacar-keita"}
    shown = APIClient().get(f"{API}/events/{coup.pk}/").json()["participants"]
    assert [p["actor"]["slug"] for p in shown] == ["ibrahim-boubacar-keita"]
    assert not coup.participants.exclude(article__source_file__endswith="first.txt").filter(
        status=VERIFIED
    )


@pytest.mark.django_db
def test_parts_the_importer_adds_to_an_unreviewed_event_wait_for_review(reference_data, tmp_path):
    _import(
        tmp_path,
        "first.txt",
        "Mutinous soldiers ousted President Ibrahim Boubacar Keïta in Mali on 18 August 2020.",
    )
    _import(
        tmp_path,
        "second.txt",
        "Colonel Assimi Goïta led the coup in Mali on 18 August 2020, officials said.",
    )
    (coup,) = Event.objects.filter(kind="coup")
    assert dict(coup.participants.values_list("actor__slug", "status")) == {
        "ibrahim-boubacar-keita": "unreviewed",
        "assimi-goita": "unreviewed",
    }
    assert APIClient().get(f"{API}/events/{coup.pk}/").status_code == 404
    assert coup.date_start == date(2020, 8, 18)
