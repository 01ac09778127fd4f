"""API v1 end to end through Django's HTTP stack: shapes, filters, search, visibility,
permissions for every endpoint × method × role, preconditions, exports and feeds."""

import csv
import io
import json
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from facts.bootstrap import initial_data_load
from facts.models import Actor, Article, Claim, Event
from tests.base import make_staff

API = "/api/v1"


class APITestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        initial_data_load()
        cls.users = {role: make_staff(role) for role in ("viewer", "curator", "lead")}
        cls.tokens = {role: Token.objects.create(user=user).key for role, user in cls.users.items()}
        cls.niger = Claim.objects.get(quote__startswith="Most recently, Niger")
        cls.air_base = Claim.objects.get(quote__contains="Air Base 201")
        cls.rejected = Claim.objects.filter(status="rejected").first()

    def client_for(self, role: str | None) -> APIClient:
        client = APIClient()
        if role:
            client.credentials(HTTP_AUTHORIZATION=f"Token {self.tokens[role]}")
        return client

    def etag(self, client, url: str) -> str:
        response = client.get(url)
        assert response.status_code == 200, response.content
        return response["ETag"]


class TestReading(APITestCase):
    def test_claim_representation_carries_both_selectors_and_its_article(self):
        data = self.client_for(None).get(f"{API}/claims/{self.niger.pk}/").json()
        assert data["url"].endswith(f"/api/v1/claims/{self.niger.pk}/")
        assert data["subject"] == {
            "id": data["subject"]["id"],
            "url": data["subject"]["url"],
            "slug": "abdourahamane-tchiani",
            "name": "Abdourahamane Tchiani",
        }
        quote = data["quote"]
        assert quote["exact"] == self.niger.quote
        selectors = {s["type"]: s for s in quote["selectors"]}
        assert selectors["TextQuoteSelector"]["prefix"] == self.niger.quote_prefix
        assert selectors["TextPositionSelector"] == {
            "type": "TextPositionSelector",
            "start": self.niger.quote_start,
            "end": self.niger.quote_end,
        }
        assert data["article"]["reliability"] == "D" and data["article"]["title"].startswith(
            "US moves"
        )
        assert data["event"]["slug"] == "2023-07-coup-in-niger"
        assert data["countries"][0]["code"] == "NER"

    def test_annotation_is_a_w3c_web_annotation(self):
        response = self.client_for(None).get(f"{API}/claims/{self.niger.pk}/annotation/")
        assert response["Content-Type"].startswith("application/ld+json")
        data = response.json()
        assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert data["type"] == "Annotation" and data["body"]["value"] == self.niger.statement
        assert {s["type"] for s in data["target"]["selector"]} == {
            "TextQuoteSelector",
            "TextPositionSelector",
        }

    def test_anonymous_readers_see_only_verified_claims_and_what_they_rest_on(self):
        anonymous = self.client_for(None)
        ids = [c["id"] for c in anonymous.get(f"{API}/claims/?page_size=500").json()["results"]]
        assert set(ids) == set(Claim.objects.filter(status="verified").values_list("pk", flat=True))
        assert anonymous.get(f"{API}/claims/{self.rejected.pk}/").status_code == 404
        assert anonymous.get(f"{API}/claims/{self.air_base.pk}/").status_code == 404
        viewer = self.client_for("viewer")
        assert viewer.get(f"{API}/claims/{self.air_base.pk}/").json()["status"] == "disputed"
        events = anonymous.get(f"{API}/events/?page_size=500").json()["results"]
        assert "undated-united-states-visits-bamako-mali" not in {e["slug"] for e in events}
        articles = anonymous.get(f"{API}/articles/?page_size=500").json()["results"]
        assert len(articles) == 5  # every seed article has a verified claim

    def test_event_shows_participants_roles_and_taxonomy(self):
        coup = Event.objects.get(slug="2023-07-coup-in-niger")
        data = self.client_for(None).get(f"{API}/events/{coup.pk}/").json()
        roles = {(p["actor"]["slug"], p["role"]) for p in data["participants"]}
        assert ("abdourahamane-tchiani", "leader") in roles
        assert data["date"] == {
            "start": "2023-07-26",
            "end": "2023-07-26",
            "precision": "day",
            "text": "26 July 2023",
        }
        assert data["taxonomy"]["plover"] == "COERCE"

    def test_actor_and_country_details(self):
        aes = Actor.objects.get(slug="aes")
        data = self.client_for(None).get(f"{API}/actors/{aes.pk}/").json()
        assert "AES" in data["aliases"]
        mali = self.client_for(None).get(f"{API}/countries/MLI/").json()
        assert mali["capital"] == "Bamako" and "Malian" in mali["demonyms"]

    def test_article_detail_has_text_flags_and_grade(self):
        article = self.niger.article
        data = self.client_for(None).get(f"{API}/articles/{article.pk}/").json()
        assert "generation-artifacts" in data["quality_flags"]
        assert data["text"] == article.text and data["reliability"] == "D"

    def test_claim_and_event_history(self):
        url = f"{API}/claims/{self.niger.pk}/"
        loaded = self.client_for("viewer").get(url + "history/").json()
        assert loaded[-1]["reason"] == "Loaded from fixtures/seed_curated.json"
        curator = self.client_for("curator")
        curator.post(
            url + "review/",
            {"status": "disputed", "reason": "Date disputed by another source"},
            format="json",
            HTTP_IF_MATCH=self.etag(curator, url),
        )
        data = self.client_for("viewer").get(url + "history/").json()
        assert data[0]["reason"] == "disputed: Date disputed by another source"
        assert data[0]["user"] == "curator"
        assert {"field": "status", "old": "verified", "new": "disputed"} in data[0]["changes"]
        assert self.client_for(None).get(url + "history/").status_code == 404  # now disputed
        event = Event.objects.get(slug="2023-07-coup-in-niger")
        history = self.client_for(None).get(f"{API}/events/{event.pk}/history/").json()
        assert history[0]["user"] is None and history[0]["type"] == "created"

    def test_errors_are_json_with_field_messages(self):
        client = self.client_for(None)
        missing = client.get(f"{API}/no-such-thing/")
        assert missing.status_code == 404
        assert missing.json() == {
            "detail": "Not found. The API's resources are listed at /api/v1/."
        }
        assert client.get(f"{API}/claims/999999/").json() == {
            "detail": "No Claim matches the given query."
        }
        bad = client.get(f"{API}/claims/?date_after=yesterday&credibility=9")
        assert bad.status_code == 400
        assert set(bad.json()) >= {"date_after", "credibility"}

    def test_schema_and_local_docs(self):
        schema = self.client_for(None).get(f"{API}/schema/?format=json")
        assert schema.status_code == 200
        docs = self.client_for(None).get(f"{API}/docs/")
        assert docs.status_code == 200
        assert (
            b"cdn" not in docs.content.lower()
            and b"/static/drf_spectacular_sidecar/" in docs.content
        )


