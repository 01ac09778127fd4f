"""The curators' queues in the admin: what opens the claim queue, its filters (country, date
range, contradicted, one article's or one event's claims), its columns, the claim page (review
fields at the top, links read from both ends, links a curator adds recorded as theirs), adding
a claim the importer missed, and the counts on the admin's index."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facts.choices import LinkKind, Origin
from facts.models import Claim, ClaimLink
from facts.services import claim_create, claim_review, object_review
from facts.services.review import review_queue_counts
from tests.base import (
    make_actor,
    make_article,
    make_claim,
    make_country,
    make_event,
    make_staff,
    newest_history,
    reviewed,
)
from tests.test_admin import claim_form_data

QUEUE = reverse("admin:facts_claim_changelist")
EVENTS = reverse("admin:facts_event_changelist")
TEXT = (
    "Mali, Niger and Burkina Faso formed the Alliance of Sahel States in September 2023. "
    "Russia delivered L-39 jets to Mali. Russia delivered L-39 jets to Mali."
)


def change(pk: int) -> str:
    return reverse("admin:facts_claim_change", args=[pk])


def shown(response) -> set[int]:
    return {c.pk for c in response.context["cl"].result_list}


def row_of(content: str, pk: int) -> str:
    """The queue's table row of one claim."""
    match = re.search(rf"<tr>(?:(?!</tr>).)*/claim/{pk}/change/(?:(?!</tr>).)*</tr>", content, re.S)
    assert match, f"no row for claim {pk}"
    return match.group(0)


