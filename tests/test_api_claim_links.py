"""/api/v1/claim-links/ end to end through the HTTP stack: who reads which links, who adds
and deletes them, each refusal's message, the history rows, the filters and the query count."""

from itertools import pairwise

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from facts.choices import LinkKind, Origin, ReviewStatus
from facts.models import Claim, ClaimLink
from facts.services import ReviewError, claim_link_delete
from tests.base import make_article, make_claim, make_staff, newest_history, reviewed

API = "/api/v1"
LINKS = f"{API}/claim-links/"
ROLES = (None, "viewer", "curator", "lead")


class ClaimLinkTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.users = {role: make_staff(role) for role in ("viewer", "curator", "lead")}
        cls.tokens = {role: Token.objects.create(user=user).key for role, user in cls.users.items()}
        article = make_article()
        verified = reviewed(status=ReviewStatus.VERIFIED)
        cls.mali = make_claim(article, statement="Mali left ECOWAS.", **verified)
        cls.niger = make_claim(article, statement="Niger left ECOWAS.", **verified)
        cls.burkina = make_claim(article, statement="Burkina Faso left ECOWAS.", **verified)
        cls.draft = make_claim(article, statement="An unreviewed claim.")
        # The importer's link between two published claims, a curator's to an unpublished one.
        cls.imported = ClaimLink.objects.create(
            from_claim=cls.mali, to_claim=cls.niger, kind=LinkKind.CORROBORATES
        )
        cls.curated = ClaimLink.objects.create(
            from_claim=cls.draft,
            to_claim=cls.mali,
            kind=LinkKind.CONTRADICTS,
            note="Dates disagree.",
            origin=Origin.CURATOR,
            created_by=cls.users["curator"],
        )

    def client_for(self, role: str | None) -> APIClient:
        client = APIClient()
        if role:
            client.credentials(HTTP_AUTHORIZATION=f"Token {self.tokens[role]}")
        return client

    def ids(self, response) -> set[int]:
        assert response.status_code == 200, response.content
        return {link["id"] for link in response.json()["results"]}

    def etag(self, link: ClaimLink) -> str:
        return self.client_for("lead").get(f"{LINKS}{link.pk}/")["ETag"]

    def delete(self, role, link, reason="Wrong pair of claims", etag=None):
        query = "" if reason is None else f"?reason={reason}"
        return self.client_for(role).delete(
            f"{LINKS}{link.pk}/{query}", HTTP_IF_MATCH=etag or self.etag(link)
        )

    def create(self, role, **body):
        payload = {
            "from_claim": self.niger.pk,
            "to_claim": self.burkina.pk,
            "kind": "corroborates",
            "note": "Same wire story.",
            "reason": "Both quote the communiqué",
            **body,
        }
        return self.client_for(role).post(LINKS, payload, format="json")


class TestReading(ClaimLinkTestCase):
    def test_link_representation(self):
        data = self.client_for("viewer").get(f"{LINKS}{self.curated.pk}/").json()
        assert data == {
            "id": self.curated.pk,
            "url": f"http://testserver{LINKS}{self.curated.pk}/",
            "kind": "contradicts",
            "from_claim": {
                "id": self.draft.pk,
                "url": f"http://testserver{API}/claims/{self.draft.pk}/",
                "statement": "An unreviewed claim.",
            },
            "to_claim": {
                "id": self.mali.pk,
                "url": f"http://testserver{API}/claims/{self.mali.pk}/",
                "statement": "Mali left ECOWAS.",
            },
            "note": "Dates disagree.",
            "origin": "curator",
            "created_by": "curator",
            "created_at": data["created_at"],
        }
        assert data["created_at"].startswith(str(self.curated.created_at.year))

    def test_importer_links_name_nobody(self):
        data = self.client_for("lead").get(f"{LINKS}{self.imported.pk}/").json()
        assert data["origin"] == "import" and data["created_by"] is None

    def test_anonymous_readers_see_only_links_between_published_claims(self):
        anonymous = self.client_for(None)
        assert self.ids(anonymous.get(LINKS)) == {self.imported.pk}
        assert anonymous.get(f"{LINKS}{self.curated.pk}/").status_code == 404
        assert self.ids(anonymous.get(LINKS, {"claim": self.draft.pk})) == set()

    def test_anonymous_readers_are_not_told_who_made_a_link(self):
        Claim.objects.filter(pk=self.draft.pk).update(**reviewed(status=ReviewStatus.VERIFIED))
        data = self.client_for(None).get(f"{LINKS}{self.curated.pk}/").json()
        assert data["origin"] == "curator" and data["created_by"] is None

    def test_every_role_sees_every_link(self):
        for role in ("viewer", "curator", "lead"):
            with self.subTest(role=role):
                assert self.ids(self.client_for(role).get(LINKS)) == {
                    self.imported.pk,
                    self.curated.pk,
                }


