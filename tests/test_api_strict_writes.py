"""Writes through the HTTP stack take exactly what their schema says: a field the write does
not take is a 400 naming it, a PATCH that changes nothing leaves no trace, a reason is never
blank, If-Match is always required, and the served schema declares all of it."""

import re

from django.test import TestCase
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from facts.api.serializers import REASON_PATTERN, ReasonField
from facts.models import Actor, Claim, ClaimLink, Event
from tests.base import make_actor, make_article, make_claim, make_event, make_staff

API = "/api/v1"
# Blank by both Python's and ECMAScript's \s, or by one of them only.
BLANKS = ("", "   ", "\t\n", "\u3000", "\ufeff", "\x1c", "\x85 ")


class StrictWritesTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = {role: make_staff(role) for role in ("viewer", "curator", "lead")}
        cls.tokens = {role: Token.objects.create(user=user).key for role, user in cls.users.items()}
        cls.actor = make_actor(name="Katiba Macina")
        cls.event = make_event(title="The alliance is formed")
        cls.claim = make_claim(make_article())
        # One of each, with the edit that changes it and the same edit with stored values.
        cls.resources = {
            "actors": (cls.actor, {"name": "Katiba Macina (FLM)"}, {"name": "Katiba Macina"}),
            "events": (
                cls.event,
                {"title": "The Alliance of Sahel States is formed"},
                {"title": "The alliance is formed", "place": None},
            ),
            "claims": (
                cls.claim,
                {"statement": "Three juntas formed an alliance."},
                {"statement": cls.claim.statement, "countries": [], "subject": None},
            ),
        }

    def client_for(self, role: str | None = "curator") -> APIClient:
        client = APIClient()
        if role:
            client.credentials(HTTP_AUTHORIZATION=f"Token {self.tokens[role]}")
        return client

    def url(self, name: str, obj) -> str:
        return f"{API}/{name}/{obj.pk}/"

    def etag(self, url: str) -> str:
        response = self.client_for().get(url)
        assert response.status_code == 200, response.content
        return response["ETag"]

    def patch(self, name: str, obj, body, *, etag: str | None = None):
        url = self.url(name, obj)
        return self.client_for().patch(
            url, body, format="json", HTTP_IF_MATCH=etag or self.etag(url)
        )

    def state(self, obj) -> tuple[int, int]:
        """The stored version and the number of history rows."""
        obj = type(obj).objects.get(pk=obj.pk)
        return obj.version, obj.history.count()


class TestRefusedFields(StrictWritesTestCase):
    def test_an_unknown_field_is_a_400_naming_it_and_the_writable_ones(self):
        for name, (obj, change, _) in self.resources.items():
            with self.subTest(name):
                before = self.state(obj)
                response = self.patch(name, obj, {**change, "reason": "typo", "titel": "x"})
                assert response.status_code == 400, response.content
                assert list(response.json()) == ["titel"]
                [message] = response.json()["titel"]
                assert message.startswith("Unknown field “titel”. Writable: ")
                assert "reason" in message and next(iter(change)) in message
                assert self.state(obj) == before

    def test_read_only_fields_are_a_400_naming_each(self):
        for name, (obj, change, _) in self.resources.items():
            with self.subTest(name):
                read = self.client_for().get(self.url(name, obj)).json()
                shown = {field: read[field] for field in ("id", "version", "status")}
                if "date" in read:
                    shown["date"] = read["date"]  # the shape GET returns
                before = self.state(obj)
                response = self.patch(name, obj, {**change, "reason": "as read", **shown})
                assert response.status_code == 400, response.content
                assert set(response.json()) == set(shown)
                for field in shown:
                    assert f"“{field}” is read-only here" in response.json()[field][0]
                assert self.state(obj) == before

    def test_date_names_the_fields_that_write_it(self):
        response = self.patch("events", self.event, {"date": {}, "reason": "x"})
        assert response.status_code == 400
        assert (
            "write date_start, date_end, date_precision and date_text"
            in (response.json()["date"][0])
        )

    def test_post_writes_refuse_fields_they_do_not_take(self):
        lead = self.client_for("lead")
        actor_url = self.url("actors", self.actor)
        claim_url = self.url("claims", self.claim)
        article_url = f"{API}/articles/{self.claim.article_id}/"
        other = make_actor()
        cases = [
            # Credibility grades claims: an actor's review does not take it.
            (actor_url, actor_url + "review/", {"status": "verified"}, "credibility"),
            (claim_url, claim_url + "review/", {"status": "verified"}, "grade"),
            (article_url, article_url + "grade/", {"reliability": "B"}, "reliability_reason"),
            (
                actor_url,
                f"{API}/actors/merge/",
                {"survivor": self.actor.pk, "merged": [other.pk]},
                "into",
            ),
        ]
        for read, url, body, extra in cases:
            with self.subTest(url, extra=extra):
                response = lead.post(
                    url,
                    {**body, "reason": "ok", extra: 1},
                    format="json",
                    HTTP_IF_MATCH=self.etag(read),
                )
                assert response.status_code == 400, response.content
                assert list(response.json()) == [extra]
        creates = [
            (f"{API}/claims/", {"article": self.claim.article_id, "quote": "x", "id": 3}, "id"),
            (
                f"{API}/claim-links/",
                {"from_claim": 1, "to_claim": 2, "kind": "corroborates", "reason": "x", "b": 1},
                "b",
            ),
        ]
        for url, body, extra in creates:
            with self.subTest(url):
                response = lead.post(url, body, format="json")
                assert response.status_code == 400 and extra in response.json()
        assert Actor.objects.filter(pk=other.pk).exists()


