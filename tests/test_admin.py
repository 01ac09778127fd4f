"""The curators' workbench in the admin: review queue, evidence, merges, history, roles,
lost updates and list pages that stay fast."""

import re

from django.contrib.admin.sites import site
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facts.models import Actor, ActorAlias, Article, Claim, Country, Event
from tests.base import import_seeds, make_staff


def changelist(model: str) -> str:
    return reverse(f"admin:facts_{model}_changelist")


def change(model: str, pk: int) -> str:
    return reverse(f"admin:facts_{model}_change", args=[pk])


class WorkbenchTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        import_seeds()
        cls.viewer = make_staff("viewer")
        cls.curator = make_staff("curator")
        cls.other_curator = make_staff("curator", "curator2")
        cls.lead = make_staff("lead")
        cls.niger_claim = Claim.objects.get(quote__startswith="Most recently, Niger")


class TestReviewQueue(WorkbenchTestCase):
    def test_queue_opens_on_unreviewed_claims_most_confident_first(self):
        self.client.force_login(self.curator)
        response = self.client.get(changelist("claim"))
        self.assertRedirects(response, changelist("claim") + "?status__exact=unreviewed")
        response = self.client.get(changelist("claim") + "?status__exact=unreviewed")
        shown = list(response.context["cl"].result_list)
        confidences = [c.confidence for c in shown]
        assert confidences == sorted(confidences, reverse=True)
        assert all(c.status == "unreviewed" for c in shown)
        content = response.content.decode()
        for column in [
            "statement",
            "article",
            "status",
            "credibility",
            "corroborated by",
            "contradicted",
        ]:
            assert f">{column.capitalize()}<" in content or column in content.lower(), column
        assert "3 other articles" in content  # the AES founding, reported by three others

    def test_search_box_uses_the_full_text_index_any_accent_any_case(self):
        self.client.force_login(self.viewer)
        goita = Claim.objects.filter(quote__contains="Goïta")
        assert goita.exists()
        for term in ("goita", "GOÏTA", "goi*"):
            response = self.client.get(changelist("claim") + "?q=" + term)
            found = {c.pk for c in response.context["cl"].result_list}
            assert found and found <= set(
                Claim.objects.filter(search_text__contains="goi").values_list("pk", flat=True)
            ), term
            assert set(goita.values_list("pk", flat=True)) <= found, term
        response = self.client.get(changelist("event") + "?q=coup+niger")
        titles = [e.title.lower() for e in response.context["cl"].result_list]
        assert titles and all(
            "coup" in (e.search_text) for e in response.context["cl"].result_list
        ), titles
        response = self.client.get(changelist("article") + "?q=wagner")
        assert all("wagner" in a.search_text for a in response.context["cl"].result_list)
        assert response.context["cl"].result_list

    def test_bulk_verify_asks_for_a_reason_then_records_who_when_and_why(self):
        self.client.force_login(self.curator)
        claims = list(Claim.objects.filter(event__kind="alliance-formation")[:2])
        data = {"action": "verify", "_selected_action": [c.pk for c in claims]}
        page = self.client.post(changelist("claim") + "?status__exact=unreviewed", data)
        assert page.status_code == 200 and b"Mark verified" in page.content
        refused = self.client.post(
            changelist("claim") + "?status__exact=unreviewed", {**data, "apply": "1", "reason": " "}
        )
        assert b"This field is required" in refused.content
        assert Claim.objects.filter(pk__in=[c.pk for c in claims], status="verified").count() == 0
        self.client.post(
            changelist("claim") + "?status__exact=unreviewed",
            {**data, "apply": "1", "reason": "Three independent reports agree", "credibility": "2"},
        )
        for claim in Claim.objects.filter(pk__in=[c.pk for c in claims]):
            assert (claim.status, claim.reviewed_by, claim.credibility) == (
                "verified",
                self.curator,
                2,
            )
            assert claim.status_reason == "Three independent reports agree"
            record = claim.history.latest("history_date")
            assert record.history_user == self.curator
            assert record.history_change_reason == "verified: Three independent reports agree"

    def test_one_claim_needs_a_reason_for_a_new_status_too(self):
        self.client.force_login(self.curator)
        claim = self.niger_claim
        data = claim_form_data(self.client, claim)
        data.update({"review_status": "rejected", "review_reason": ""})
        response = self.client.post(change("claim", claim.pk), data)
        assert "Say why the claim is rejected." in response.content.decode()
        data["review_reason"] = "Quote misattributed"
        response = self.client.post(change("claim", claim.pk), data)
        assert response.status_code == 302, errors(response)
        claim.refresh_from_db()
        assert (claim.status, claim.status_reason) == ("rejected", "Quote misattributed")


