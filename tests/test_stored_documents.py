"""The claims list's read model (facts.models.documents, facts.api.documents): what it serves
equals what the declared serializer gives, for every reader, and it is never stale, whatever
changed what a claim shows and however it was written."""

import io
import json

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIRequestFactory

from facts.api import serializers as s
from facts.api.documents import (
    _OPEN_SENTINEL,
    _ORIGIN_SENTINEL,
    CLAIMS,
    EVENTS,
    build_documents,
    build_stale_documents,
    store_documents,
)
from facts.api.views import ClaimViewSet, EventViewSet
from facts.choices import LinkKind, ReviewStatus
from facts.models import (
    Actor,
    Article,
    Claim,
    ClaimDocument,
    ClaimLink,
    Country,
    Event,
    EventDocument,
    EventParticipant,
    Place,
)
from facts.models.document_triggers import ensure_document_triggers
from tests.base import make_actor, make_article, make_claim, make_event, reviewed
from tests.test_api import API, APITestCase


def _plain(data):
    return json.loads(json.dumps(data))


def declared(
    ids,
    user,
    path: str = f"{API}/claims/",
    viewset=ClaimViewSet,
    serializer=s.ClaimSerializer,
    **extra,
) -> dict[int, dict]:
    """id -> the record as its declared serializer gives it to `user` (None: anonymous)."""
    from django.contrib.auth.models import AnonymousUser
    from django.urls import get_script_prefix, set_script_prefix

    request = APIRequestFactory().get(path, **extra)
    view = viewset(action_map={"get": "retrieve"})
    view.request = view.initialize_request(request)
    view.request.user = user or AnonymousUser()
    view.format_kwarg = None
    view.action = "retrieve"
    context = {"request": view.request}
    records = view.get_queryset().filter(pk__in=ids)
    before = get_script_prefix()
    set_script_prefix(extra.get("SCRIPT_NAME", "") + "/")
    try:
        return {record.pk: _plain(serializer(record, context=context).data) for record in records}
    finally:
        set_script_prefix(before)


def stored(record):
    if isinstance(record, Event):
        return EventDocument.objects.get(event=record)
    return ClaimDocument.objects.get(claim=record)


class DocumentsTestCase(APITestCase):
    def listed(self, role, query: str = "page_size=500", **extra) -> dict[int, dict]:
        response = self.client_for(role).get(f"{API}/claims/?{query}", **extra)
        assert response.status_code == 200, response.content
        return {row["id"]: row for row in response.json()["results"]}

    def assert_list_is_declared(self, role, **extra):
        listed = self.listed(role, **extra)
        user = self.users[role] if role else None
        expected = declared(listed, user, **extra)
        assert listed.keys() == expected.keys()
        for claim_id, row in listed.items():
            assert list(row) == list(expected[claim_id]), claim_id
            assert row == expected[claim_id], claim_id
        return listed


class TestServedEqualsDeclared(DocumentsTestCase):
    def test_every_reader_gets_what_the_serializer_gives_built_then_stored(self):
        event = make_event(status=ReviewStatus.UNREVIEWED)
        verified = make_claim(event=event, **reviewed(status=ReviewStatus.VERIFIED))
        for role in (None, "viewer", "lead"):
            self.assert_list_is_declared(role)  # built on this read
            self.assert_list_is_declared(role)  # served from storage
        document = stored(verified)
        assert document.body is not None
        # A reader without a role is not shown the link to an unverified event.
        assert document.public_body is not None and '"event":null' in document.public_body
        assert self.listed(None)[verified.pk]["event"] is None
        assert self.listed("viewer")[verified.pk]["event"]["id"] == event.pk

    @override_settings(ALLOWED_HOSTS=["testserver", "facts.example.org"])
    def test_urls_follow_the_host_and_script_prefix_of_each_request(self):
        from django.urls import set_script_prefix

        self.listed("viewer")  # stored under testserver, no prefix
        # What the WSGI handler does for an app mounted at /sahel (the test client does not).
        set_script_prefix("/sahel/")
        try:
            other = self.assert_list_is_declared(
                "viewer", HTTP_HOST="facts.example.org", SCRIPT_NAME="/sahel"
            )
        finally:
            set_script_prefix("/")
        row = next(iter(other.values()))
        assert row["url"] == f"http://facts.example.org/sahel{API}/claims/{row['id']}/"
        assert row["article"]["url"].startswith(f"http://facts.example.org/sahel{API}/articles/")
        # The article's own address is data, never rewritten.
        assert not row["article"]["source_url"].startswith("http://facts.example.org")

    def test_a_claim_whose_text_holds_a_mark_is_served_afresh_not_stored(self):
        article = Article.objects.first()
        for odd in (_ORIGIN_SENTINEL, _OPEN_SENTINEL, "\x01\x02 controls"):
            claim = make_claim(
                article, quote=article.text[:20], quote_start=0, statement=f"odd {odd} text"
            )
            listed = self.assert_list_is_declared("viewer")
            assert listed[claim.pk]["statement"] == f"odd {odd} text"
            assert stored(claim).body is None if "\ue000" in odd else stored(claim).body

    def test_indented_and_sparse_lists_still_answer_through_the_serializer_path(self):
        plain = self.listed("viewer")
        indented = self.client_for("viewer").get(
            f"{API}/claims/?page_size=500", HTTP_ACCEPT="application/json; indent=2"
        )
        assert b'\n  "results"' in indented.content
        assert {row["id"]: row for row in indented.json()["results"]} == plain
        sparse = self.client_for("viewer").get(f"{API}/claims/?page_size=5&fields=id,statement")
        assert list(sparse.json()["results"][0]) == ["id", "statement"]


