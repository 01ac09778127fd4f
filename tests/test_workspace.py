"""The review workspace's server side: the article and event pages, one review per card,
claims entered from selected words with what the importer reads in them, and the toll set
from competing accounts with the claims behind each figure."""

import hashlib

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from facts.choices import LinkKind, Origin
from facts.models import Claim, ClaimLink, EventFigureSource, EventParticipant
from facts.services import ReviewError, event_set_figures
from tests.base import make_actor, make_article, make_claim, make_event, make_staff, reviewed

TEXT = (
    "Gunmen killed 12 soldiers near Ménaka on 3 March 2024, the army said.\n\n"
    "Local officials put the toll at between 15 and 20 dead.\n\n"
    "The junta in Bamako denied any losses.\n\n"
    "Analysts said the attack bore the hallmarks of the Islamic State Sahel Province.\n\n"
    "Residents said the convoy was ambushed twice.\n\n"
    "Mali's transitional president Assimi Goïta visited Niamey in May.\n\n"
    "Russia's Africa Corps deployed to Burkina Faso last year.\n\n"
    "ECOWAS lifted sanctions on Niger in February 2024.\n\n"
    "No one claimed responsibility.\n\n"
    "The road to Ansongo stays closed.\n\n"
    "Another sentence closes the article.\n\n"
    "And one more to make twelve."
)


def sentences(text: str) -> list[str]:
    return [part for part in text.split("\n\n") if part]


def article_with_claims(count: int, **fields):
    article = make_article(
        raw_text=f"Workspace test {count}\n\n{TEXT}",
        text=TEXT,
        sha256=hashlib.sha256(f"ws-{count}-{fields}".encode()).hexdigest(),
        **fields,
    )
    claims = [make_claim(article, quote=quote) for quote in sentences(TEXT)[:count]]
    return article, claims


def client_for(client, role: str):
    client.force_login(make_staff(role, f"{role}-ws"))
    return client


def test_article_workspace_lists_claims_in_text_order_with_status_colours(db, client):
    article, claims = article_with_claims(3)
    Claim.objects.filter(pk=claims[1].pk).update(**reviewed(status="verified"))
    page = client_for(client, "curator").get(
        reverse("admin:facts_article_workspace", args=[article.pk])
    )
    assert page.status_code == 200
    html = page.content.decode()
    positions = [html.index(f'id="card-{c.pk}"') for c in claims]
    assert positions == sorted(positions)
    assert f'class="ws-mark status-verified" title="Claim {claims[1].pk}' in html
    assert f'class="ws-mark status-unreviewed" title="Claim {claims[0].pk}' in html
    assert 'class="ws-act ws-act-verified"' in html  # a curator gets the controls


def test_viewer_reads_the_workspace_without_controls(db, client):
    article, claims = article_with_claims(2)
    page = client_for(client, "viewer").get(
        reverse("admin:facts_article_workspace", args=[article.pk])
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert f'id="card-{claims[0].pk}"' in html
    assert "ws-act" not in html and "ws-decision" not in html and "ws-new-claim" not in html


def test_anonymous_and_roleless_users_cannot_open_it(db, client):
    article, _ = article_with_claims(1)
    url = reverse("admin:facts_article_workspace", args=[article.pk])
    assert client.get(url).status_code == 302  # to the sign-in page
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("nobody", is_staff=True))
    assert client.get(url).status_code == 403


def test_workspace_queries_do_not_grow_with_the_claims(db, client):
    small, _ = article_with_claims(2)
    large, large_claims = article_with_claims(12)
    other, _ = article_with_claims(1)
    for claim in large_claims[:5]:
        ClaimLink.objects.create(
            from_claim=claim, to_claim=other.claims.first(), kind="contradicts"
        )
    large_claims[0].countries.set([])
    client = client_for(client, "curator")
    counts = []
    for article in (small, large):
        url = reverse("admin:facts_article_workspace", args=[article.pk])
        client.get(url)  # sessions and permissions cached alike for both
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def review(client, article, claim, **data):
    url = reverse("admin:facts_article_workspace_review", args=[article.pk, claim.pk])
    return client.post(url, data)