class TestFiltersEndToEnd(APITestCase):
    def ids(self, query: str, role: str | None = "viewer") -> set[int]:
        response = self.client_for(role).get(f"{API}/claims/?page_size=500&{query}")
        assert response.status_code == 200, response.content
        return {c["id"] for c in response.json()["results"]}

    def test_claim_filters(self):
        assert self.ids("country=NE") == self.ids("country=NER")
        assert self.niger.pk in self.ids("country=NER")
        assert self.niger.pk in self.ids("actor=mohamed-bazoum")
        assert self.niger.pk in self.ids("subject=abdourahamane-tchiani")
        assert self.niger.pk in self.ids("event=2023-07-coup-in-niger")
        assert self.niger.pk in self.ids("predicate=ousted")
        assert self.niger.pk in self.ids("date_after=2023-07-01&date_before=2023-07-31")
        assert self.niger.pk not in self.ids("date_after=2024-01-01")
        assert self.niger.pk in self.ids("credibility=1&reliability=D")
        assert self.ids("status=disputed") == set(
            Claim.objects.filter(status="disputed").values_list("pk", flat=True)
        )
        founding = self.ids("min_corroboration=3")
        assert founding and all(
            Claim.objects.get(pk=pk).event.slug == "2023-formation-of-the-alliance-of-sahel-states"
            for pk in founding
        )

    def test_search_is_the_same_on_both_engines(self):
        # Expectations written from the seed texts; each engine must give exactly these.
        expected = {
            "Bazoum": {self.niger.pk},
            "barkh*": set(
                Claim.objects.filter(quote__contains="Barkhane").values_list("pk", flat=True)
            ),
            "Goïta coups": set(
                Claim.objects.filter(quote__startswith="Mali saw two coups").values_list(
                    "pk", flat=True
                )
            ),
            "intelligence Nigeria": set(
                Claim.objects.filter(quote__contains="coordination with Nigeria").values_list(
                    "pk", flat=True
                )
            ),
        }
        for query, ids in expected.items():
            assert ids and self.ids(f"q={query}") == ids, query
        events = (
            self.client_for("viewer").get(f"{API}/events/?q=coup&kind=coup&page_size=500").json()
        )
        assert len(events["results"]) == 5

    def test_event_actor_and_article_filters(self):
        client = self.client_for("viewer")
        coups = client.get(f"{API}/events/?kind=coup&country=BFA").json()["results"]
        assert len(coups) == 2
        assert (
            client.get(f"{API}/events/?actor=ibrahim-traore").json()["results"][0]["slug"]
            == "2022-09-coup-in-burkina-faso"
        )
        dated = client.get(f"{API}/events/?date_after=2023-09-01&date_before=2023-09-30").json()[
            "results"
        ]
        assert [e["slug"] for e in dated] == ["2023-formation-of-the-alliance-of-sahel-states"]
        assert (
            client.get(f"{API}/actors/?name=Goita").json()["results"][0]["slug"] == "assimi-goita"
        )
        assert (
            client.get(f"{API}/actors/?name=AFRICOM").json()["results"][0]["slug"] == "us-africom"
        )
        flagged = client.get(f"{API}/articles/?flag=generation-artifacts").json()["results"]
        assert len(flagged) == 2
        assert (
            client.get(f"{API}/articles/?published_after=2026-01-01")
            .json()["results"][0]["title"]
            .startswith("US Could Offer")
        )

    def test_ordering_and_cursor_pagination(self):
        client = self.client_for("viewer")
        page = client.get(f"{API}/claims/?ordering=-confidence&page_size=10").json()
        confidences = [c["confidence"] for c in page["results"]]
        assert confidences == sorted(confidences, reverse=True) and len(confidences) == 10
        seen = {c["id"] for c in page["results"]}
        while page["next"]:
            page = client.get(page["next"]).json()
            assert not seen & {c["id"] for c in page["results"]}
            seen |= {c["id"] for c in page["results"]}
        assert len(seen) == Claim.objects.count()
        assert "count" not in page
        too_big = client.get(f"{API}/claims/?page_size=501")
        assert too_big.status_code == 400 and "1 to 500" in too_big.json()["page_size"][0]
        assert client.get(f"{API}/claims/?ordering=statement").status_code == 400
        assert client.get(f"{API}/claims/?updated_after=").status_code == 400
        default = client.get(f"{API}/claims/").json()
        assert len(default["results"]) == 50

    def test_a_nul_character_in_a_text_filter_is_dropped_not_refused(self):
        client = self.client_for(None)
        plain = client.get(f"{API}/articles/", {"q": "Sahel"}).json()["results"]
        with_nul = client.get(f"{API}/articles/", {"q": "Sa\x00hel"})
        assert with_nul.status_code == 200
        assert [a["id"] for a in with_nul.json()["results"]] == [a["id"] for a in plain]
        assert client.get(f"{API}/articles/", {"publisher": "x\x00"}).status_code == 200