class TestNothingToChange(StrictWritesTestCase):
    def test_equal_values_change_nothing_and_record_nothing(self):
        for name, (obj, _, same) in self.resources.items():
            with self.subTest(name):
                url = self.url(name, obj)
                tag = self.etag(url)
                before = self.state(obj)
                response = self.patch(name, obj, {**same, "reason": "no-op"}, etag=tag)
                assert response.status_code == 200, response.content
                assert response["ETag"] == tag
                assert response.json()["version"] == before[0]
                assert self.state(obj) == before

    def test_a_body_with_only_the_reason_is_a_400(self):
        for name, (obj, _, _) in self.resources.items():
            with self.subTest(name):
                before = self.state(obj)
                response = self.patch(name, obj, {"reason": "nothing"})
                assert response.status_code == 400
                assert response.json()["detail"].startswith("Nothing to change: give at least")
                assert self.state(obj) == before

    def test_an_empty_body_is_a_400_asking_for_the_reason(self):
        for name, (obj, _, _) in self.resources.items():
            with self.subTest(name):
                before = self.state(obj)
                response = self.patch(name, obj, {})
                assert response.status_code == 400
                assert response.json() == {"reason": ["This field is required."]}
                assert self.state(obj) == before

    def test_a_change_is_one_version_and_one_history_row(self):
        for name, (obj, change, _) in self.resources.items():
            with self.subTest(name):
                version, rows = self.state(obj)
                response = self.patch(name, obj, {**change, "reason": "clearer"})
                assert response.status_code == 200, response.content
                assert self.state(obj) == (version + 1, rows + 1)
                assert obj.history.order_by("-history_id")[0].history_change_reason == "clearer"