def test_a_card_review_goes_through_the_service_with_its_one_reason(db, client):
    article, (claim,) = article_with_claims(1)
    client = client_for(client, "curator")
    answer = review(
        client,
        article,
        claim,
        status="verified",
        reason="Two wires",
        credibility="2",
        version=claim.version,
    )
    assert answer.status_code == 200, answer.content
    claim.refresh_from_db()
    assert (claim.status, claim.status_reason, claim.credibility) == ("verified", "Two wires", 2)
    assert answer.json()["version"] == claim.version
    record = claim.history.order_by("-history_id").first()
    assert record.history_user.username == "curator-ws"
    assert record.history_change_reason == "verified: Two wires"


@pytest.mark.parametrize(
    ("data", "status", "words"),
    [
        ({"status": "verified", "reason": ""}, 400, "verified"),
        ({"status": "disputed", "reason": " "}, 400, "reason"),
        ({"status": "bogus", "reason": "x"}, 400, "Unknown status"),
        ({"status": "verified", "reason": "x", "credibility": "9"}, 400, "Credibility"),
        ({"status": "verified", "reason": "x", "credibility": "two"}, 400, "whole number"),
        ({"status": "verified", "reason": "x", "version": "70"}, 409, "changed"),
    ],
)
def test_a_bad_card_review_is_refused_with_its_reason(db, client, data, status, words):
    article, (claim,) = article_with_claims(1)
    answer = review(client_for(client, "curator"), article, claim, **data)
    assert answer.status_code == status, answer.content
    assert words in answer.json()["error"]
    claim.refresh_from_db()
    assert claim.status == "unreviewed"


def test_viewer_cannot_review_and_claims_of_other_articles_are_not_found(db, client):
    article, (claim,) = article_with_claims(1)
    other, _ = article_with_claims(2)
    viewer = client_for(client, "viewer")
    assert review(viewer, article, claim, status="verified", reason="x").status_code == 403
    client.logout()
    curator = client_for(client, "curator")
    assert review(curator, other, claim, status="verified", reason="x").status_code == 404
    assert (
        curator.get(
            reverse("admin:facts_article_workspace_review", args=[article.pk, claim.pk])
        ).status_code
        == 405
    )


@pytest.fixture
def seeded(reference_data):
    """A real article as the importer stored it."""
    from tests.base import import_seeds

    import_seeds()
    from facts.models import Article

    return Article.objects.order_by("pk").first()


def propose(client, article, start, end, selected=None):
    data = {"start": start, "end": end}
    if selected is not None:
        data["selected"] = selected
    return client.post(reverse("admin:facts_article_workspace_propose", args=[article.pk]), data)


def test_selected_words_get_what_the_importer_reads_in_them(seeded, client):
    claim = Claim.objects.exclude(countries=None).exclude(date_start=None).order_by("pk").first()
    assert claim is not None
    article = claim.article
    client = client_for(client, "curator")
    # The curator selects the sentence with a blank either side.
    start, end = claim.quote_start - 1, claim.quote_end
    answer = propose(client, article, start, end, article.text[start:end])
    assert answer.status_code == 200, answer.content
    data = answer.json()
    assert (data["quote_start"], data["quote_end"]) == (claim.quote_start, claim.quote_end)
    assert data["quote"] == claim.quote
    assert {c["id"] for c in data["countries"]} >= set(claim.countries.values_list("pk", flat=True))
    assert data["date_start"] == claim.date_start.isoformat()
    assert data["existing_claim"] == claim.pk


@pytest.mark.parametrize(
    ("start", "end", "selected", "words"),
    [
        (-1, 5, None, "not inside"),
        (5, 5, None, "not inside"),
        (0, 10**7, None, "not inside"),
        ("a", 5, None, "whole number"),
        (0, 5, "something else", "not the article's words"),
    ],
)
def test_a_bad_selection_is_refused_with_its_reason(seeded, client, start, end, selected, words):
    answer = propose(client_for(client, "curator"), seeded, start, end, selected)
    assert answer.status_code == 400
    assert words in answer.json()["error"]


def test_a_selection_of_blanks_or_a_chapter_is_refused(db, client):
    article = make_article(text="One.\n\n   \n\nTwo." + " word" * 600)
    client = client_for(client, "curator")
    blank = article.text.index("   ")
    assert "only blanks" in propose(client, article, blank, blank + 3).json()["error"]
    assert "at most" in propose(client, article, 0, len(article.text)).json()["error"]


