"""A permission test for every endpoint × method × role (anonymous, viewer, curator, lead).

Each request runs in its own savepoint, rolled back afterwards, so every case starts from
the same curated seed data."""

from django.db import transaction

from facts.models import Actor, Article, Claim, ClaimLink, Event
from tests.test_api import API, APITestCase

READ, WRITE, MERGE, DELETE = "read", "write", "merge", "delete"
# What each role may do; anything else is refused (401 for anonymous, 403 for the others).
ALLOWED = {
    None: {READ},
    "viewer": {READ},
    "curator": {READ, WRITE},
    "lead": {READ, WRITE, MERGE, DELETE},
}
SUCCESS = {"GET": {200}, "POST": {200, 201}, "PATCH": {200}, "DELETE": {204}}


class TestEveryEndpointForEveryRole(APITestCase):
    def cases(self):
        claim = self.niger
        event = Event.objects.get(slug="2023-07-coup-in-niger")
        other_event = Event.objects.get(slug="2022-coup-in-burkina-faso")
        actor = Actor.objects.get(slug="assimi-goita")
        spare_actor = Actor.objects.create(slug="spare", name="Spare Actor", kind="person")
        spare_article = Article.objects.create(
            sha256="c" * 64, title="Spare", raw_text="x", text="Mali.", text_sha256="d" * 64
        )
        article = claim.article
        quote = "French troops also departed Burkina Faso in early 2023."
        Claim.objects.filter(article=article, quote=quote).delete()
        first, second = Claim.objects.filter(status="verified").exclude(pk=claim.pk)[:2]
        link = ClaimLink.objects.create(from_claim=first, to_claim=second, kind="corroborates")
        return [
            ("GET", f"{API}/countries/", None, READ),
            ("GET", f"{API}/countries/MLI/", None, READ),
            ("GET", f"{API}/actors/", None, READ),
            ("GET", f"{API}/actors/{actor.pk}/", None, READ),
            ("GET", f"{API}/actors/{actor.pk}/history/", None, READ),
            ("PATCH", f"{API}/actors/{actor.pk}/", {"title": "General", "reason": "rank"}, WRITE),
            (
                "POST",
                f"{API}/actors/{actor.pk}/review/",
                {"status": "verified", "reason": "ok"},
                WRITE,
            ),
            (
                "POST",
                f"{API}/actors/merge/",
                {"survivor": actor.pk, "merged": [spare_actor.pk], "reason": "same"},
                MERGE,
            ),
            ("DELETE", f"{API}/actors/{spare_actor.pk}/", None, DELETE),
            ("GET", f"{API}/events/", None, READ),
            ("GET", f"{API}/events/{event.pk}/", None, READ),
            ("GET", f"{API}/events/{event.pk}/history/", None, READ),
            ("GET", f"{API}/events/export/csv/", None, READ),
            ("GET", f"{API}/events/export/jsonl/", None, READ),
            ("GET", f"{API}/events/export/geojson/", None, READ),
            ("GET", f"{API}/events/?bbox=-12,4,16,25&admin1=Tillaberi", None, READ),
            ("GET", f"{API}/places/", None, READ),
            ("GET", f"{API}/places/ne-niamey/", None, READ),
            (
                "PATCH",
                f"{API}/events/{event.pk}/",
                {"place": "ne-niamey", "location_precision": "exact", "reason": "palace"},
                WRITE,
            ),
            (
                "PATCH",
                f"{API}/events/{event.pk}/",
                {"location": "Niamey", "reason": "place"},
                WRITE,
            ),
            (
                "POST",
                f"{API}/events/{event.pk}/review/",
                {"status": "verified", "reason": "ok"},
                WRITE,
            ),
            (
                "POST",
                f"{API}/events/merge/",
                {"survivor": event.pk, "merged": [other_event.pk], "reason": "test"},
                MERGE,
            ),
            ("DELETE", f"{API}/events/{event.pk}/", None, DELETE),
            ("GET", f"{API}/articles/", None, READ),
            ("GET", f"{API}/articles/{article.pk}/", None, READ),
            ("GET", f"{API}/articles/{article.pk}/text/", None, READ),
            ("GET", f"{API}/articles/{article.pk}/annotations/", None, READ),
            ("GET", f"{API}/articles/{article.pk}/annotations/?page=1", None, READ),
            (
                "POST",
                f"{API}/articles/{article.pk}/grade/",
                {"reliability": "E", "reason": "x"},
                WRITE,
            ),
            ("DELETE", f"{API}/articles/{spare_article.pk}/", None, DELETE),
            ("GET", f"{API}/claims/", None, READ),
            ("GET", f"{API}/claims/{claim.pk}/", None, READ),
            ("GET", f"{API}/claims/{claim.pk}/history/", None, READ),
            ("GET", f"{API}/claims/{claim.pk}/annotation/", None, READ),
            ("GET", f"{API}/claims/export/csv/", None, READ),
            ("GET", f"{API}/claims/export/jsonl/", None, READ),
            ("POST", f"{API}/claims/", {"article": article.pk, "quote": quote}, WRITE),
            ("PATCH", f"{API}/claims/{claim.pk}/", {"statement": "Edited.", "reason": "x"}, WRITE),
            (
                "POST",
                f"{API}/claims/{claim.pk}/review/",
                {"status": "disputed", "reason": "x"},
                WRITE,
            ),
            ("DELETE", f"{API}/claims/{claim.pk}/", None, DELETE),
            ("GET", f"{API}/claim-links/", None, READ),
            ("GET", f"{API}/claim-links/?claim={first.pk}&kind=corroborates", None, READ),
            ("GET", f"{API}/claim-links/{link.pk}/", None, READ),
            ("GET", f"{API}/claim-links/{link.pk}/history/", None, READ),
            (
                "POST",
                f"{API}/claim-links/",
                {"from_claim": second.pk, "to_claim": first.pk, "kind": "copies", "reason": "x"},
                WRITE,
            ),
            ("DELETE", f"{API}/claim-links/{link.pk}/?reason=wrong", None, DELETE),
            ("GET", f"{API}/changes/?updated_after=2020-01-01T00:00:00Z", None, READ),
            ("GET", f"{API}/tombstones/?since=2020-01-01T00:00:00Z", None, READ),
            ("GET", f"{API}/schema/", None, READ),
            ("GET", f"{API}/docs/", None, READ),
        ]

    def check_role(self, role):
        for method, url, payload, kind in self.cases():
            with self.subTest(role=role, method=method, url=url), transaction.atomic():
                client = self.client_for(role)
                headers = {}
                if method in {"PATCH", "DELETE"} or url.endswith(("review/", "grade/", "merge/")):
                    target = (
                        url.rsplit("/", 2)[0] + "/" if url.endswith(("review/", "grade/")) else url
                    )
                    if url.endswith("merge/"):
                        target = url.replace("merge/", f"{payload['survivor']}/")
                    headers["HTTP_IF_MATCH"] = self.client_for("lead").get(target)["ETag"]
                response = getattr(client, method.lower())(url, payload, format="json", **headers)
                if kind in ALLOWED[role]:
                    assert response.status_code in SUCCESS[method], (
                        role,
                        method,
                        url,
                        response.status_code,
                        getattr(response, "data", None),
                    )
                else:
                    assert response.status_code == (401 if role is None else 403), (
                        role,
                        method,
                        url,
                        response.status_code,
                    )
                transaction.set_rollback(True)

    def test_anonymous(self):
        self.check_role(None)

    def test_viewer(self):
        self.check_role("viewer")

    def test_curator(self):
        self.check_role("curator")

    def test_lead(self):
        self.check_role("lead")