class TestNeverStale(DocumentsTestCase):
    """Each way what a claim shows can change marks its document stale at once, and the next
    list shows the change."""

    def setUp(self):
        self.listed("viewer")  # every document built and stored
        assert not ClaimDocument.objects.filter(body__isnull=True).exists()
        self.claim = Claim.objects.filter(subject__isnull=False, event__isnull=False).first()

    def assert_changed(self, claim, check):
        assert stored(claim).body is None  # marked stale by the database itself
        row = self.assert_list_is_declared("viewer")[claim.pk]
        check(row)
        assert stored(claim).body is not None  # and stored again

    def test_the_claim_itself_even_through_a_bulk_update(self):
        Claim.objects.filter(pk=self.claim.pk).update(statement="Rewritten in bulk")
        self.assert_changed(self.claim, lambda row: row["statement"] == "Rewritten in bulk")

    def test_an_actor_renamed_as_subject_and_as_mention(self):
        subject = self.claim.subject
        mentioned = make_actor(name="Mentioned Before")
        self.claim.actors.add(mentioned)
        self.assert_changed(self.claim, lambda row: "Mentioned Before" in str(row["actors"]))
        Actor.objects.filter(pk=subject.pk).update(name="Renamed Subject")
        self.assert_changed(self.claim, lambda row: row["subject"]["name"] == "Renamed Subject")
        mentioned.name = "Mentioned After"
        mentioned.save()
        self.assert_changed(self.claim, lambda row: "Mentioned After" in str(row["actors"]))
        self.claim.actors.remove(mentioned)
        self.assert_changed(self.claim, lambda row: "Mentioned" not in str(row["actors"]))

    def test_an_actor_saved_unchanged_leaves_documents_alone(self):
        subject = self.claim.subject
        before = stored(self.claim)
        subject.save()
        after = stored(self.claim)
        assert after.body is not None and after.generation == before.generation

    def test_a_country_renamed(self):
        country = Country.objects.get(alpha3="NER")
        claim = Claim.objects.filter(countries=country).first()
        Country.objects.filter(pk=country.pk).update(name="Niger (renamed)")
        self.assert_changed(claim, lambda row: "Niger (renamed)" in str(row["countries"]))

    def test_an_event_retitled_and_its_status_for_the_public(self):
        event = self.claim.event
        Event.objects.filter(pk=event.pk).update(title="A new title")
        self.assert_changed(self.claim, lambda row: row["event"]["title"] == "A new title")
        Claim.objects.filter(pk=self.claim.pk).update(status=ReviewStatus.VERIFIED)
        Event.objects.filter(pk=event.pk).update(status=ReviewStatus.UNREVIEWED)
        self.assert_changed(self.claim, lambda row: row["event"] is not None)
        assert self.listed(None)[self.claim.pk]["event"] is None
        Event.objects.filter(pk=event.pk).update(status=ReviewStatus.VERIFIED)
        assert self.listed(None)[self.claim.pk]["event"]["title"] == "A new title"

    def test_an_article_regraded(self):
        article = self.claim.article
        Article.objects.filter(pk=article.pk).update(reliability="F", title="Retitled")
        self.assert_changed(
            self.claim,
            lambda row: (
                row["article"]["reliability"] == "F" and row["article"]["title"] == "Retitled"
            ),
        )

    def test_a_new_claim_and_a_deleted_one(self):
        article = Article.objects.first()
        claim = make_claim(article, quote=article.text[:20], quote_start=0)
        assert stored(claim).body is None
        assert claim.pk in self.assert_list_is_declared("viewer")
        claim_id = claim.pk
        claim.delete()
        assert not ClaimDocument.objects.filter(claim_id=claim_id).exists()
        assert claim_id not in self.listed("viewer")

    def test_evidence_moves_with_other_claims_without_a_rebuild(self):
        claim = self.claim
        other = make_claim(make_article(), **reviewed(status=ReviewStatus.VERIFIED))
        generation = stored(claim).generation
        ClaimLink.objects.create(
            from_claim=other,
            to_claim=claim,
            kind=LinkKind.CONTRADICTS,
            created_by=self.users["lead"],
        )
        row = self.assert_list_is_declared("viewer")[claim.pk]
        assert row["contradicted"] is True and row["contradictions"] >= 1
        assert stored(claim).generation == generation  # the document itself did not change