class QueueWorld(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.curator = make_staff("curator")
        cls.viewer = make_staff("viewer")
        cls.mali = make_country(alpha2="ML", alpha3="MLI", numeric="466", name="Mali")
        cls.niger = make_country(alpha2="NE", alpha3="NER", numeric="562", name="Niger")
        cls.chad = make_country(alpha2="TD", alpha3="TCD", numeric="148", name="Chad")
        cls.article = make_article(text=TEXT)
        cls.other_article = make_article()
        cls.coup = make_event(title="Coup in Niamey", date_start=date(2023, 7, 26))
        cls.coup.date_end, cls.coup.date_precision = date(2023, 7, 26), "day"
        cls.coup.save()
        cls.coup.countries.set([cls.niger])
        # Mentions Mali, dated July 2023.
        cls.aes = make_claim(
            cls.article,
            quote=TEXT[: TEXT.index(".") + 1],
            date_start=date(2023, 7, 1),
            date_end=date(2023, 7, 31),
            date_precision="month",
            date_text="July 2023",
        )
        cls.aes.countries.set([cls.mali])
        # No countries of its own; its event is in Niger. Dated 2024.
        cls.jets = make_claim(
            cls.article,
            quote="Russia delivered L-39 jets to Mali.",
            quote_start=TEXT.index("Russia"),
            event=cls.coup,
            date_start=date(2024, 1, 5),
            date_end=date(2024, 1, 5),
            date_precision="day",
        )
        # Another article, undated, no country; verified.
        cls.elsewhere = make_claim(cls.other_article, status="verified", **reviewed())


class TestTheQueueOpensOnUnreviewedClaimsOnlyWhenNothingIsAsked(QueueWorld):
    def test_an_empty_query_string_opens_the_unreviewed_queue(self):
        self.client.force_login(self.curator)
        self.assertRedirects(self.client.get(QUEUE), f"{QUEUE}?status__exact=unreviewed")

    def test_any_parameter_is_what_the_curator_asked_for(self):
        self.client.force_login(self.curator)
        asked = {
            f"article__id__exact={self.other_article.pk}": {self.elsewhere.pk},
            f"event__id__exact={self.coup.pk}": {self.jets.pk},
            "country=NER": {self.jets.pk},
            "date_start__gte=2024-01-01": {self.jets.pk},
            "date_start__lte=2023-12-31": {self.aes.pk},
            "contradicted=no": {self.aes.pk, self.jets.pk, self.elsewhere.pk},
            "status__exact=all": {self.aes.pk, self.jets.pk, self.elsewhere.pk},
        }
        for query, expected in asked.items():
            response = self.client.get(f"{QUEUE}?{query}")
            assert response.status_code == 200, query
            assert shown(response) == expected, query

    def test_the_status_filters_all_is_a_choice_that_stays(self):
        self.client.force_login(self.curator)
        content = self.client.get(f"{QUEUE}?status__exact=unreviewed").content.decode()
        assert 'href="?status__exact=all"' in content


class TestQueueFilters(QueueWorld):
    def test_country_is_a_claims_own_or_its_events(self):
        self.client.force_login(self.viewer)
        assert shown(self.client.get(f"{QUEUE}?country=MLI")) == {self.aes.pk}
        assert shown(self.client.get(f"{QUEUE}?country=NER")) == {self.jets.pk}
        assert shown(self.client.get(f"{QUEUE}?country=ner&status__exact=all")) == {self.jets.pk}
        content = self.client.get(f"{QUEUE}?status__exact=all").content.decode()
        sidebar = content[content.index('id="changelist-filter"') :]
        assert "Mali" in sidebar and "Niger" in sidebar
        assert "Chad" not in sidebar  # nothing is filed under Chad: not offered

    def test_a_date_range_is_from_and_to_on_the_start_date(self):
        self.client.force_login(self.viewer)
        url = f"{QUEUE}?status__exact=all&date_start__gte=2023-07-01&date_start__lte=2023-07-31"
        response = self.client.get(url)
        assert shown(response) == {self.aes.pk}
        content = response.content.decode()
        # The range's form keeps the page's other parameters.
        assert '<input type="hidden" name="status__exact" value="all">' in content
        assert 'name="date_start__gte" value="2023-07-01"' in content
        refused = self.client.get(f"{QUEUE}?status__exact=all&date_start__gte=July")
        assert refused.status_code == 200 and "is not a date" in refused.content.decode()
        assert shown(refused) == {self.aes.pk, self.jets.pk, self.elsewhere.pk}

    def test_events_filter_by_country_and_date_range_too(self):
        other = make_event(
            title="Summit in Bamako", date_start=date(2024, 2, 1), date_end=date(2024, 2, 29)
        )
        other.countries.set([self.mali])
        self.client.force_login(self.viewer)
        assert shown(self.client.get(f"{EVENTS}?country=NER")) == {self.coup.pk}
        assert shown(self.client.get(f"{EVENTS}?country=MLI")) == {other.pk}
        in_2024 = self.client.get(f"{EVENTS}?date_start__gte=2024-01-01&date_start__lte=2024-12-31")
        assert shown(in_2024) == {other.pk}

    def test_contradicted_claims_have_a_queue_of_their_own(self):
        ClaimLink.objects.create(from_claim=self.jets, to_claim=self.elsewhere, kind="contradicts")
        self.client.force_login(self.viewer)
        both = shown(self.client.get(f"{QUEUE}?contradicted=yes&status__exact=all"))
        assert both == {self.jets.pk, self.elsewhere.pk}

    def test_one_articles_queue_names_the_article_with_a_way_back(self):
        self.client.force_login(self.viewer)
        content = self.client.get(f"{QUEUE}?article__id__exact={self.article.pk}").content.decode()
        sidebar = content[content.index('id="changelist-filter"') :]
        assert self.article.title in sidebar and "By article" in sidebar
        assert self.client.get(f"{QUEUE}?article__id__exact=x").status_code in {200, 302}


class TestQueueColumns(QueueWorld):
    def test_each_row_shows_the_date_as_precise_as_given_and_the_countries(self):
        self.client.force_login(self.viewer)
        content = self.client.get(f"{QUEUE}?status__exact=all").content.decode()
        aes, jets = row_of(content, self.aes.pk), row_of(content, self.jets.pk)
        assert 'title="July 2023">2023-07<' in aes and '<abbr title="Mali">MLI</abbr>' in aes
        assert ">2024-01-05<" in jets and '<abbr title="Niger">NER</abbr>' in jets  # its event's
        assert "facts/queue.css" in content  # compact rows (the browser test measures them)

    def test_contradicted_reads_as_a_warning_and_nothing_otherwise(self):
        ClaimLink.objects.create(from_claim=self.aes, to_claim=self.jets, kind="contradicts")
        self.client.force_login(self.viewer)
        content = self.client.get(f"{QUEUE}?status__exact=all").content.decode()
        for pk in (self.aes.pk, self.jets.pk):
            cell = re.search(r'<td class="field-contradiction">(.*?)</td>', row_of(content, pk))
            assert "⚠</span> contradicted" in cell.group(1), cell.group(1)
        cell = re.search(
            r'<td class="field-contradiction">(.*?)</td>', row_of(content, self.elsewhere.pk)
        )
        assert cell.group(1) == "—"
        assert "icon-no.svg" not in content and "icon-yes.svg" not in content

    def test_the_queue_costs_the_same_queries_for_3_rows_as_for_30(self):
        self.client.force_login(self.viewer)
        url = f"{QUEUE}?status__exact=all"
        self.client.get(url)  # warm caches (content types, session)
        with CaptureQueriesContext(connection) as few:
            assert len(self.client.get(url).context["cl"].result_list) == 3
        for n in range(27):
            event = make_event()
            event.countries.set([self.niger, self.chad])
            claim = make_claim(make_article(), event=event if n % 2 else None)
            claim.countries.set([self.mali] if n % 3 else [])
        with CaptureQueriesContext(connection) as many:
            assert len(self.client.get(url).context["cl"].result_list) == 30
        assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]