class TestReasons(StrictWritesTestCase):
    def test_a_blank_reason_is_a_400(self):
        for name, (obj, change, _) in self.resources.items():
            for blank in BLANKS:
                with self.subTest(name, reason=blank):
                    before = self.state(obj)
                    response = self.patch(name, obj, {**change, "reason": blank})
                    assert response.status_code == 400, response.content
                    assert list(response.json()) == ["reason"]
                    assert self.state(obj) == before

    def test_a_review_merge_grade_and_link_need_a_reason_that_is_not_blank(self):
        lead = self.client_for("lead")
        actor_url = self.url("actors", self.actor)
        article_url = f"{API}/articles/{self.claim.article_id}/"
        other_claim = make_claim(self.claim.article, quote="Russia delivered L-39 jets to Mali.")
        for blank in ("", "  "):
            cases = [
                (actor_url + "review/", actor_url, {"status": "verified", "reason": blank}),
                (article_url + "grade/", article_url, {"reliability": "B", "reason": blank}),
                (
                    f"{API}/actors/merge/",
                    actor_url,
                    {"survivor": self.actor.pk, "merged": [make_actor().pk], "reason": blank},
                ),
            ]
            for url, read, body in cases:
                with self.subTest(url, reason=blank):
                    response = lead.post(url, body, format="json", HTTP_IF_MATCH=self.etag(read))
                    assert response.status_code == 400 and "reason" in response.json()
            link = {"from_claim": self.claim.pk, "to_claim": other_claim.pk, "kind": "copies"}
            response = lead.post(f"{API}/claim-links/", {**link, "reason": blank}, format="json")
            assert response.status_code == 400 and "reason" in response.json()

    def test_the_schema_pattern_accepts_exactly_what_the_server_accepts(self):
        samples = (*BLANKS, "a", " a ", "\u3000x", "\ufeffx", "x\x00", "\x00", "\u180e")
        for sample in samples:
            with self.subTest(reason=sample):
                field = ReasonField()
                try:
                    field.run_validation(sample)
                except Exception:
                    accepted = False
                else:
                    accepted = True
                assert accepted == bool(re.search(REASON_PATTERN, sample))

    def test_a_delete_reason_is_optional_but_never_blank_nor_repeated(self):
        lead = self.client_for("lead")
        for query in ("?reason=", "?reason=%20", "?reason=a&reason=b", "?why=x"):
            with self.subTest(query):
                event = make_event()
                url = self.url("events", event)
                response = lead.delete(url + query, HTTP_IF_MATCH=self.etag(url))
                assert response.status_code == 400
                assert Event.objects.filter(pk=event.pk).exists()
        event = make_event()
        url = self.url("events", event)
        assert lead.delete(url, HTTP_IF_MATCH=self.etag(url)).status_code == 204
        last = Event.history.filter(id=event.pk).order_by("-history_id")[0]
        assert last.history_change_reason == "Deleted through the API"


class TestMerges(StrictWritesTestCase):
    def merge(self, body, etag=None):
        url = self.url("actors", self.actor)
        return self.client_for("lead").post(
            f"{API}/actors/merge/",
            {"survivor": self.actor.pk, "reason": "same group", **body},
            format="json",
            HTTP_IF_MATCH=etag or self.etag(url),
        )

    def test_the_survivor_among_the_merged_is_always_a_400(self):
        other = make_actor()
        for merged in ([self.actor.pk], [self.actor.pk, other.pk]):
            with self.subTest(merged=merged):
                response = self.merge({"merged": merged})
                assert response.status_code == 400
                assert "cannot be among the merged" in response.json()["merged"][0]
        assert Actor.objects.filter(pk=other.pk).exists()

    def test_a_merged_id_given_twice_or_naming_nothing_is_a_400(self):
        other = make_actor()
        twice = self.merge({"merged": [other.pk, other.pk]})
        assert twice.status_code == 400 and "merged" in twice.json()
        missing = self.merge({"merged": [other.pk, 10**9]})
        assert missing.status_code == 400 and str(10**9) in missing.json()["merged"][0]
        assert Actor.objects.filter(pk=other.pk).exists()


class TestPreconditions(StrictWritesTestCase):
    def test_every_write_without_if_match_is_a_428_before_anything_else(self):
        lead = self.client_for("lead")
        link = ClaimLink.objects.create(
            from_claim=self.claim,
            to_claim=make_claim(self.claim.article, quote="Russia delivered L-39 jets to Mali."),
            kind="copies",
        )
        nothing = 10**12
        writes = [
            ("patch", f"{API}/actors/{nothing}/"),
            ("patch", self.url("actors", self.actor)),
            ("patch", self.url("events", self.event)),
            ("patch", self.url("claims", self.claim)),
            ("delete", self.url("actors", self.actor)),
            ("delete", self.url("events", self.event)),
            ("delete", self.url("claims", self.claim)),
            ("delete", f"{API}/articles/{self.claim.article_id}/"),
            ("delete", f"{API}/claim-links/{link.pk}/"),
            ("post", self.url("actors", self.actor) + "review/"),
            ("post", self.url("events", self.event) + "review/"),
            ("post", self.url("claims", self.claim) + "review/"),
            ("post", f"{API}/articles/{self.claim.article_id}/grade/"),
            ("post", f"{API}/actors/merge/"),
            ("post", f"{API}/events/merge/"),
        ]
        for method, url in writes:
            for header in ({}, {"HTTP_IF_MATCH": "*"}, {"HTTP_IF_MATCH": " , "}):
                with self.subTest(method=method, url=url, header=header):
                    response = getattr(lead, method)(url, {"bogus": 1}, format="json", **header)
                    assert response.status_code == 428, response.content
        assert Claim.objects.filter(pk=self.claim.pk).exists()

    def test_a_stale_if_match_is_a_412(self):
        for name, (obj, change, _) in self.resources.items():
            with self.subTest(name):
                before = self.state(obj)
                response = self.patch(name, obj, {**change, "reason": "x"}, etag='"stale"')
                assert response.status_code == 412
                assert self.state(obj) == before