class TestBuilding(DocumentsTestCase):
    def test_a_change_landing_while_a_document_is_built_is_not_hidden(self):
        claim = Claim.objects.first()
        generations = {claim.pk: stored(claim).generation}
        built = build_documents(CLAIMS, [claim.pk])  # what a reader built from the old data
        Claim.objects.filter(pk=claim.pk).update(statement="Changed meanwhile")
        store_documents(CLAIMS, built, generations)  # its write comes after the change
        assert stored(claim).body is None
        row = self.assert_list_is_declared("viewer")[claim.pk]
        assert row["statement"] == "Changed meanwhile"

    def test_the_command_builds_what_is_stale_or_everything(self):
        claims, events = Claim.objects.count(), Event.objects.count()
        out = io.StringIO()
        call_command("build_documents", stdout=out)
        lines = out.getvalue().splitlines()
        assert lines[0].startswith(f"stored claim representations: {claims:,} built in ")
        assert lines[1].startswith(f"stored event representations: {events:,} built in ")
        assert not ClaimDocument.objects.filter(body__isnull=True).exists()
        assert not EventDocument.objects.filter(body__isnull=True).exists()
        assert build_stale_documents(CLAIMS) == build_stale_documents(EVENTS) == 0
        out = io.StringIO()
        call_command("build_documents", "--all", "--chunk", "7", stdout=out)
        assert f"{claims:,} built" in out.getvalue() and f"{events:,} built" in out.getvalue()
        self.assert_list_is_declared(None)

    def test_lost_triggers_are_put_back_and_every_document_marked_stale(self):
        self.listed("viewer")
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("DROP TRIGGER facts_claimdocument_actor_update ON facts_actor")
            else:
                cursor.execute("DROP TRIGGER facts_claimdocument_actor_update")
        assert ensure_document_triggers(connection) is True
        assert not ClaimDocument.objects.filter(body__isnull=False).exists()
        assert ensure_document_triggers(connection) is False  # nothing missing now
        self.listed("viewer")
        claim = Claim.objects.filter(subject__isnull=False).first()
        Actor.objects.filter(pk=claim.subject_id).update(name="Seen again")
        assert self.listed("viewer")[claim.pk]["subject"]["name"] == "Seen again"


class TestCredentialsCache(DocumentsTestCase):
    def test_a_role_taken_away_applies_at_the_next_request(self):
        viewer = self.users["viewer"]
        event = make_event(status=ReviewStatus.UNREVIEWED)
        hidden = make_claim(event=event, status=ReviewStatus.UNREVIEWED)
        client = self.client_for("viewer")
        assert client.get(f"{API}/claims/{hidden.pk}/").status_code == 200
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{API}/claims/{hidden.pk}/").status_code == 200
        assert not any("authtoken_token" in q["sql"] for q in queries.captured_queries)
        viewer.groups.remove(Group.objects.get(name="viewer"))
        assert client.get(f"{API}/claims/{hidden.pk}/").status_code == 404

    def test_a_deleted_token_or_deactivated_account_is_refused_at_once(self):
        client = self.client_for("curator")
        assert client.get(f"{API}/claims/?page_size=1").status_code == 200
        curator = self.users["curator"]
        curator.is_active = False
        curator.save()
        assert client.get(f"{API}/claims/?page_size=1").status_code == 401
        client = self.client_for("lead")
        assert client.get(f"{API}/claims/?page_size=1").status_code == 200
        self.users["lead"].auth_token.delete()
        assert client.get(f"{API}/claims/?page_size=1").status_code == 401

    @override_settings(API_CREDENTIALS_CACHE_SECONDS=0)
    def test_with_the_cache_off_every_request_looks_the_token_up(self):
        client = self.client_for("viewer")
        client.get(f"{API}/claims/?page_size=1")
        with CaptureQueriesContext(connection) as queries:
            client.get(f"{API}/claims/?page_size=1")
        assert any("authtoken_token" in q["sql"] for q in queries.captured_queries)