class TestQueryCounts(APITestCase):
    """No list runs more queries for 500 results than its fixed maximum."""

    LISTS = {
        # 1 token and user, 2 the user's role (may they read everything?), 3 the page's keys
        # with the corroboration subqueries, 4 their stored documents; those found stale
        # (here: all, the claims are new) are built: 5 their generations, 6 the claims,
        # 7 mentioned countries, 8 mentioned actors, then by id: 9 actors, 10 countries,
        # 11 events, 12 articles (each skipped when none is pointed at), 13-15 the guarded
        # write in its savepoint; 16 the contradicting claims the reader is shown.
        "claims": 16,
        # 1 token and user, 2 role, 3 the page's keys, 4 their stored documents; those found
        # stale (here: all) are built: 5 their generations, 6 the events with their places,
        # 7 countries, 8 participants with their actors, 9-11 the guarded write in its
        # savepoint; 12 the articles reporting them that the reader is shown.
        "events": 12,
        # 1 token and user, 2 role, 3 actors with country and parent, 4 aliases,
        # 5 relations with the actors they point at.
        "actors": 5,
        # 1 token and user, 2 role, 3 articles, 4 quality flags.
        "articles": 4,
        # 1 token and user, 2 count (a table of 249 rows), 3 countries.
        "countries": 3,
    }

    def test_lists_do_not_grow_with_results(self):
        from tests.base import make_claim

        article = Article.objects.first()
        for _ in range(500):
            make_claim(article, quote=article.text[:20], quote_start=0, status="unreviewed")
        client = self.client_for("viewer")
        for name, expected in self.LISTS.items():
            for size in (1, 500):
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(f"{API}/{name}/?page_size={size}")
                assert response.status_code == 200
                assert len(queries.captured_queries) <= expected, (name, size)
        assert len(client.get(f"{API}/claims/?page_size=500").json()["results"]) == 500

    def test_a_claims_page_of_stored_documents_is_three_queries(self):
        from tests.base import make_claim

        article = Article.objects.first()
        for _ in range(120):
            make_claim(article, quote=article.text[:20], quote_start=0, status="unreviewed")
        client = self.client_for("viewer")
        first = client.get(f"{API}/claims/?page_size=100").json()  # builds and stores them
        with CaptureQueriesContext(connection) as queries:
            again = client.get(f"{API}/claims/?page_size=100").json()
        # The token and role are remembered; 1 the page's keys and evidence, 2 its stored
        # documents, 3 the contradicting claims the reader is shown.
        assert len(queries.captured_queries) == 3, [q["sql"][:80] for q in queries]
        assert again == first and len(again["results"]) == 100