def test_a_confirmed_selection_becomes_a_curator_claim_with_its_names(db, client):
    article, _ = article_with_claims(0)
    actor = make_actor(name="Islamic State Sahel Province")
    event = make_event()
    from facts.models import Country

    mali = Country.objects.create(alpha2="ML", alpha3="MLI", numeric="466", name="Mali")
    quote = "Local officials put the toll at between 15 and 20 dead."
    start = article.text.index(quote)
    client = client_for(client, "curator")
    url = reverse("admin:facts_article_workspace_enter", args=[article.pk])
    data = {
        "quote_start": start,
        "quote_end": start + len(quote),
        "statement": "Officials counted 15 to 20 dead",
        "countries": [mali.pk],
        "actors": [actor.pk],
        "event": event.pk,
        "date_start": "2024-03-03",
        "date_precision": "day",
        "reason": "Missed by the importer",
    }
    answer = client.post(url, data)
    assert answer.status_code == 201, answer.content
    claim = Claim.objects.get(pk=answer.json()["id"])
    assert (claim.quote, claim.origin, claim.event_id) == (quote, Origin.CURATOR, event.pk)
    assert str(claim.date_end) == "2024-03-03"
    assert list(claim.countries.all()) == [mali] and list(claim.actors.all()) == [actor]
    record = claim.history.order_by("-history_id").first()
    assert record.history_user.username == "curator-ws"
    assert [c.country_id for c in record.countries.all()] == [
        mali.pk
    ]  # history holds the names too
    again = client.post(url, data)
    assert again.status_code == 400 and "already a claim" in again.json()["error"]
    assert Claim.objects.filter(article=article).count() == 1


def test_links_read_correctly_from_both_ends_and_say_who_made_them(db, client):
    article, (first, second) = article_with_claims(2)
    curator = make_staff("curator", "maker")
    ClaimLink.objects.create(
        from_claim=first,
        to_claim=second,
        kind=LinkKind.CONTRADICTS,
        created_by=curator,
        origin=Origin.CURATOR,
    )
    ClaimLink.objects.create(from_claim=second, to_claim=first, kind=LinkKind.COPIES)
    from facts.workspace import article_workspace

    cards = {card.claim.pk: card for card in article_workspace(article).cards}
    readings = {
        pk: sorted((v.reading, v.other.pk, v.made_by) for v in card.links)
        for pk, card in cards.items()
    }
    assert readings[first.pk] == [
        ("contradicts", second.pk, "maker"),
        ("copied by", second.pk, "importer"),
    ]
    assert readings[second.pk] == [
        ("contradicted by", first.pk, "maker"),
        ("copy of", first.pk, "importer"),
    ]
    assert cards[second.pk].contradicted and cards[first.pk].contradicted


def event_with_accounts():
    event = make_event(kind="attack", title="Ambush near Ménaka")
    a, (army,) = article_with_claims(1, publisher="Wire A")
    _, claims_b = article_with_claims(2, publisher="Paper B")
    local = claims_b[1]
    for claim in (army, local):
        claim.event = event
        claim.save()
    gunmen = make_actor(name="Gunmen group")
    EventParticipant.objects.create(event=event, actor=gunmen, role="perpetrator", article=a)
    return event, army, local


def test_the_event_page_puts_each_sources_figures_side_by_side(db, client):
    event, army, local = event_with_accounts()
    page = client_for(client, "curator").get(
        reverse("admin:facts_event_workspace", args=[event.pk])
    )
    assert page.status_code == 200
    rows = page.context["workspace"].figures
    tolls = {row.card.claim.pk: row.card.toll for row in rows}
    assert tolls[army.pk].best == 12
    assert (tolls[local.pk].low, tolls[local.pk].high) == (15, 20)
    perpetrators = {row.card.claim.pk: row.card.perpetrators for row in rows}
    assert perpetrators == {army.pk: ["Gunmen group"], local.pk: []}
    html = page.content.decode()
    assert "Wire A" in html and "Paper B" in html
    assert f'name="source_best" value="{army.pk}"' in html


