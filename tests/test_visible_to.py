"""`visible_to(user)` on claims, events, places, participants, articles and actors, per role:
anonymous readers, accounts without a role and non-staff accounts see the published record;
viewers, curators, leads and superusers see everything. Also chained after a filter and on
value rows."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group

from facts.choices import ReviewStatus
from facts.models import Actor, Article, Claim, Event, EventParticipant, Place
from tests.base import (
    make_actor,
    make_article,
    make_claim,
    make_event,
    make_place,
    make_staff,
    reviewed,
)

pytestmark = pytest.mark.django_db

VERIFIED = ReviewStatus.VERIFIED
ROLES = ["viewer", "curator", "lead"]


@pytest.fixture
def world():
    """One verified claim naming four actors and pointing at an unreviewed event (which it
    does not publish), beside unpublished things: an unreviewed claim, a rejected one,
    objects no verified claim rests on, and the unreviewed parts of a verified event."""
    subject, object_actor, claimant, mentioned = (make_actor() for _ in range(4))
    verified_actor = make_actor(**reviewed(status=VERIFIED))
    hidden_actor = make_actor()
    supported_event = make_event()
    verified_place = make_place(**reviewed(status=VERIFIED))
    proposed_place = make_place()
    verified_event = make_event(place=proposed_place, **reviewed(status=VERIFIED))
    hidden_event = make_event(place=verified_place)
    part = EventParticipant.objects.create(
        event=verified_event, actor=verified_actor, role="party", status=VERIFIED
    )
    proposed_part = EventParticipant.objects.create(
        event=verified_event, actor=hidden_actor, role="perpetrator", article=make_article()
    )
    part_of_hidden = EventParticipant.objects.create(
        event=hidden_event, actor=verified_actor, role="party", status=VERIFIED
    )
    published_article = make_article()
    hidden_article = make_article()
    published = make_claim(
        published_article,
        subject=subject,
        object_actor=object_actor,
        claimant=claimant,
        event=supported_event,
        **reviewed(status=VERIFIED),
    )
    published.actors.add(mentioned)
    unreviewed = make_claim(hidden_article, subject=hidden_actor, event=hidden_event)
    rejected = make_claim(
        hidden_article, subject=hidden_actor, **reviewed(status=ReviewStatus.REJECTED)
    )
    return {
        "claims": ({published}, {unreviewed, rejected}),
        "events": ({verified_event}, {supported_event, hidden_event}),
        "places": ({verified_place}, {proposed_place}),
        "participants": ({part}, {proposed_part, part_of_hidden}),
        "articles": ({published_article}, {hidden_article}),
        "actors": (
            {subject, object_actor, claimant, mentioned, verified_actor},
            {hidden_actor},
        ),
    }


MODELS = {
    "claims": Claim,
    "events": Event,
    "places": Place,
    "participants": EventParticipant,
    "articles": Article,
    "actors": Actor,
}


def _user(kind: str):
    users = get_user_model().objects
    if kind == "anonymous":
        return AnonymousUser()
    if kind == "staff without a role":
        return users.create_user("plain-staff", is_staff=True)
    if kind == "viewer not staff":
        user = make_staff("viewer", username="not-staff")
        user.is_staff = False
        user.save()
        return user
    if kind == "inactive lead":
        user = make_staff("lead", username="inactive")
        user.is_active = False
        user.save()
        return user
    if kind == "superuser":
        return users.create_superuser("root", password="correct-horse-battery")
    return make_staff(kind)


@pytest.mark.parametrize(
    "kind", ["anonymous", "staff without a role", "viewer not staff", "inactive lead"]
)
@pytest.mark.parametrize("name", list(MODELS))
def test_readers_without_a_role_see_the_published_record(world, name, kind):
    user = _user(kind)
    published, hidden = world[name]
    visible = set(MODELS[name].objects.visible_to(user))
    assert visible == published
    assert not visible & hidden


@pytest.mark.parametrize("kind", [*ROLES, "superuser"])
@pytest.mark.parametrize("name", list(MODELS))
def test_roles_see_everything(world, name, kind):
    user = _user(kind)
    everything = set(MODELS[name].objects.all())
    published, hidden = world[name]
    assert published | hidden <= everything
    assert set(MODELS[name].objects.visible_to(user)) == everything


@pytest.mark.parametrize("name", list(MODELS))
def test_chains_after_a_filter(world, name):
    published, hidden = world[name]
    model = MODELS[name]
    chosen = [next(iter(published)).pk, next(iter(hidden)).pk]
    anonymous = model.objects.filter(pk__in=chosen).visible_to(AnonymousUser())
    assert list(anonymous.values_list("pk", flat=True)) == [chosen[0]]
    lead = model.objects.filter(pk__in=chosen).visible_to(make_staff("lead"))
    assert set(lead.values_list("pk", flat=True)) == set(chosen)


def test_filters_value_rows_and_related_managers(world):
    (published,), _ = world["claims"]
    rows = Claim.objects.values("id", "status").visible_to(AnonymousUser())
    assert list(rows) == [{"id": published.pk, "status": VERIFIED}]
    article = next(iter(world["articles"][1]))
    assert article.claims.count() == 2
    assert not article.claims.visible_to(AnonymousUser()).exists()


def test_the_role_is_read_once_per_user(world, django_assert_num_queries):
    user = make_staff("viewer", username="counted")
    with django_assert_num_queries(1):
        Claim.objects.visible_to(user)
        Event.objects.visible_to(user)
        Actor.objects.filter(pk=0).visible_to(user)
    assert Group.objects.filter(name="viewer", user=user).exists()


def test_natural_keys_still_resolve(world):
    (claim,), _ = world["claims"]
    actor = claim.subject
    assert Actor.objects.get_by_natural_key(actor.slug) == actor
    assert Claim.objects.get_by_natural_key(*claim.natural_key()) == claim
    assert Article.objects.get_by_natural_key(claim.article.sha256) == claim.article
    assert Event.objects.get_by_natural_key(claim.event.slug) == claim.event
