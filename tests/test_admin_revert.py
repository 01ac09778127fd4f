"""Reverting from the admin's history page: the page checks the record's version as it was
shown (not the old version's number), asks why, restores what curators edit through the
services and never a review status."""

import pytest
from django.urls import reverse

from facts.models import Actor, Article, Claim, Event
from facts.services import claim_review, claim_update, object_update
from facts.services.history import note_change
from tests.base import make_actor, make_article, make_claim, make_country, make_event, make_staff

pytestmark = pytest.mark.django_db


def revert_url(obj, record) -> str:
    opts = obj._meta
    return reverse(f"admin:facts_{opts.model_name}_simple_history", args=[obj.pk, record.pk])


def first_record(obj):
    return obj.history.order_by("history_date", "history_id").first()


def newest_record(obj):
    return obj.history.order_by("-history_date", "-history_id").first()


def page_form_data(client, url: str) -> dict:
    """What a browser would post back: the page's hidden expected version, and a reason."""
    form = client.get(url).context["adminform"].form
    return {"expected_version": form.initial.get("expected_version") or ""}


@pytest.fixture
def lead(db):
    return make_staff("lead", "boss")


@pytest.fixture
def viewer(db):
    return make_staff("viewer", "reader")


def test_claim_reverts_from_its_history_page_with_the_version_shown_on_the_page(
    client, curator, lead
):
    claim = make_claim(statement="Mali, Niger and Burkina Faso formed the AES.")
    original = first_record(claim)
    claim_update(
        claim=claim,
        user=curator,
        changes={"statement": "Three juntas formed the AES."},
        reason="Plainer wording",
        expected_version=1,
    )
    client.force_login(lead)
    url = revert_url(claim, original)
    page = client.get(url)
    assert page.status_code == 200
    # The version checked is the record's now (2), not the old version's number (1).
    assert page.context["adminform"].form.initial["expected_version"] == 2
    content = page.content.decode()
    assert "Three juntas formed the AES." in content  # now …
    assert "Mali, Niger and Burkina Faso formed the AES." in content  # … and after the revert
    data = page_form_data(client, url) | {"change_reason": "Back to the source's wording"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("admin:facts_claim_change", args=[claim.pk])
    claim.refresh_from_db()
    assert claim.statement == "Mali, Niger and Burkina Faso formed the AES."
    assert claim.version == 3 and claim.curator_edited_at is not None
    record = newest_record(claim)
    assert record.history_user == lead
    assert record.history_change_reason == "reverted to version 1: Back to the source's wording"


def test_a_revert_needs_a_reason(client, curator, lead):
    claim = make_claim()
    original = first_record(claim)
    claim_update(
        claim=claim, user=curator, changes={"statement": "Other"}, reason="x", expected_version=1
    )
    client.force_login(lead)
    url = revert_url(claim, original)
    response = client.post(url, page_form_data(client, url) | {"change_reason": "  "})
    assert response.status_code == 200
    assert "change_reason" in response.context["adminform"].form.errors
    claim.refresh_from_db()
    assert (claim.statement, claim.version) == ("Other", 2)


def test_a_revert_keeps_the_review_status_and_says_so(client, curator, lead):
    claim = make_claim()
    original = first_record(claim)  # unreviewed, no credibility
    claim = claim_update(
        claim=claim, user=curator, changes={"statement": "Edited"}, reason="x", expected_version=1
    )
    claim_review(claim=claim, user=curator, status="verified", reason="Checked", credibility=2)
    client.force_login(lead)
    url = revert_url(claim, original)
    content = client.get(url).content.decode()
    assert "stay as they are now" in content
    assert "Verified" in content and "Unreviewed" in content  # status: kept, and shown so
    response = client.post(url, page_form_data(client, url) | {"change_reason": "Wording"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.statement == original.statement
    assert (claim.status, claim.status_reason, claim.credibility) == ("verified", "Checked", 2)
    assert claim.reviewed_by == curator


def test_a_revert_restores_the_countries_of_the_version(client, curator, lead):
    mali, niger = make_country(name="Mali"), make_country(name="Niger")
    claim = make_claim()
    claim.countries.set([mali])
    claim = claim_update(
        claim=claim, user=curator, changes={"countries": [niger]}, reason="x", expected_version=1
    )
    record = claim.history.filter(version=1).order_by("-history_id").first()
    assert set(record.countries.values_list("country_id", flat=True)) == {mali.pk}
    client.force_login(lead)
    url = revert_url(claim, record)
    response = client.post(url, page_form_data(client, url) | {"change_reason": "Wrong country"})
    assert response.status_code == 302
    assert list(claim.countries.all()) == [mali]


def test_a_revert_is_refused_when_someone_changed_the_record_since_the_page_was_shown(
    client, curator, lead
):
    claim = make_claim()
    original = first_record(claim)
    claim = claim_update(
        claim=claim, user=curator, changes={"statement": "Second"}, reason="x", expected_version=1
    )
    client.force_login(lead)
    url = revert_url(claim, original)
    data = page_form_data(client, url) | {"change_reason": "Back"}
    claim_update(
        claim=claim, user=curator, changes={"statement": "Third"}, reason="y", expected_version=2
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert "was changed by hawa while you were editing" in response.content.decode()
    claim.refresh_from_db()
    assert (claim.statement, claim.version) == ("Third", 3)
    # The page now shows the record as it is: reverting anyway is a decision against it.
    assert response.context["adminform"].form.data["expected_version"] == "3"
    assert client.post(url, response.context["adminform"].form.data).status_code == 302
    claim.refresh_from_db()
    assert claim.statement == original.statement


@pytest.mark.parametrize("model", ["event", "actor", "article"])
def test_events_actors_and_articles_revert_the_same_way(client, curator, lead, model):
    if model == "event":
        obj = make_event(title="Coup in Niamey")
        change = {"title": "Coup d'état in Niamey"}
    elif model == "actor":
        obj = make_actor(name="Wagner Group")
        change = {"name": "Africa Corps"}
    else:
        obj = make_article(title="Niger's junta")
        change = {"title": "Niger junta expels envoy"}
    original = first_record(obj)
    field, new = next(iter(change.items()))
    old = getattr(obj, field)
    if model == "article":  # articles have no version: edited as the admin saves them
        setattr(obj, field, new)
        note_change(obj, user=curator, reason="Headline as published")
        obj.save()
    else:
        obj = object_update(
            obj=obj, user=curator, changes=change, reason="Name", expected_version=1
        )
    client.force_login(lead)
    url = revert_url(obj, original)
    response = client.post(url, page_form_data(client, url) | {"change_reason": "Misread"})
    assert response.status_code == 302, response.content.decode()[:3000]
    fresh = type(obj).objects.get(pk=obj.pk)
    assert getattr(fresh, field) == old
    record = newest_record(fresh)
    assert record.history_user == lead
    assert record.history_change_reason.startswith("reverted to ")
    assert record.history_change_reason.endswith(": Misread")
    if model != "article":
        assert record.history_change_reason == "reverted to version 1: Misread"
        assert fresh.version == 3 and fresh.curator_edited_at is not None
        assert fresh.status == "unreviewed"


def test_a_viewer_sees_the_version_but_cannot_revert(client, curator, viewer):
    claim = make_claim()
    original = first_record(claim)
    claim_update(
        claim=claim, user=curator, changes={"statement": "Other"}, reason="x", expected_version=1
    )
    client.force_login(viewer)
    url = revert_url(claim, original)
    content = client.get(url).content.decode()
    assert "Revert to version 1" in content
    assert 'value="Revert"' not in content and 'name="change_reason"' not in content
    assert client.post(url, {"change_reason": "no", "expected_version": 2}).status_code == 403
    assert Claim.objects.get(pk=claim.pk).statement == "Other"


def test_other_models_keep_simple_historys_own_revert_page(client, lead):
    from facts.models import ActorAlias

    alias = ActorAlias.objects.create(actor=make_actor(), name="JNIM")
    client.force_login(lead)
    page = client.get(revert_url(alias, first_record(alias)))
    assert page.status_code == 200 and page.context["adminform"].form.initial["name"] == "JNIM"


def test_the_revert_page_of_an_unchanged_record_offers_nothing_to_revert(client, lead):
    event = make_event()
    client.force_login(lead)
    content = client.get(revert_url(event, first_record(event))).content.decode()
    assert "Nothing to revert" in content and 'value="Revert"' not in content
    assert Event.objects.get(pk=event.pk).version == 1
    assert Actor.objects.count() == 0 and Article.objects.count() == 0