class TestFilters(ClaimLinkTestCase):
    def test_claim_matches_either_end(self):
        viewer = self.client_for("viewer")
        both = {self.imported.pk, self.curated.pk}
        assert self.ids(viewer.get(LINKS, {"claim": self.mali.pk})) == both
        assert self.ids(viewer.get(LINKS, {"claim": self.niger.pk})) == {self.imported.pk}
        assert self.ids(viewer.get(LINKS, {"claim": self.burkina.pk})) == set()

    def test_from_to_and_kind(self):
        viewer = self.client_for("viewer")
        assert self.ids(viewer.get(LINKS, {"from_claim": self.mali.pk})) == {self.imported.pk}
        assert self.ids(viewer.get(LINKS, {"to_claim": self.mali.pk})) == {self.curated.pk}
        assert self.ids(viewer.get(LINKS, {"kind": "contradicts"})) == {self.curated.pk}
        assert self.ids(viewer.get(LINKS, {"kind": "copies"})) == set()
        both = {"claim": self.mali.pk, "kind": "corroborates"}
        assert self.ids(viewer.get(LINKS, both)) == {self.imported.pk}

    def test_unknown_parameters_and_bad_values_are_refused(self):
        anonymous = self.client_for(None)
        unknown = anonymous.get(LINKS, {"claims": self.mali.pk})
        assert unknown.status_code == 400
        assert unknown.json()["claims"][0].startswith(
            "Unknown parameter “claims”. Accepted here: claim,"
        )
        twice = anonymous.get(f"{LINKS}?kind=copies&kind=contradicts")
        assert twice.status_code == 400 and twice.json() == {"kind": ["Give “kind” once."]}
        for params, field in [
            ({"kind": "agrees"}, "kind"),
            ({"claim": "1.5"}, "claim"),
            ({"claim": "0"}, "claim"),
            ({"from_claim": str(2**64)}, "from_claim"),
            ({"ordering": "note"}, "ordering"),
            ({"page_size": "0"}, "page_size"),
        ]:
            with self.subTest(params=params):
                response = anonymous.get(LINKS, params)
                assert response.status_code == 400, response.content
                assert field in response.json()

    def test_paging_parameters_are_known(self):
        response = self.client_for("viewer").get(LINKS, {"page_size": 1, "ordering": "id"})
        assert response.status_code == 200
        assert [link["id"] for link in response.json()["results"]] == [self.imported.pk]
        following = self.client_for("viewer").get(response.json()["next"])
        assert self.ids(following) == {self.curated.pk}


class TestCreating(ClaimLinkTestCase):
    def test_permissions_per_role(self):
        expected = {None: 401, "viewer": 403, "curator": 201, "lead": 201}
        for role, code in expected.items():
            with self.subTest(role=role):
                kind = {None: "copies", "viewer": "copies", "curator": "corroborates"}
                response = self.create(role, kind=kind.get(role, "contradicts"))
                assert response.status_code == code, response.content

    def test_curators_link_is_theirs_with_its_reason_in_history(self):
        response = self.create("curator")
        assert response.status_code == 201, response.content
        link = ClaimLink.objects.get(pk=response.json()["id"])
        assert response["Location"] == response.json()["url"]
        assert response["ETag"]
        assert (link.from_claim, link.to_claim, link.kind) == (
            self.niger,
            self.burkina,
            "corroborates",
        )
        assert link.origin == Origin.CURATOR and link.created_by == self.users["curator"]
        assert link.note == "Same wire story."
        assert response.json()["created_by"] == "curator"
        record = newest_history(link)
        assert record.history_type == "+"
        assert record.history_user == self.users["curator"]
        assert record.history_change_reason == "Both quote the communiqué"

    def test_refusals_name_the_field(self):
        missing = 9_999_999
        cases = [
            ({"to_claim": self.niger.pk}, "to_claim", "A claim cannot be linked to itself."),
            (
                {"from_claim": self.mali.pk, "to_claim": self.niger.pk},
                "to_claim",
                f"Claim {self.mali.pk} already corroborates claim {self.niger.pk}.",
            ),
            ({"from_claim": missing}, "from_claim", f"There is no claim {missing}."),
            ({"to_claim": missing}, "to_claim", f"There is no claim {missing}."),
            ({"reason": ""}, "reason", "This field may not be blank."),
            ({"reason": "   "}, "reason", "This field may not be blank."),
            ({"kind": "agrees"}, "kind", '"agrees" is not a valid choice.'),
        ]
        for body, field, message in cases:
            with self.subTest(body=body):
                response = self.create("curator", **body)
                assert response.status_code == 400, response.content
                assert response.json() == {field: [message]}
        without_reason = self.client_for("curator").post(
            LINKS,
            {"from_claim": self.niger.pk, "to_claim": self.burkina.pk, "kind": "copies"},
            format="json",
        )
        assert without_reason.status_code == 400
        assert without_reason.json() == {"reason": ["This field is required."]}
        assert ClaimLink.objects.count() == 2

    def test_the_reverse_link_is_another_link(self):
        response = self.create("curator", from_claim=self.niger.pk, to_claim=self.mali.pk)
        assert response.status_code == 201, response.content


