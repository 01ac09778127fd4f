"""Merging duplicate actors and events through the services directly: every reference moves to
the survivor, names are kept as aliases, and the history says who merged what and why."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection, transaction

from facts.choices import AliasKind
from facts.models import Actor, ActorAlias, ActorRelation, Claim, Event, EventParticipant
from facts.services import ReviewError, StaleVersionError, actor_merge, event_merge, object_update
from tests.base import (
    make_actor,
    make_alias,
    make_claim,
    make_country,
    make_event,
    make_relation,
    newest_history,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 6, 2, 14, 0, tzinfo=UTC)


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


# --- actor_merge ----------------------------------------------------------------------------


def test_actor_merge_moves_every_claim_role_to_the_survivor(clock, lead):
    wagner = make_actor(slug="wagner-group", name="Wagner Group")
    corps = make_actor(slug="africa-corps", name="Africa Corps")
    mali = make_actor(name="Mali")
    as_subject = make_claim(subject=corps, object_actor=mali, predicate="deployed-to")
    as_object = make_claim(subject=mali, object_actor=corps, predicate="met-with")
    as_claimant = make_claim(claimant=corps)
    untouched = make_claim(subject=mali)

    survivor = actor_merge(survivor=wagner, merged=[corps], user=lead, reason="  Renamed in 2024  ")

    assert survivor.pk == wagner.pk
    assert not Actor.objects.filter(name="Africa Corps").exists()
    note = "Merged into Wagner Group (wagner-group): Renamed in 2024"
    for claim, field in ((as_subject, "subject"), (as_object, "object_actor")):
        claim.refresh_from_db()
        assert getattr(claim, field) == wagner
        assert claim.version == 2 and claim.curator_edited_at == NOW
        record = newest_history(claim)
        assert (record.history_user, record.history_change_reason) == (lead, note)
    as_claimant.refresh_from_db()
    assert as_claimant.claimant == wagner and as_claimant.version == 2
    untouched.refresh_from_db()
    assert untouched.version == 1 and untouched.curator_edited_at is None


def test_actor_merge_clears_an_object_that_becomes_the_subject(lead):
    wagner, corps = make_actor(name="Wagner Group"), make_actor(name="Africa Corps")
    subject_side = make_claim(subject=corps, object_actor=wagner, predicate="met-with")
    object_side = make_claim(subject=wagner, object_actor=corps, predicate="met-with")

    actor_merge(survivor=wagner, merged=[corps], user=lead, reason="Same group")

    for claim in (subject_side, object_side):
        claim.refresh_from_db()
        assert claim.subject == wagner and claim.object_actor is None


def test_actor_merge_moves_mentions_without_duplicates(lead):
    wagner, corps, other = make_actor(), make_actor(), make_actor()
    only_merged = make_claim()
    only_merged.actors.add(corps, other)
    both = make_claim()
    both.actors.add(corps, wagner)

    corps_id = corps.pk
    actor_merge(survivor=wagner, merged=[corps], user=lead, reason="Same group")

    assert set(only_merged.actors.all()) == {wagner, other}
    assert list(both.actors.all()) == [wagner]
    assert not Claim.actors.through.objects.filter(actor_id=corps_id).exists()


def test_actor_merge_moves_participations_and_drops_duplicates(lead):
    wagner, corps = make_actor(), make_actor()
    shared, own = make_event(), make_event()
    EventParticipant.objects.create(event=shared, actor=wagner, role="supplier")
    EventParticipant.objects.create(event=shared, actor=corps, role="supplier")
    EventParticipant.objects.create(event=shared, actor=corps, role="party")
    EventParticipant.objects.create(event=own, actor=corps, role="perpetrator")

    actor_merge(survivor=wagner, merged=[corps], user=lead, reason="Same group")

    assert set(EventParticipant.objects.values_list("event_id", "actor_id", "role")) == {
        (shared.pk, wagner.pk, "supplier"),
        (shared.pk, wagner.pk, "party"),
        (own.pk, wagner.pk, "perpetrator"),
    }
    moved = EventParticipant.objects.get(event=own)
    assert newest_history(moved).history_user == lead


def test_actor_merge_moves_relations_and_drops_self_relations(lead):
    wagner, corps, russia, mali = make_actor(), make_actor(), make_actor(), make_actor()
    outgoing = make_relation(subject=corps, object=russia, kind="part-of")
    incoming = make_relation(subject=mali, object=corps, kind="affiliated-with")
    between = make_relation(subject=corps, object=wagner, kind="succeeded-by")

    actor_merge(survivor=wagner, merged=[corps], user=lead, reason="Renamed")

    outgoing.refresh_from_db()
    incoming.refresh_from_db()
    assert (outgoing.subject, outgoing.object) == (wagner, russia)
    assert (incoming.subject, incoming.object) == (mali, wagner)
    assert not ActorRelation.objects.filter(pk=between.pk).exists()
    assert newest_history(outgoing).history_change_reason.startswith("Merged into")


def test_actor_merge_moves_children(lead):
    wagner, corps = make_actor(), make_actor()
    child = make_actor(parent=corps)
    actor_merge(survivor=wagner, merged=[corps], user=lead, reason="Same")
    child.refresh_from_db()
    assert child.parent == wagner


def test_actor_merge_keeps_names_as_aliases(lead):
    wagner = make_actor(name="Wagner Group")
    corps = make_actor(name="Africa Corps")
    make_alias(corps, name="AC", kind=AliasKind.ABBREVIATION)
    make_alias(corps, name="WAGNER-group")  # the survivor's own name: not kept twice
    make_alias(wagner, name="PMC Wagner")

    actor_merge(survivor=wagner, merged=[corps], user=lead, reason="Renamed")

    aliases = {a.name: a.kind for a in ActorAlias.objects.filter(actor=wagner)}
    assert aliases == {
        "PMC Wagner": AliasKind.NAME,
        "AC": AliasKind.ABBREVIATION,
        "Africa Corps": AliasKind.SPELLING,
    }
    assert not ActorAlias.objects.filter(normalized="wagner group").exists()
    added = ActorAlias.objects.get(name="Africa Corps")
    assert newest_history(added).history_user == lead


def test_actor_merge_adds_no_alias_for_a_name_already_known(lead):
    wagner = make_actor(name="Wagner Group")
    same_key = make_actor(name="WAGNER group")
    corps = make_actor(name="Africa Corps")
    elsewhere = make_actor(name="Someone else")
    make_alias(elsewhere, name="Africa Corps")

    actor_merge(survivor=wagner, merged=[same_key, corps], user=lead, reason="Duplicates")

    assert not ActorAlias.objects.filter(actor=wagner).exists()
    assert ActorAlias.objects.get(name="Africa Corps").actor == elsewhere
    assert set(Actor.objects.values_list("pk", flat=True)) == {wagner.pk, elsewhere.pk}


def test_actor_merge_fills_only_empty_survivor_fields(lead):
    wagner = make_actor(name="Wagner Group", title="", description="Kept", wikidata_qid="")
    corps = make_actor(
        name="Africa Corps",
        title="Expeditionary corps",
        description="Dropped",
        wikidata_qid="Q12345",
        acled_name="Africa Corps (Russia)",
    )
    actor_merge(survivor=wagner, merged=[corps], user=lead, reason="Same")
    wagner.refresh_from_db()
    assert wagner.title == "Expeditionary corps"
    assert wagner.description == "Kept"
    assert wagner.wikidata_qid == "Q12345"
    assert wagner.acled_name == "Africa Corps (Russia)"


def test_actor_merge_stamps_the_survivor_and_records_the_deletion(clock, lead):
    wagner = make_actor(slug="wagner-group", name="Wagner Group")
    corps = make_actor(name="Africa Corps")
    legion = make_actor(name="Russian Expeditionary Legion")

    gone_ids = [corps.pk, legion.pk]  # delete() leaves the merged instances without a pk

    survivor = actor_merge(survivor=wagner, merged=[corps, legion], user=lead, reason="One group")

    assert survivor.version == 2
    wagner.refresh_from_db()
    assert wagner.version == 2 and wagner.curator_edited_at == NOW
    record = newest_history(wagner)
    assert record.history_user == lead
    assert record.history_change_reason == (
        "Absorbed Africa Corps, Russian Expeditionary Legion: One group"
    )
    assert not Actor.objects.filter(pk__in=gone_ids).exists()
    for gone_id in gone_ids:
        deletion = Actor.history.filter(id=gone_id).order_by("-history_id").first()
        assert deletion.history_type == "-"
        assert deletion.history_user == lead
        assert (
            deletion.history_change_reason == "Merged into Wagner Group (wagner-group): One group"
        )


def test_actor_merge_ignores_the_survivor_in_the_merged_list(lead):
    wagner, corps = make_actor(), make_actor()
    actor_merge(survivor=wagner, merged=[wagner, corps], user=lead, reason="Same")
    assert list(Actor.objects.all()) == [wagner]


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_actor_merge_needs_a_reason(lead, reason):
    wagner, corps = make_actor(), make_actor()
    claim = make_claim(subject=corps)
    with pytest.raises(ReviewError, match="Say why these actors are the same"):
        actor_merge(survivor=wagner, merged=[corps], user=lead, reason=reason)
    assert Actor.objects.filter(pk=corps.pk).exists()
    claim.refresh_from_db()
    assert claim.subject == corps


def test_actor_merge_refuses_merging_an_actor_into_itself(lead):
    wagner = make_actor()
    with pytest.raises(ReviewError, match="Choose at least one other of the actors"):
        actor_merge(survivor=wagner, merged=[fresh(wagner)], user=lead, reason="Same")
    with pytest.raises(ReviewError, match="Choose at least one other of the actors"):
        actor_merge(survivor=wagner, merged=[], user=lead, reason="Same")
    wagner.refresh_from_db()
    assert wagner.version == 1


def test_actor_merge_with_a_stale_survivor_changes_nothing(lead):
    wagner, corps = make_actor(name="Wagner Group"), make_actor(name="Africa Corps")
    claim = make_claim(subject=corps)
    make_alias(corps, name="AC")
    stale = fresh(wagner)
    object_update(obj=wagner, user=lead, changes={"description": "Edited"}, reason="Context")

    with pytest.raises(StaleVersionError, match="Actor was changed by boss"):
        actor_merge(survivor=stale, merged=[fresh(corps)], user=lead, reason="Same")

    assert Actor.objects.filter(pk=corps.pk).exists()
    claim.refresh_from_db()
    assert claim.subject == corps and claim.version == 1
    assert ActorAlias.objects.get(name="AC").actor == corps
    assert not ActorAlias.objects.filter(name="Africa Corps").exists()
    wagner.refresh_from_db()
    assert wagner.description == "Edited" and wagner.version == 2


def test_merges_in_a_chain_carry_names_and_claims_to_the_last_survivor(lead):
    a = make_actor(name="Groupe A")
    b = make_actor(name="Groupe B")
    c = make_actor(name="Groupe C")
    claim = make_claim(subject=a)
    make_alias(a, name="GA")

    actor_merge(survivor=b, merged=[a], user=lead, reason="Renamed to B")
    actor_merge(survivor=fresh(c), merged=[fresh(b)], user=lead, reason="Renamed to C")

    claim.refresh_from_db()
    assert claim.subject == c and claim.version == 3
    assert set(ActorAlias.objects.filter(actor=c).values_list("name", flat=True)) == {
        "Groupe A",
        "Groupe B",
        "GA",
    }
    assert list(Actor.objects.values_list("pk", flat=True)) == [c.pk]


def test_actor_merge_refuses_an_actor_already_merged_away(lead):
    a, b, c = make_actor(), make_actor(), make_actor()
    copy_of_a = fresh(a)
    actor_merge(survivor=b, merged=[a], user=lead, reason="Same")
    with pytest.raises((ReviewError, Actor.DoesNotExist)):
        actor_merge(survivor=fresh(c), merged=[copy_of_a], user=lead, reason="Again")


class _Undo(Exception):
    pass


def test_actor_merge_of_a_parent_into_its_child_leaves_no_dangling_parent(lead):
    parent = make_actor(name="Parent Org")
    child = make_actor(name="Child Org", parent=parent)
    parent_id = "not merged"
    try:
        with transaction.atomic():
            actor_merge(survivor=fresh(child), merged=[fresh(parent)], user=lead, reason="Same")
            parent_id = Actor.objects.filter(pk=child.pk).values_list("parent_id", flat=True)[0]
            raise _Undo  # roll back: a dangling key would fail the test database's checks
    except _Undo:
        pass
    except ReviewError:
        parent_id = None  # refusing the merge would be fine too
    connection.check_constraints()
    assert parent_id is None


# --- event_merge ----------------------------------------------------------------------------


def test_event_merge_moves_claims_participants_and_places(clock, lead):
    mali, niger = make_country(), make_country()
    survivor = make_event(slug="aes-founded", title="AES founded")
    duplicate = make_event(slug="aes-charter", title="AES charter")
    survivor.countries.add(mali)
    duplicate.countries.add(mali, niger)
    claim = make_claim(event=duplicate)
    other_claim = make_claim(event=survivor)
    burkina, russia = make_actor(), make_actor()
    EventParticipant.objects.create(event=survivor, actor=burkina, role="party")
    EventParticipant.objects.create(event=duplicate, actor=burkina, role="party")
    EventParticipant.objects.create(event=duplicate, actor=russia, role="supplier")

    result = event_merge(
        survivor=fresh(survivor), merged=[fresh(duplicate)], user=lead, reason="Same day"
    )

    assert result.pk == survivor.pk and result.version == 2
    duplicate_id = duplicate.pk
    assert not Event.objects.filter(pk=duplicate_id).exists()
    claim.refresh_from_db()
    assert claim.event == survivor and claim.version == 2 and claim.curator_edited_at == NOW
    note = "Merged into AES founded (aes-founded): Same day"
    assert newest_history(claim).history_change_reason == note
    assert newest_history(claim).history_user == lead
    other_claim.refresh_from_db()
    assert other_claim.version == 1
    assert set(survivor.participants.values_list("actor_id", "role")) == {
        (burkina.pk, "party"),
        (russia.pk, "supplier"),
    }
    assert set(survivor.countries.all()) == {mali, niger}
    survivor.refresh_from_db()
    assert survivor.curator_edited_at == NOW and survivor.version == 2
    record = newest_history(survivor)
    assert record.history_user == lead
    assert record.history_change_reason == "Absorbed aes-charter: Same day"
    deletion = Event.history.filter(id=duplicate_id).order_by("-history_id").first()
    assert (deletion.history_type, deletion.history_user) == ("-", lead)
    assert deletion.history_change_reason == note


def test_event_merge_of_several_events_keeps_one_participation_each(lead):
    survivor, first, second = make_event(), make_event(), make_event()
    mali = make_actor()
    EventParticipant.objects.create(event=first, actor=mali, role="host")
    EventParticipant.objects.create(event=second, actor=mali, role="host")

    event_merge(survivor=survivor, merged=[first, second], user=lead, reason="Same meeting")

    assert list(EventParticipant.objects.values_list("event_id", "actor_id", "role")) == [
        (survivor.pk, mali.pk, "host")
    ]
    assert Event.objects.count() == 1


def test_event_merge_refuses_events_of_another_kind(lead):
    survivor = make_event(kind="meeting")
    coup = make_event(kind="coup")
    claim = make_claim(event=coup)
    with pytest.raises(ReviewError, match="Only events of the same kind"):
        event_merge(survivor=survivor, merged=[coup], user=lead, reason="Same")
    assert Event.objects.filter(pk=coup.pk).exists()
    claim.refresh_from_db()
    assert claim.event == coup


def test_event_merge_needs_a_reason_and_another_event(lead):
    survivor, duplicate = make_event(), make_event()
    with pytest.raises(ReviewError, match="Say why these events are the same"):
        event_merge(survivor=survivor, merged=[duplicate], user=lead, reason=" ")
    with pytest.raises(ReviewError, match="Choose at least one other of the events"):
        event_merge(survivor=survivor, merged=[fresh(survivor)], user=lead, reason="Same")
    assert Event.objects.count() == 2
    survivor.refresh_from_db()
    assert survivor.version == 1


def test_event_merge_with_a_stale_survivor_changes_nothing(lead):
    survivor, duplicate = make_event(), make_event()
    claim = make_claim(event=duplicate)
    stale = fresh(survivor)
    object_update(obj=survivor, user=lead, changes={"title": "Renamed"}, reason="Title")
    with pytest.raises(StaleVersionError):
        event_merge(survivor=stale, merged=[fresh(duplicate)], user=lead, reason="Same")
    assert Event.objects.filter(pk=duplicate.pk).exists()
    claim.refresh_from_db()
    assert claim.event == duplicate and claim.version == 1
    survivor.refresh_from_db()
    assert survivor.title == "Renamed" and survivor.version == 2


def test_event_merge_writes_no_anonymous_history(lead):
    mali, niger = make_country(), make_country()
    survivor, duplicate = make_event(), make_event()
    survivor.countries.add(mali)
    duplicate.countries.add(niger)
    survivor = fresh(survivor)
    before = set(survivor.history.values_list("history_id", flat=True))
    event_merge(survivor=survivor, merged=[fresh(duplicate)], user=lead, reason="Same")
    written = survivor.history.exclude(history_id__in=before)
    assert [r.history_user for r in written] == [lead]


def test_a_refused_merge_leaves_the_callers_objects_usable(lead):
    wagner, corps = make_actor(), make_actor()
    corps_id = corps.pk
    stale = fresh(wagner)
    object_update(obj=wagner, user=lead, changes={"description": "Edited"}, reason="Context")
    with pytest.raises(StaleVersionError):
        actor_merge(survivor=stale, merged=[corps], user=lead, reason="Same")
    assert Actor.objects.filter(pk=corps_id).exists()
    assert corps.pk == corps_id