class TestCountriesPages(StrictWritesTestCase):
    def test_a_repeated_page_is_a_400(self):
        response = self.client_for(None).get(f"{API}/countries/?page=1&page=2")
        assert response.status_code == 400 and "page" in response.json()


class TestSchema(StrictWritesTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        response = APIClient().get(f"{API}/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
        assert response.status_code == 200
        cls.schema = response.json()

    def operations(self):
        for path, item in self.schema["paths"].items():
            for method, operation in item.items():
                if method in ("patch", "post", "delete") and path != f"{API}/auth/token/":
                    yield path, method, operation

    def resolve(self, schema: dict) -> dict:
        while "$ref" in schema:
            schema = self.schema["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def body(self, operation) -> dict:
        content = operation["requestBody"]["content"]["application/json"]["schema"]
        return self.resolve(content)

    def test_every_write_of_an_existing_object_requires_if_match(self):
        creates = {(f"{API}/claims/", "post"), (f"{API}/claim-links/", "post")}
        seen = 0
        for path, method, operation in self.operations():
            with self.subTest(method=method, path=path):
                headers = {
                    p["name"]: p for p in operation.get("parameters", []) if p["in"] == "header"
                }
                if (path, method) in creates:
                    assert "If-Match" not in headers
                    assert not {"412", "428"} & set(operation["responses"])
                    continue
                assert headers["If-Match"]["required"] is True
                assert {"412", "428"} <= set(operation["responses"])
                seen += 1
        assert seen == 14  # 3 PATCH, 5 DELETE, 3 reviews, a grade, 2 merges

    def test_every_reason_is_declared_as_the_server_enforces_it(self):
        optional = {(f"{API}/claims/", "post")}
        for path, method, operation in self.operations():
            with self.subTest(method=method, path=path):
                if method == "delete":
                    [reason] = [p for p in operation["parameters"] if p["name"] == "reason"]
                    assert reason["in"] == "query"
                    assert reason.get("required", False) is path.startswith(f"{API}/claim-links/")
                    schema = reason["schema"]
                else:
                    body = self.body(operation)
                    assert body["additionalProperties"] is False
                    assert ("reason" in body.get("required", [])) is (
                        (path, method) not in optional
                    )
                    schema = body["properties"]["reason"]
                assert schema["minLength"] == 1 and schema["maxLength"] == 5000
                assert schema["pattern"].startswith("^[^\\u0000]*[^\\u0000\\t\\n")

    def test_a_patch_body_needs_the_reason_and_one_field_to_change(self):
        for path, method, operation in self.operations():
            if method == "patch":
                with self.subTest(path):
                    body = self.body(operation)
                    assert body["required"] == ["reason"] and body["minProperties"] == 2
                    assert "equal to the stored ones change nothing" in operation["description"]

    def test_merges_declare_what_json_schema_can_say(self):
        for kind in ("actors", "events"):
            with self.subTest(kind):
                operation = self.schema["paths"][f"{API}/{kind}/merge/"]["post"]
                merged = self.body(operation)["properties"]["merged"]
                assert merged["minItems"] == 1 and merged["uniqueItems"] is True
                assert merged["maxItems"] == 100
                assert "survivor must not be among" in operation["description"]