class TestDeleting(ClaimLinkTestCase):
    def test_only_a_lead_deletes_a_link_whoever_made_it(self):
        expected = {None: 401, "viewer": 403, "curator": 403}
        for link in (self.imported, self.curated):
            for role, code in expected.items():
                with self.subTest(role=role, link=link.origin):
                    assert self.delete(role, link).status_code == code
            assert self.delete("lead", link).status_code == 204
        assert not ClaimLink.objects.exists()

    def test_history_records_who_deleted_it_and_why(self):
        pk = self.curated.pk
        assert self.delete("lead", self.curated, reason="Not the same event").status_code == 204
        record = ClaimLink.history.filter(id=pk).order_by("-history_date", "-history_id").first()
        assert record.history_type == "-"
        assert record.history_user == self.users["lead"]
        assert record.history_change_reason == "Not the same event"

    def test_a_reason_is_required(self):
        for reason in (None, "", "%20%20"):
            with self.subTest(reason=reason):
                response = self.delete("lead", self.curated, reason=reason)
                assert response.status_code == 400
                assert response.json() == {"reason": ["Say why this link is deleted."]}
        assert ClaimLink.objects.filter(pk=self.curated.pk).exists()

    def test_if_match_is_required_and_must_be_current(self):
        url = f"{LINKS}{self.curated.pk}/?reason=wrong"
        lead = self.client_for("lead")
        assert lead.delete(url).status_code == 428
        stale = lead.delete(url, HTTP_IF_MATCH=f'"claimlink-{self.curated.pk}-0-1"')
        assert stale.status_code == 412
        assert ClaimLink.objects.filter(pk=self.curated.pk).exists()

    def test_a_deleted_link_is_not_found(self):
        response = self.delete("lead", self.imported)
        assert response.status_code == 204, response.content
        gone = self.client_for("lead").delete(
            f"{LINKS}{self.imported.pk}/?reason=again", HTTP_IF_MATCH='"x"'
        )
        assert gone.status_code == 404


class TestQueries(ClaimLinkTestCase):
    def list_queries(self, role) -> int:
        client = self.client_for(role)
        client.get(LINKS)  # warm: the role lookup and anything cached per process
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LINKS)
        assert response.status_code == 200
        return len(queries)

    def test_list_queries_do_not_grow_with_the_links(self):
        few = {role: self.list_queries(role) for role in (None, "lead")}
        article = make_article()
        verified = reviewed(status=ReviewStatus.VERIFIED)
        claims = [make_claim(article, **verified) for _ in range(6)]
        curator = self.users["curator"]
        for first, second in pairwise(claims):
            ClaimLink.objects.create(
                from_claim=first, to_claim=second, kind="copies", created_by=curator
            )
        assert ClaimLink.objects.count() == 7
        assert {role: self.list_queries(role) for role in (None, "lead")} == few
        # Anonymous: the page of links joined to both claims, visibility in the same query.
        assert few[None] == 1
        # A role: the token, its account and role come from the cache after the warming
        # request (facts.api.authentication); the page of links joined to both claims and
        # the curator.
        assert few["lead"] == 1


class TestDeleteService(ClaimLinkTestCase):
    """claim_link_delete checks its own rules, whoever calls it."""

    def test_refuses_a_curator_and_a_blank_reason(self):
        with self.assertRaisesMessage(PermissionDenied, "Only a lead deletes claim links."):
            claim_link_delete(link=self.curated, user=self.users["curator"], reason="mine")
        with self.assertRaisesMessage(ReviewError, "Say why this link is deleted."):
            claim_link_delete(link=self.curated, user=self.users["lead"], reason=" ")
        assert ClaimLink.objects.filter(pk=self.curated.pk).exists()

    def test_deletes_with_who_and_why(self):
        pk = self.imported.pk
        claim_link_delete(link=self.imported, user=self.users["lead"], reason="Not a copy")
        record = ClaimLink.history.filter(id=pk).latest("history_date", "history_id")
        assert (record.history_type, record.history_user, record.history_change_reason) == (
            "-",
            self.users["lead"],
            "Not a copy",
        )
