"""History and tombstones as a copy of the data reads them: many-to-many values by the names
the API uses, and a merged record's tombstone naming the record it was merged into."""

import json
from datetime import UTC, datetime

from django.test import TestCase
from rest_framework.test import APIClient

from facts.choices import ReviewStatus
from facts.services import actor_merge, claim_update, event_merge
from tests.base import (
    make_actor,
    make_article,
    make_claim,
    make_country,
    make_event,
    make_staff,
    reviewed,
)

API = "/api/v1"
VERIFIED = reviewed(status=ReviewStatus.VERIFIED)
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC).isoformat()


def client_as(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


class ManyToManyHistoryTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.curator = make_staff("curator")
        cls.viewer = make_staff("viewer")
        cls.mali = make_country(alpha3="QMA", name="Malistan")
        cls.niger = make_country(alpha3="QNE", name="Nigeristan")
        cls.seen = make_actor(slug="seen-group", **VERIFIED)
        cls.unseen = make_actor(slug="unseen-group")
        cls.claim = make_claim(make_article(), **VERIFIED)
        cls.claim.countries.add(cls.mali)
        claim_update(
            claim=cls.claim,
            user=cls.curator,
            changes={"countries": [cls.mali, cls.niger], "actors": [cls.seen, cls.unseen]},
            reason="The quote names both",
            expected_version=cls.claim.version,
        )

    def changes(self, user) -> dict:
        history = client_as(user).get(f"{API}/claims/{self.claim.pk}/history/").json()
        edit = [entry for entry in history if entry["reason"] == "The quote names both"]
        return {c["field"]: c for entry in edit for c in entry["changes"]}

    def test_values_are_the_api_names_not_stored_rows(self):
        changes = self.changes(self.viewer)
        assert changes["countries"]["old"] == ["QMA"]
        assert changes["countries"]["new"] == ["QMA", "QNE"]
        assert changes["actors"] == {
            "field": "actors",
            "old": [],
            "new": ["seen-group", "unseen-group"],
        }
        assert "{" not in json.dumps([c["old"] for c in changes.values()])

    def test_times_are_iso_8601(self):
        edited = self.changes(self.viewer)["curator_edited_at"]["new"]
        assert datetime.fromisoformat(edited) and "T" in edited


class MergeTombstoneTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.lead = make_staff("lead")
        cls.survivor = make_event(**VERIFIED, slug="coup-in-testland")
        cls.duplicate = make_event(**VERIFIED, slug="testland-coup")
        cls.duplicate_id = cls.duplicate.pk
        event_merge(survivor=cls.survivor, merged=[cls.duplicate], user=cls.lead, reason="Same")
        cls.actor = make_actor(slug="group-a", **VERIFIED)
        cls.hidden_actor = make_actor(slug="group-b")  # unreviewed survivor
        cls.actor_twin = make_actor(slug="group-a-twin", **VERIFIED)
        cls.twin_id = cls.actor_twin.pk
        cls.other_twin = make_actor(slug="group-b-twin", **VERIFIED)
        cls.other_twin_id = cls.other_twin.pk
        actor_merge(survivor=cls.actor, merged=[cls.actor_twin], user=cls.lead, reason="Same")
        actor_merge(
            survivor=cls.hidden_actor, merged=[cls.other_twin], user=cls.lead, reason="Same"
        )

    def tombstones(self, user) -> dict:
        response = client_as(user).get(f"{API}/tombstones/", {"since": LONG_AGO})
        assert response.status_code == 200, response.content
        return {(t["type"], t["id"]): t for t in response.json()["results"]}

    def test_a_merged_record_names_its_survivor(self):
        stones = self.tombstones(None)
        event = stones["event", self.duplicate_id]
        assert event["status"] == "merged"
        assert event["merged_into"]["id"] == self.survivor.pk
        assert event["merged_into"]["url"].endswith(f"/api/v1/events/{self.survivor.pk}/")
        assert client_as().get(event["merged_into"]["url"]).status_code == 200
        actor = stones["actor", self.twin_id]
        assert actor["merged_into"] == {
            "type": "actor",
            "id": self.actor.pk,
            "url": actor["merged_into"]["url"],
        }

    def test_a_survivor_readers_may_not_see_is_not_named_to_them(self):
        assert self.tombstones(None)["actor", self.other_twin_id]["merged_into"] is None
        staff = self.tombstones(self.lead)["actor", self.other_twin_id]
        assert staff["merged_into"]["id"] == self.hidden_actor.pk

    def test_a_plain_delete_names_nothing(self):
        gone = make_event(**VERIFIED)
        gone_id = gone.pk
        gone.delete()
        stone = self.tombstones(self.lead)["event", gone_id]
        assert stone["status"] == "deleted" and stone["merged_into"] is None