def errors(response) -> str:
    if response.context and "adminform" in response.context:
        return str(response.context["adminform"].form.errors)
    return response.content.decode()[:500]


def _inline_management() -> dict:
    prefix = "links_out"
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def claim_form_data(client, claim) -> dict:
    return claim_form_data_from(client.get(change("claim", claim.pk)).context["adminform"].form)


def claim_form_data_from(form) -> dict:
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if isinstance(field, __import__("django").forms.ModelMultipleChoiceField):
            data[name] = [getattr(v, "pk", v) for v in (value or [])]
        elif hasattr(value, "pk"):
            data[name] = value.pk
        else:
            data[name] = "" if value is None else value
    data.update(_inline_management())
    return data


class TestEvidence(WorkbenchTestCase):
    def test_claim_page_highlights_its_quote_in_the_passage_and_links_to_the_article(self):
        self.client.force_login(self.viewer)
        claim = self.niger_claim
        content = self.client.get(change("claim", claim.pk)).content.decode()
        assert re.search(
            r'<mark class="claim-quote"[^>]*><a href="[^"]+">Most recently, Niger', content
        )
        assert f"{change('article', claim.article_id)}#claim-{claim.pk}" in content
        assert "Burkina Faso endured two coups" in content  # the passage around it

    def test_article_page_highlights_every_claim_each_linking_back(self):
        self.client.force_login(self.viewer)
        article = self.niger_claim.article
        content = self.client.get(change("article", article.pk)).content.decode()
        for claim in article.claims.all():
            assert f'id="claim-{claim.pk}"' in content
            assert f'href="{change("claim", claim.pk)}"' in content
        # A mark's classes also say its claim's status ("claim-quote status-verified").
        assert content.count('<mark class="claim-quote') >= article.claims.count()
        assert "generation-artifacts" in content and "Show the raw text as received" in content
        assert "Reliability" in content

    def test_event_page_lists_its_participants_and_supporting_claims(self):
        self.client.force_login(self.viewer)
        coup = Event.objects.get(kind="coup", countries__alpha3="NER")
        content = self.client.get(change("event", coup.pk)).content.decode()
        assert "Abdourahamane Tchiani" in content and "leader" in content.lower()
        assert change("claim", self.niger_claim.pk) in content

    def test_every_foreign_key_uses_autocomplete_or_is_read_only(self):
        from django.contrib.admin.widgets import AutocompleteMixin
        from django.forms import ModelChoiceField
        from django.test import RequestFactory

        request = RequestFactory().get("/")
        request.user = self.lead
        checked = 0
        for model, model_admin in site._registry.items():
            if model._meta.app_label != "facts":
                continue
            forms = [model_admin.get_form(request)]
            forms += [
                inline(model, site).get_formset(request).form for inline in model_admin.inlines
            ]
            for form in forms:
                for name, field in form.base_fields.items():
                    if not isinstance(field, ModelChoiceField):
                        continue
                    widget = getattr(field.widget, "widget", field.widget)
                    assert isinstance(widget, AutocompleteMixin), (
                        f"{form.__name__}.{name} would render a select box"
                    )
                    checked += 1
        assert checked > 20