class TestEvents(DocumentsTestCase):
    def listed_events(self, role) -> dict[int, dict]:
        response = self.client_for(role).get(f"{API}/events/?page_size=500")
        assert response.status_code == 200, response.content
        return {row["id"]: row for row in response.json()["results"]}

    def assert_events_are_declared(self, role) -> dict[int, dict]:
        listed = self.listed_events(role)
        user = self.users[role] if role else None
        expected = declared(
            listed, user, f"{API}/events/", viewset=EventViewSet, serializer=s.EventSerializer
        )
        assert listed.keys() == expected.keys() and listed
        for event_id, row in listed.items():
            assert list(row) == list(expected[event_id]), event_id
            assert row == expected[event_id], event_id
        return listed

    def test_every_reader_gets_what_the_serializer_gives(self):
        for role in (None, "viewer", "lead"):
            self.assert_events_are_declared(role)
            self.assert_events_are_declared(role)
        assert not EventDocument.objects.filter(body__isnull=True).exists()

    def test_participants_places_countries_and_names_mark_events_stale(self):
        self.listed_events("viewer")
        event = Event.objects.filter(participants__isnull=False).first()
        participant = event.participants.select_related("actor").first()

        def changed(check):
            assert stored(event).body is None
            row = self.assert_events_are_declared("viewer")[event.pk]
            check(row)
            self.assert_events_are_declared(None)

        Actor.objects.filter(pk=participant.actor_id).update(name="Renamed Participant")
        changed(lambda row: "Renamed Participant" in str(row["participants"]))
        EventParticipant.objects.filter(pk=participant.pk).update(role="target")
        changed(lambda row: "target" in str(row["participants"]))
        EventParticipant.objects.filter(pk=participant.pk).delete()
        changed(lambda row: "Renamed Participant" not in str(row["participants"]))
        place = Place.objects.filter(admin1__isnull=False).first()
        Event.objects.filter(pk=event.pk).update(place=place)
        changed(lambda row: row["place"]["slug"] == place.slug)
        Place.objects.filter(pk=place.admin1_id).update(name="A renamed region")
        changed(lambda row: row["admin1"]["name"] == "A renamed region")
        country = Country.objects.get(alpha3="BFA")
        event.countries.add(country)
        changed(lambda row: "BFA" in str(row["countries"]))
        Country.objects.filter(pk=country.pk).update(name="Burkina (renamed)")
        changed(lambda row: "Burkina (renamed)" in str(row["countries"]))

    def test_sources_follow_claims_without_a_rebuild(self):
        event = make_event(status=ReviewStatus.VERIFIED, **reviewed())
        self.listed_events(None)
        generation = stored(event).generation
        assert self.listed_events(None)[event.pk]["sources"] == 0
        make_claim(make_article(), event=event, **reviewed(status=ReviewStatus.VERIFIED))
        make_claim(make_article(), event=event, status=ReviewStatus.UNREVIEWED)
        assert self.listed_events(None)[event.pk]["sources"] == 1  # verified ones only
        assert self.listed_events("viewer")[event.pk]["sources"] == 2
        assert stored(event).generation == generation


class TestWritesThroughTheApi(DocumentsTestCase):
    def test_a_clients_write_shows_in_its_next_list_read(self):
        client = self.client_for("curator")
        claim = self.niger
        before = self.listed("curator")[claim.pk]  # its document is now stored
        url = f"{API}/claims/{claim.pk}/"
        edit = {
            "statement": "Tchiani ousted Bazoum.",
            "countries": ["NER", "MLI"],
            "object_actor": "mohamed-bazoum",
            "reason": "tidy",
        }
        tag = client.get(url)["ETag"]
        response = client.patch(url, edit, format="json", HTTP_IF_MATCH=tag)
        assert response.status_code == 200, response.content
        row = self.assert_list_is_declared("curator")[claim.pk]
        assert row != before and row == client.get(url).json()
        assert row["statement"] == "Tchiani ousted Bazoum."
        assert {country["code"] for country in row["countries"]} == {"NER", "MLI"}
        assert row["object_actor"]["slug"] == "mohamed-bazoum"
        review = {"status": "rejected", "reason": "Outdated", "credibility": 5}
        tag = client.get(url)["ETag"]
        reviewed_ = client.post(url + "review/", review, format="json", HTTP_IF_MATCH=tag)
        assert reviewed_.status_code == 200, reviewed_.content
        row = self.listed("curator")[claim.pk]
        assert row["status"] == "rejected" and row["credibility"] == 5
        assert claim.pk not in self.listed(None)  # no longer published