class TestWrites(APITestCase):
    def test_curator_reviews_a_claim_with_if_match(self):
        client = self.client_for("curator")
        url = f"{API}/claims/{self.air_base.pk}/"
        tag = self.etag(client, url)
        payload = {"status": "rejected", "reason": "Outdated", "credibility": 5}
        assert client.post(url + "review/", payload, format="json").status_code == 428
        assert (
            client.post(
                url + "review/", payload, format="json", HTTP_IF_MATCH='"stale"'
            ).status_code
            == 412
        )
        response = client.post(url + "review/", payload, format="json", HTTP_IF_MATCH=tag)
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "rejected" and response["ETag"] != tag
        again = client.post(url + "review/", payload, format="json", HTTP_IF_MATCH=tag)
        assert again.status_code == 412
        assert client.post(
            url + "review/", {"status": "disputed"}, format="json", HTTP_IF_MATCH=response["ETag"]
        ).json() == {"reason": ["This field is required."]}

    def test_concurrent_edits_second_writer_gets_412_and_nothing_is_lost(self):
        first, second = self.client_for("curator"), self.client_for("lead")
        url = f"{API}/claims/{self.niger.pk}/"
        tag_first, tag_second = self.etag(first, url), self.etag(second, url)
        ok = first.patch(
            url,
            {"statement": "First wording.", "reason": "clarity"},
            format="json",
            HTTP_IF_MATCH=tag_first,
        )
        assert ok.status_code == 200
        stale = second.patch(
            url,
            {"statement": "Second wording.", "reason": "mine"},
            format="json",
            HTTP_IF_MATCH=tag_second,
        )
        assert stale.status_code == 412
        assert Claim.objects.get(pk=self.niger.pk).statement == "First wording."

    def test_curator_edits_statement_and_links_but_not_the_quote(self):
        client = self.client_for("curator")
        url = f"{API}/claims/{self.niger.pk}/"
        tag = self.etag(client, url)
        edit = {
            "statement": "Tchiani ousted Bazoum.",
            "countries": ["NER", "MLI"],
            "object_actor": "mohamed-bazoum",
            "reason": "tidy",
        }
        forged = client.patch(url, {**edit, "quote": "forged"}, format="json", HTTP_IF_MATCH=tag)
        assert forged.status_code == 400 and list(forged.json()) == ["quote"]
        response = client.patch(url, edit, format="json", HTTP_IF_MATCH=tag)
        assert response.status_code == 200, response.content
        claim = Claim.objects.get(pk=self.niger.pk)
        assert claim.statement == "Tchiani ousted Bazoum." and claim.quote == self.niger.quote
        assert set(claim.countries.values_list("alpha3", flat=True)) == {"NER", "MLI"}
        bad = client.patch(
            url, {"subject": "nobody", "reason": "x"}, format="json", HTTP_IF_MATCH=response["ETag"]
        )
        assert bad.status_code == 400 and "subject" in bad.json()

    def test_curator_creates_a_claim_from_a_quote(self):
        client = self.client_for("curator")
        article = self.niger.article
        quote = "French troops also departed Burkina Faso in early 2023."
        Claim.objects.filter(article=article, quote=quote).delete()
        created = client.post(
            f"{API}/claims/",
            {"article": article.pk, "quote": quote, "reason": "missed"},
            format="json",
        )
        assert created.status_code == 201, created.content
        data = created.json()
        assert article.text[data["quote"]["start"] : data["quote"]["end"]] == quote
        assert created["Location"] == data["url"]
        missing = client.post(
            f"{API}/claims/", {"article": article.pk, "quote": "Mali invaded Mars."}, format="json"
        )
        assert missing.status_code == 400 and "does not occur" in missing.json()["detail"]
        wrong = client.post(
            f"{API}/claims/",
            {"article": article.pk, "quote": quote, "quote_start": 3},
            format="json",
        )
        assert wrong.status_code == 400

    def test_lead_merges_actors_and_deletes_what_nothing_depends_on(self):
        lead = self.client_for("lead")
        jnim = Actor.objects.get(slug="jnim")
        dup = Actor.objects.create(slug="gsim-dup", name="GSIM duplicate", kind="armed-group")
        tag = self.etag(lead, f"{API}/actors/{jnim.pk}/")
        merged = lead.post(
            f"{API}/actors/merge/",
            {"survivor": jnim.pk, "merged": [dup.pk], "reason": "same"},
            format="json",
            HTTP_IF_MATCH=tag,
        )
        assert merged.status_code == 200, merged.content
        assert "GSIM duplicate" in merged.json()["aliases"]
        protected = Actor.objects.get(slug="aes")
        tag = self.etag(lead, f"{API}/actors/{protected.pk}/")
        assert lead.delete(f"{API}/actors/{protected.pk}/", HTTP_IF_MATCH=tag).status_code == 409

    def test_exported_csv_never_holds_a_live_formula(self):
        Claim.objects.filter(pk=self.niger.pk).update(statement='=HYPERLINK("http://evil")')
        table = self.client_for("viewer").get(f"{API}/claims/export/csv/?country=NER")
        rows = list(csv.DictReader(io.StringIO(b"".join(table.streaming_content).decode())))
        row = next(r for r in rows if int(r["id"]) == self.niger.pk)
        assert row["statement"] == '\'=HYPERLINK("http://evil")'

    def test_exports_stream_the_same_rows_as_the_list(self):
        client = self.client_for("viewer")
        query = "country=NER&ordering=-id"
        listed = client.get(f"{API}/claims/?page_size=500&{query}").json()["results"]
        lines = client.get(f"{API}/claims/export/jsonl/?{query}")
        assert lines["Content-Type"].startswith("application/x-ndjson") and lines.streaming
        exported = [
            json.loads(line) for line in b"".join(lines.streaming_content).decode().splitlines()
        ]
        assert exported == listed
        table = client.get(f"{API}/claims/export/csv/?{query}")
        rows = list(csv.DictReader(io.StringIO(b"".join(table.streaming_content).decode())))
        assert [int(r["id"]) for r in rows] == [c["id"] for c in listed]
        anonymous = list(self.client_for(None).get(f"{API}/events/export/csv/").streaming_content)
        assert b"undated-united-states-visits-bamako-mali" not in b"".join(anonymous)

    def test_feeds_of_changes_and_tombstones(self):
        lead = self.client_for("lead")
        visit = Event.objects.get(slug="undated-united-states-visits-bamako-mali")
        url = f"{API}/events/{visit.pk}/"
        assert (
            lead.delete(url + "?reason=duplicate", HTTP_IF_MATCH=self.etag(lead, url)).status_code
            == 204
        )
        client = self.client_for("viewer")
        # Relative to the data, not the calendar: the seed set carries its own timestamps.
        oldest = Claim.objects.order_by("updated_at").values_list("updated_at", flat=True)[0]
        since = (oldest - timedelta(seconds=1)).isoformat()
        changes = client.get(f"{API}/changes/", {"updated_after": since, "limit": 7}).json()
        assert len(changes["results"]) == 7 and changes["next"]
        seen = [(r["type"], r["id"]) for r in changes["results"]]
        following = client.get(changes["next"]).json()
        assert not set(seen) & {(r["type"], r["id"]) for r in following["results"]}
        tombstones = client.get(f"{API}/tombstones/", {"since": since}).json()["results"]
        assert {(t["type"], t["status"]) for t in tombstones} >= {
            ("claim", "rejected"),
            ("event", "deleted"),
        }
        assert client.get(f"{API}/changes/").status_code == 400

    def test_tombstones_tell_anonymous_readers_only_of_what_was_published(self):
        from facts.services import claim_review

        oldest = Claim.objects.order_by("updated_at").values_list("updated_at", flat=True)[0]
        since = (oldest - timedelta(seconds=1)).isoformat()
        never_published = set(Claim.objects.filter(status="rejected").values_list("pk", flat=True))
        assert never_published
        claim_review(
            claim=self.niger,
            user=self.users["lead"],
            status="retracted",
            reason="Internal: the wire story was pulled, see desk notes",
        )
        feed = self.client_for(None).get(f"{API}/tombstones/", {"since": since}).json()
        seen = {(t["type"], t["id"]): t for t in feed["results"]}
        assert ("claim", self.niger.pk) in seen  # it was public: mirrors must drop it
        assert not {("claim", pk) for pk in never_published} & set(seen)
        assert all(t["reason"] == "" for t in seen.values())
        staff = self.client_for("viewer").get(f"{API}/tombstones/", {"since": since}).json()
        reasons = {(t["type"], t["id"]): t["reason"] for t in staff["results"]}
        assert reasons[("claim", self.niger.pk)].startswith("Internal: the wire story")
        assert {("claim", pk) for pk in never_published} <= set(reasons)

    def test_malformed_cursors_times_and_ids_are_bad_requests_not_server_errors(self):
        import base64

        viewer = self.client_for("viewer")
        for position in ("p=abc", "p=1%00", "p=99999999999999999999999", "r=1&p=x"):
            cursor = base64.b64encode(position.replace("%00", "\x00").encode()).decode()
            for resource in ("claims", "events", "actors", "articles"):
                answer = viewer.get(f"{API}/{resource}/", {"cursor": cursor})
                assert answer.status_code < 500, (resource, position, answer.status_code)
        for when in ("0000-01-01T00:00:00Z", "2024-13-01T00:00:00Z", "2024-02-30T25:00:00Z"):
            assert viewer.get(f"{API}/changes/", {"updated_after": when}).status_code == 400
            assert viewer.get(f"{API}/tombstones/", {"since": when}).status_code == 400
        lead = self.client_for("lead")
        survivor = Actor.objects.get(slug="jnim")
        tag = self.etag(lead, f"{API}/actors/{survivor.pk}/")
        huge = lead.post(
            f"{API}/actors/merge/",
            {"survivor": survivor.pk, "merged": [10**20], "reason": "typo"},
            format="json",
            HTTP_IF_MATCH=tag,
        )
        assert huge.status_code == 400

    def test_history_names_reviewers_only_to_the_curation_team(self):
        from facts.services import claim_review

        claim_review(
            claim=self.niger,
            user=self.users["lead"],
            status="verified",
            reason="Confirmed again by a second wire report",
        )
        url = f"{API}/claims/{self.niger.pk}/history/"
        public = self.client_for(None).get(url).json()
        assert public and all(entry["user"] is None for entry in public)
        fields = {c["field"] for entry in public for c in entry["changes"]}
        assert "reviewed_by" not in fields and "status_reason" in fields
        staff = self.client_for("viewer").get(url).json()
        assert any(entry["user"] for entry in staff)
        assert "reviewed_by" in {c["field"] for entry in staff for c in entry["changes"]}

    def test_if_match_star_does_not_skip_reading_the_object(self):
        curator = self.client_for("curator")
        url = f"{API}/claims/{self.niger.pk}/"
        blind = curator.patch(url, {"statement": "x"}, format="json", HTTP_IF_MATCH="*")
        assert blind.status_code == 428 and "ETag you read" in blind.json()["detail"]
        assert Claim.objects.get(pk=self.niger.pk).statement != "x"

    def test_a_group_without_staff_status_grants_no_role(self):
        from django.contrib.auth.models import Group

        outsider = get_user_model().objects.create_user("outsider", password="x" * 20)
        outsider.groups.add(Group.objects.get(name="lead"))
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=outsider).key}")
        assert client.get(f"{API}/claims/{self.rejected.pk}/").status_code == 404
        url = f"{API}/claims/{self.niger.pk}/"
        tag = client.get(url)["ETag"]
        edit = client.patch(url, {"statement": "x"}, format="json", HTTP_IF_MATCH=tag)
        assert edit.status_code == 403

    def test_anonymous_reading_is_throttled(self):
        from rest_framework.throttling import AnonRateThrottle

        original = AnonRateThrottle.THROTTLE_RATES
        AnonRateThrottle.THROTTLE_RATES = {**original, "anon": "3/minute"}
        cache.clear()
        try:
            codes = [self.client_for(None).get(f"{API}/countries/").status_code for _ in range(5)]
            signed_in = self.client_for("viewer").get(f"{API}/countries/").status_code
        finally:
            AnonRateThrottle.THROTTLE_RATES = original
            cache.clear()
        assert codes[:3] == [200, 200, 200] and codes[-1] == 429
        assert signed_in == 200


def _captured(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return queries


def test_csv_cells_that_would_run_as_formulas_are_written_as_text():
    from facts.api.exports import spreadsheet_safe

    for formula in ('=HYPERLINK("http://x")', "@SUM(A1:A9)", "+1+2", "-2+3", "\t=1", "＝1"):
        assert spreadsheet_safe(formula) == "'" + formula
    assert spreadsheet_safe("Mali") == "Mali" and spreadsheet_safe(-3) == -3
    assert spreadsheet_safe(None) == "" and spreadsheet_safe(0) == 0