class TestMerging(WorkbenchTestCase):
    def test_lead_merges_a_duplicate_actor_and_every_reference_moves(self):
        duplicate = Actor.objects.create(
            slug="j-n-i-m", name="Jamaat Nusrat al-Islam", kind="armed-group"
        )
        claim = Claim.objects.filter(actors__slug="jnim").first()
        claim.actors.add(duplicate)
        claim.subject = duplicate
        claim.save()
        jnim = Actor.objects.get(slug="jnim")
        self.client.force_login(self.lead)
        response = self.client.post(
            changelist("actor"),
            {
                "action": "merge_selected",
                "_selected_action": [jnim.pk, duplicate.pk],
                "apply": "1",
                "survivor": jnim.pk,
                "reason": "Same group, transliteration variant",
            },
        )
        assert response.status_code == 302
        assert not Actor.objects.filter(pk=duplicate.pk).exists()
        claim.refresh_from_db()
        assert claim.subject == jnim and not claim.actors.filter(pk=duplicate.pk).exists()
        assert ActorAlias.objects.get(name="Jamaat Nusrat al-Islam").actor == jnim
        deleted = Actor.history.filter(id=duplicate.pk, history_type="-").get()
        assert deleted.history_user == self.lead
        assert "Same group, transliteration variant" in deleted.history_change_reason
        assert "Same group" in jnim.history.latest("history_date").history_change_reason

    def test_curator_is_not_offered_merging(self):
        self.client.force_login(self.curator)
        actions = (
            self.client.get(changelist("actor")).context["action_form"].fields["action"].choices
        )
        assert "merge_selected" not in dict(actions)
        response = self.client.post(
            changelist("actor"),
            {
                "action": "merge_selected",
                "_selected_action": list(Actor.objects.values_list("pk", flat=True)[:2]),
                "apply": "1",
            },
        )
        assert Actor.objects.count() == Actor.objects.count()
        assert response.status_code in {200, 302, 403}
        assert b"Merged" not in response.content

    def test_lead_merges_duplicate_events(self):
        coups = Event.objects.filter(kind="coup", countries__alpha3="BFA").order_by(
            "date_precision"
        )
        month, year = list(coups)
        self.client.force_login(self.lead)
        self.client.post(
            changelist("event"),
            {
                "action": "merge_selected",
                "_selected_action": [month.pk, year.pk],
                "apply": "1",
                "survivor": month.pk,
                "reason": "Test merge",
            },
        )
        assert not Event.objects.filter(pk=year.pk).exists()


class TestHistory(WorkbenchTestCase):
    def test_history_shows_who_when_what_and_why_and_can_revert(self):
        self.client.force_login(self.curator)
        claim = self.niger_claim
        data = claim_form_data(self.client, claim)
        data.update(
            {"statement": "Tchiani ousted Bazoum in July 2023.", "change_reason": "Plainer wording"}
        )
        assert self.client.post(change("claim", claim.pk), data).status_code == 302
        history = self.client.get(
            reverse("admin:facts_claim_history", args=[claim.pk])
        ).content.decode()
        assert "Plainer wording" in history and ">curator<" in history
        assert "<strong>Statement:</strong>" in history
        original = claim.history.earliest("history_date")
        revert_url = reverse("admin:facts_claim_simple_history", args=[claim.pk, original.pk])
        self.client.force_login(self.lead)
        page = self.client.get(revert_url)
        assert original.statement in page.content.decode()
        # What the page's form holds, as a browser posts it back, with a reason.
        data = claim_form_data_from(page.context["adminform"].form)
        data["change_reason"] = "Back to the source's wording"
        response = self.client.post(revert_url, data)
        assert response.status_code == 302, errors(response)
        claim.refresh_from_db()
        assert claim.statement == original.statement
        latest = claim.history.latest("history_date")
        assert latest.history_user == self.lead
        assert latest.history_change_reason == (
            f"reverted to version {original.version}: Back to the source's wording"
        )