def test_a_curator_sets_the_toll_and_the_claims_behind_each_figure(db, client):
    event, army, local = event_with_accounts()
    client = client_for(client, "curator")
    url = reverse("admin:facts_event_workspace", args=[event.pk])
    answer = client.post(
        url,
        {
            "version": event.version,
            "fatalities_low": "12",
            "fatalities_best": "15",
            "fatalities_high": "20",
            "source_low": [army.pk],
            "source_best": [local.pk],
            "source_high": [local.pk],
            "reason": "Army figure is the floor; local officials' range",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    event.refresh_from_db()
    assert (event.fatalities_low, event.fatalities_best, event.fatalities_high) == (12, 15, 20)
    assert set(
        EventFigureSource.objects.values_list("figure", "claim_id", "created_by__username")
    ) == {
        ("low", army.pk, "curator-ws"),
        ("best", local.pk, "curator-ws"),
        ("high", local.pk, "curator-ws"),
    }
    record = event.history.order_by("-history_id").first()
    assert record.history_change_reason == "Army figure is the floor; local officials' range"
    page = client.get(reverse("admin:facts_event_change", args=[event.pk]))
    assert "Wire A" in page.content.decode()  # the event's own page lists the accounts too


@pytest.mark.parametrize(
    ("figures", "sources", "words"),
    [
        ({"low": 20, "best": 15}, {"low": {"A"}, "best": {"L"}}, "low ≤ best ≤ high"),
        ({"best": 15}, {}, "which claims the best figure"),
        ({"best": -1}, {"best": {"L"}}, "negative"),
        ({"best": 15}, {"best": {"X"}}, "do not report this event"),
        ({"worst": 15}, {}, "Unknown figures"),
    ],
)
def test_figures_that_do_not_hold_are_refused(db, figures, sources, words):
    event, army, local = event_with_accounts()
    stranger = make_claim()
    ids = {"A": army.pk, "L": local.pk, "X": stranger.pk}
    user = make_staff("curator", "weigher")
    with pytest.raises(ReviewError, match=words):
        event_set_figures(
            event=event,
            user=user,
            figures=figures,
            sources={k: {ids[v] for v in vs} for k, vs in sources.items()},
            reason="weighing",
        )
    event.refresh_from_db()
    assert event.fatalities_best is None and not EventFigureSource.objects.exists()


def test_viewer_sees_the_accounts_but_cannot_set_the_toll(db, client):
    event, _, _ = event_with_accounts()
    client = client_for(client, "viewer")
    url = reverse("admin:facts_event_workspace", args=[event.pk])
    html = client.get(url).content.decode()
    assert "Wire A" in html and "ws-figures-form" not in html and "ws-act" not in html
    assert client.post(url, {"fatalities_best": "3", "reason": "x"}).status_code == 403


def test_event_workspace_queries_do_not_grow_with_the_accounts(db, client):
    client = client_for(client, "curator")
    counts = []
    for size in (2, 9):
        event = make_event(kind="attack")
        article, claims = article_with_claims(size)
        _, (against,) = article_with_claims(1, publisher=f"Other {size}")
        Claim.objects.filter(pk__in=[c.pk for c in claims]).update(event=event)
        for claim in claims:
            ClaimLink.objects.create(from_claim=against, to_claim=claim, kind="contradicts")
            EventParticipant.objects.get_or_create(
                event=event, actor=make_actor(), role="perpetrator", article=article
            )
        url = reverse("admin:facts_event_workspace", args=[event.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            page = client.get(url)
        assert page.status_code == 200
        assert len(page.context["workspace"].supporting) == size
        assert len(page.context["workspace"].contradicting) == 1
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_the_index_names_queues_by_article_and_by_event_leading_to_their_workspaces(db, client):
    busy, busy_claims = article_with_claims(5)
    quiet, _ = article_with_claims(2)
    Claim.objects.filter(pk=busy_claims[0].pk).update(**reviewed(status="verified"))
    event = make_event(kind="attack", title="Ambush with three accounts")
    Claim.objects.filter(pk__in=[c.pk for c in busy_claims[:3]]).update(event=event)
    verified_event = make_event(title="Settled event", **reviewed(status="verified"))
    Claim.objects.filter(pk__in=[c.pk for c in busy_claims[3:]]).update(event=verified_event)
    html = client_for(client, "curator").get(reverse("admin:index")).content.decode()
    by_article = html[html.index('id="queue-by-article"') :]
    first = reverse("admin:facts_article_workspace", args=[busy.pk])
    second = reverse("admin:facts_article_workspace", args=[quiet.pk])
    assert by_article.index(first) < by_article.index(second)
    assert "4 unreviewed" in by_article
    by_event = html[html.index('id="queue-by-event"') :]
    assert reverse("admin:facts_event_workspace", args=[event.pk]) in by_event
    assert "3 accounts" in by_event
    assert reverse("admin:facts_event_workspace", args=[verified_event.pk]) not in html


def test_a_curator_rejects_a_wrong_part_then_verifies_the_event_with_the_rest(db, client):
    event, army, _ = event_with_accounts()
    wrong = EventParticipant.objects.create(
        event=event,
        actor=make_actor(name="Wrongly named group"),
        role="perpetrator",
        article=army.article,
    )
    right = event.participants.get(actor__name="Gunmen group")
    client = client_for(client, "curator")
    url = reverse("admin:facts_event_workspace", args=[event.pk])
    html = client.get(url).content.decode()
    assert "Readers do not see this event" in html and f'id="part-{wrong.pk}"' in html
    refused = client.post(url, {"action": "part", "part": wrong.pk, "status": "rejected"})
    assert refused.status_code == 200 and "reason is required" in refused.content.decode()
    answer = client.post(
        url, {"action": "part", "part": wrong.pk, "status": "rejected", "reason": "Not named"}
    )
    assert answer.status_code == 302
    event.refresh_from_db()
    answer = client.post(
        url,
        {"action": "review", "status": "verified", "reason": "Two wires", "version": event.version},
    )
    assert answer.status_code == 302
    event.refresh_from_db()
    wrong.refresh_from_db()
    right.refresh_from_db()
    assert (event.status, wrong.status, right.status) == ("verified", "rejected", "verified")
    record = wrong.history.order_by("-history_id").first()
    assert (record.history_user.username, record.history_change_reason) == (
        "curator-ws",
        "rejected: Not named",
    )
    stale = client.post(
        url, {"action": "review", "status": "disputed", "reason": "x", "version": "1"}
    )
    assert "changed" in stale.content.decode()
    unknown = client.post(url, {"action": "delete-everything"})
    assert "Unknown action" in unknown.content.decode()
    other_event = make_event()
    stranger = EventParticipant.objects.create(event=other_event, actor=make_actor(), role="target")
    answer = client.post(
        url, {"action": "part", "part": stranger.pk, "status": "rejected", "reason": "x"}
    )
    assert "No such participant" in answer.content.decode()


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        ({"date_start": "2024-13-45"}, "date"),
        ({"date_start": "2024-03-05", "date_end": "2024-03-01", "date_precision": "day"}, ""),
        ({"predicate": "ate"}, "predicate"),
        ({"event": "99999999999999999999"}, ""),
        ({"quote_end": "999999"}, "not inside"),
        ({"countries": ["x"]}, "whole number"),
    ],
)
def test_a_bad_new_claim_is_refused_with_a_message_and_nothing_stored(db, client, extra, words):
    article, _ = article_with_claims(0)
    quote = "No one claimed responsibility."
    start = article.text.index(quote)
    data = {"quote_start": start, "quote_end": start + len(quote), "reason": "x", **extra}
    answer = client_for(client, "curator").post(
        reverse("admin:facts_article_workspace_enter", args=[article.pk]), data
    )
    if "event" in extra:  # an event that does not exist is no event
        assert answer.status_code == 201
        assert Claim.objects.get(pk=answer.json()["id"]).event_id is None
        return
    assert answer.status_code == 400, answer.content
    assert words.lower() in answer.json()["error"].lower()
    assert not Claim.objects.filter(article=article).exists()


def test_an_impossible_toll_is_refused_on_the_page(db, client):
    event, army, _ = event_with_accounts()
    answer = client_for(client, "curator").post(
        reverse("admin:facts_event_workspace", args=[event.pk]),
        {"fatalities_best": str(10**20), "source_best": [army.pk], "reason": "x"},
    )
    assert answer.status_code == 200
    assert answer.context["errors"]
    event.refresh_from_db()
    assert event.fatalities_best is None