class TestClaimPage(QueueWorld):
    def test_the_review_comes_first_status_reason_and_credibility_side_by_side(self):
        self.client.force_login(self.curator)
        adminform = self.client.get(change(self.aes.pk)).context["adminform"]
        name, options = adminform.fieldsets[0]
        assert name == "Review"
        assert options["fields"][0] == ("review_status", "review_reason", "credibility")

    def test_verifying_with_a_grade_asks_for_the_review_reason_only(self):
        self.client.force_login(self.curator)
        data = claim_form_data(self.client, self.aes)
        data.update(
            {
                "review_status": "verified",
                "review_reason": "Founding charter signed 16 Sept 2023",
                "credibility": "2",
            }
        )
        response = self.client.post(change(self.aes.pk), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        claim = Claim.objects.get(pk=self.aes.pk)
        assert (claim.status, claim.credibility, claim.version) == ("verified", 2, 2)
        record = newest_history(claim)
        assert record.history_change_reason == "verified: Founding charter signed 16 Sept 2023"
        # One entry for the review: no separate "Edited" asking for another reason.
        assert not claim.history.filter(history_change_reason="Edited").exists()
        assert claim.history.filter(version=2).count() == 1

    def test_a_new_grade_without_a_review_is_an_edit_and_needs_its_reason(self):
        self.client.force_login(self.curator)
        data = claim_form_data(self.client, self.aes) | {"credibility": "3"}
        response = self.client.post(change(self.aes.pk), data)
        assert response.status_code == 200
        assert "change_reason" in response.context["adminform"].form.errors

    def test_a_link_a_curator_adds_is_recorded_as_theirs(self):
        self.client.force_login(self.curator)
        data = claim_form_data(self.client, self.aes)
        data.update(
            {
                "links_out-TOTAL_FORMS": "1",
                "links_out-0-kind": LinkKind.CONTRADICTS,
                "links_out-0-to_claim": str(self.elsewhere.pk),
                "links_out-0-note": "The dates disagree",
                "links_out-0-from_claim": str(self.aes.pk),
            }
        )
        response = self.client.post(change(self.aes.pk), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        link = ClaimLink.objects.get(from_claim=self.aes, to_claim=self.elsewhere)
        assert (link.kind, link.origin, link.created_by) == ("contradicts", "curator", self.curator)
        assert newest_history(link).history_user == self.curator

    def test_links_read_from_both_ends_with_who_made_them(self):
        ClaimLink.objects.create(
            from_claim=self.jets, to_claim=self.aes, kind="corroborates", origin=Origin.IMPORT
        )
        ClaimLink.objects.create(
            from_claim=self.elsewhere,
            to_claim=self.aes,
            kind="contradicts",
            created_by=self.curator,
            origin=Origin.CURATOR,
        )
        ClaimLink.objects.create(from_claim=self.aes, to_claim=self.elsewhere, kind="copies")
        self.client.force_login(self.viewer)
        content = re.sub(r"\s+", " ", self.client.get(change(self.aes.pk)).content.decode())
        links_in = content[content.index('<ul class="links-in">') :]
        links_in = links_in[: links_in.index("</ul>")]
        assert f'<strong>corroborated by</strong> <a href="{change(self.jets.pk)}">' in links_in
        assert "made by importer, proposed by the importer" in links_in
        assert "<strong>contradicted by</strong>" in links_in
        assert "made by curator, entered by a curator" in links_in
        assert "copied by" not in links_in  # that link goes out: it is this claim's copy
        other = self.client.get(change(self.elsewhere.pk)).content.decode()
        assert "<strong>copied by</strong>" in other
        assert "links out" in content.lower()  # the inline, with who made each link
        assert re.search(r'field-made_by"> ?<p>importer</p>', content)
        assert re.search(r'field-reading"> ?<p>copy of</p>', content)

    def test_a_reader_is_shown_no_review_or_reason_fields(self):
        self.client.force_login(self.viewer)
        content = self.client.get(change(self.aes.pk)).content.decode()
        assert "Review status" not in content and "Change reason" not in content
        assert 'name="_save"' not in content


class TestAddingAClaimTheImporterMissed(QueueWorld):
    ADD = reverse("admin:facts_claim_add")

    def post(self, **fields):
        data = {"article": self.other_article.pk, "quote": "", "quote_start": "", "statement": ""}
        data.update({"links_out-TOTAL_FORMS": "0", "links_out-INITIAL_FORMS": "0"})
        return self.client.post(self.ADD, {**data, **fields})

    def test_the_add_page_shows_article_and_quote_first_not_collapsed(self):
        self.client.force_login(self.curator)
        page = self.client.get(self.ADD)
        (_title, options), *_ = page.context["adminform"].fieldsets
        assert options["fields"][:4] == ["article", "quote", "quote_start", "statement"]
        assert "collapse" not in options.get("classes", [])
        form = page.context["adminform"].form
        assert form.fields["quote"].required and not form.fields["quote_start"].required
        assert "<textarea" in str(form["quote"])

    def test_a_quote_without_its_offset_is_found_in_the_article(self):
        self.client.force_login(self.curator)
        response = self.post(quote="Russia delivered L-39 jets to Mali.", countries=[self.mali.pk])
        assert response.status_code == 302, response.context["adminform"].form.errors
        claim = Claim.objects.get(article=self.other_article, quote_start__gt=0)
        assert self.other_article.text[claim.quote_start : claim.quote_end] == claim.quote
        assert (claim.origin, claim.statement) == ("curator", "Russia delivered L-39 jets to Mali.")
        assert list(claim.countries.all()) == [self.mali]
        assert newest_history(claim).history_user == self.curator

    def test_what_the_service_refuses_shows_next_to_the_quote(self):
        self.client.force_login(self.curator)
        entered = claim_create(
            article=self.other_article, user=self.curator, quote="Russia delivered L-39 jets"
        )
        refusals = {
            "not in the text": (self.other_article, "Chad left the alliance.", "does not occur"),
            "twice": (self.article, "Russia delivered L-39 jets to Mali.", "more than once"),
            "already a claim": (self.other_article, entered.quote, "already a claim"),
        }
        for case, (article, quote, message) in refusals.items():
            response = self.post(article=article.pk, quote=quote)
            assert response.status_code == 200, case
            errors = response.context["adminform"].form.errors
            assert message in " ".join(errors.get("quote", [])), (case, errors)
            # Shown at the quote, in the open fieldset at the top.
            assert 'class="errorlist" id="id_quote_error"' in response.content.decode()
        count = Claim.objects.count()
        wrong = self.post(
            article=self.article.pk, quote="Russia delivered L-39 jets to Mali.", quote_start="3"
        )
        assert "at offset 3" in " ".join(wrong.context["adminform"].form.errors["quote_start"])
        twice = TEXT.rindex("Russia")
        made = self.post(
            article=self.article.pk,
            quote="Russia delivered L-39 jets to Mali.",
            quote_start=str(twice),
        )
        assert made.status_code == 302 and Claim.objects.count() == count + 1


@pytest.mark.django_db
class TestIndexQueues:
    T_LATE = datetime(2025, 3, 10, 23, 30, tzinfo=UTC)
    T_TODAY = datetime(2025, 3, 11, 0, 10, tzinfo=UTC)

    def world(self, curator):
        article = make_article()
        unreviewed = [make_claim(article) for _ in range(3)]
        disputed = make_claim(article)
        claim_review(claim=disputed, user=curator, status="disputed", reason="Other sources")
        ClaimLink.objects.create(from_claim=unreviewed[0], to_claim=disputed, kind="contradicts")
        make_event()
        make_actor(origin=Origin.IMPORT)
        make_actor(origin=Origin.IMPORT)
        make_actor(origin=Origin.CURATOR)  # a curator's own: not new to anybody
        return unreviewed

    def test_the_index_counts_each_queue_and_links_to_it(self, client, curator):
        self.world(curator)
        client.force_login(curator)
        html = client.get("/admin/").content.decode()
        box = html[html.index('id="review-queue-summary"') :]
        box = box[: box.index("</div>")]
        text = re.sub(r"\s+", " ", re.sub("<[^>]+>", " ", box))
        assert "3 claims wait for review" in text
        for label, count in [
            ("Unreviewed claims", 3),
            ("Disputed claims", 1),
            ("Contradicted claims", 2),
            ("Unreviewed events", 1),
            ("New actors proposed by the importer", 2),
            ("My reviews today", 1),
        ]:
            assert f"{label} {count}" in text, (label, text)
        for url in [
            "/admin/facts/claim/?status__exact=unreviewed",
            "/admin/facts/claim/?status__exact=disputed",
            "/admin/facts/claim/?contradicted=yes&amp;status__exact=all",
            "/admin/facts/event/?status__exact=unreviewed",
            "/admin/facts/actor/?status__exact=unreviewed&amp;origin__exact=import",
        ]:
            assert f'href="{url}"' in box, url
        for link in re.findall(r'href="([^"]+)"', box):  # every queue opens, none redirects
            assert client.get(link.replace("&amp;", "&")).status_code == 200, link

    def test_my_reviews_today_start_at_local_midnight(self, curator, lead):
        claims = [make_claim() for _ in range(3)]
        event, actor = make_event(), make_actor()
        with time_machine.travel(self.T_LATE, tick=False) as clock:
            claim_review(claim=claims[0], user=curator, status="verified", reason="Yesterday")
            clock.move_to(self.T_TODAY)
            claim_review(claim=claims[1], user=curator, status="verified", reason="Today")
            object_review(obj=event, user=curator, status="verified", reason="Today")
            object_review(obj=actor, user=curator, status="disputed", reason="Today")
            claim_review(claim=claims[2], user=lead, status="verified", reason="Someone else")
            counts = review_queue_counts(user=curator)
            assert (counts["my_claims_today"], counts["my_events_today"]) == (1, 1)
            assert (counts["my_actors_today"], counts["my_reviews_today"]) == (1, 3)
            clock.move_to(self.T_TODAY + timedelta(days=1))
            assert review_queue_counts(user=curator)["my_reviews_today"] == 0

    def test_the_counts_cost_one_query_per_model(self, curator, django_assert_num_queries):
        self.world(curator)
        for _ in range(20):
            make_claim()
        with django_assert_num_queries(3):  # claims, events, actors
            review_queue_counts(user=curator)

    def test_counts_stop_at_the_limit(self, curator, monkeypatch, client):
        from facts.services import review

        self.world(curator)
        monkeypatch.setattr(review, "QUEUE_COUNT_LIMIT", 2)
        assert review_queue_counts(user=curator)["unreviewed_claims"] == 3  # limit + 1