class TestRoles(WorkbenchTestCase):
    def test_viewer_sees_everything_and_can_change_nothing(self):
        self.client.force_login(self.viewer)
        for model in ["claim", "article", "actor", "event", "country"]:
            assert self.client.get(changelist(model), follow=True).status_code == 200
        page = self.client.get(change("claim", self.niger_claim.pk)).content.decode()
        assert 'name="_save"' not in page
        data = {"statement": "changed"}
        assert self.client.post(change("claim", self.niger_claim.pk), data).status_code == 403
        actions = self.client.get(changelist("claim") + "?status__exact=unreviewed").context[
            "action_form"
        ]
        assert actions is None or not [c for c in actions.fields["action"].choices if c[0]]

    def test_curator_reviews_and_edits_but_cannot_delete(self):
        self.client.force_login(self.curator)
        page = self.client.get(change("claim", self.niger_claim.pk)).content.decode()
        assert 'name="_save"' in page
        assert (
            self.client.get(
                reverse("admin:facts_claim_delete", args=[self.niger_claim.pk])
            ).status_code
            == 403
        )
        country = Country.objects.get(alpha3="MLI")
        response = self.client.get(reverse("admin:facts_country_change", args=[country.pk]))
        assert response.context["has_change_permission"] is False

    def test_lead_can_delete_what_no_claim_depends_on(self):
        self.client.force_login(self.lead)
        alias = ActorAlias.objects.first()
        url = reverse("admin:facts_actoralias_delete", args=[alias.pk])
        assert self.client.post(url, {"post": "yes"}).status_code == 302
        assert not ActorAlias.objects.filter(pk=alias.pk).exists()


class TestLostUpdates(WorkbenchTestCase):
    def test_second_save_of_a_stale_form_is_refused_with_what_changed(self):
        claim = self.niger_claim
        self.client.force_login(self.curator)
        first = claim_form_data(self.client, claim)
        other = self.client_class()
        other.force_login(self.other_curator)
        second = claim_form_data(other, claim)
        first.update({"statement": "First curator's wording.", "change_reason": "first"})
        assert self.client.post(change("claim", claim.pk), first).status_code == 302
        second.update({"statement": "Second curator's wording.", "change_reason": "second"})
        response = other.post(change("claim", claim.pk), second)
        content = response.content.decode()
        assert response.status_code == 200
        assert "was changed by curator while you were editing" in content
        assert "statement" in content
        claim.refresh_from_db()
        assert claim.statement == "First curator's wording."


class TestLargeTables(TestCase):
    """List pages run the same number of queries however big the table."""

    @classmethod
    def setUpTestData(cls):
        cls.lead = make_staff("lead")
        cls.article = Article.objects.create(
            sha256="a" * 64,
            title="Bulk",
            raw_text="x",
            text="Mali left ECOWAS. " * 3,
            text_sha256="b" * 64,
        )

    def fill(self, total: int) -> None:
        quote = "Mali left ECOWAS."
        Claim.objects.bulk_create(
            [
                Claim(
                    article=self.article,
                    fingerprint=f"{i:032x}",
                    quote=quote,
                    quote_start=0,
                    quote_end=len(quote),
                    anchor_text_sha256="b" * 64,
                    statement=f"Statement {i}",
                    confidence=(i % 100) / 100,
                )
                for i in range(Claim.objects.count(), total)
            ],
            batch_size=2000,
        )

    def queries_for(self, url: str) -> int:
        self.client.force_login(self.lead)
        self.client.get(url)  # warm caches (content types, sessions)
        with CaptureQueriesContext(connection) as captured:
            response = self.client.get(url)
        assert response.status_code == 200
        return len(captured)

    def test_claim_list_runs_the_same_queries_for_100_and_10000_claims(self):
        url = changelist("claim") + "?status__exact=unreviewed"
        self.fill(100)
        small = self.queries_for(url)
        self.fill(10_001 + 100)
        with self.assertNumQueries(small):
            self.client.get(url)
        content = self.client.get(url).content.decode()
        assert "(estimated)" in content
        assert not any(
            "COUNT(*)" in q["sql"] and "LIMIT" not in q["sql"] for q in _queries(self.client, url)
        )

    def test_other_lists_do_not_grow_with_their_tables(self):
        for model in ["article", "actor", "event"]:
            url = changelist(model)
            before = self.queries_for(url)
            self.fill(300)
            with self.assertNumQueries(before):
                self.client.get(url)


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return captured.captured_queries
