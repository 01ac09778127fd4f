"""The history helpers called directly: what changed after a version (who, when, why, which
fields), and the many-to-many snapshots that keep bulk-written history honest."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.db import connection

from facts.models import Actor, Claim, Event
from facts.services import claim_review, claim_update, object_review, object_update
from facts.services.history import (
    changes_since,
    many_to_many_snapshot,
    many_to_many_snapshot_statements,
)
from tests.base import make_actor, make_claim, make_country, make_event, newest_history

pytestmark = pytest.mark.django_db

T0 = datetime(2025, 1, 10, 8, 0, tzinfo=UTC)
T1 = T0 + timedelta(hours=1)
T2 = T0 + timedelta(days=1)


@pytest.fixture
def clock():
    with time_machine.travel(T0, tick=False) as traveller:
        yield traveller


def m2m_of(record, field: str) -> set[int]:
    column = {"countries": "country_id", "actors": "actor_id"}[field]
    return set(getattr(record, field).values_list(column, flat=True))


def add_in_bulk(claim: Claim, *, countries=(), actors=()) -> None:
    """Many-to-many rows written the importer's way: no signals, so no history."""
    Claim.countries.through.objects.bulk_create(
        [Claim.countries.through(claim=claim, country=c) for c in countries]
    )
    Claim.actors.through.objects.bulk_create(
        [Claim.actors.through(claim=claim, actor=a) for a in actors]
    )


# --- changes_since --------------------------------------------------------------------------


def test_no_changes_after_the_current_version(curator):
    claim = make_claim()
    assert changes_since(claim, version=1) == []
    reviewed = claim_review(claim=claim, user=curator, status="verified", reason="ok")
    assert changes_since(reviewed, version=reviewed.version) == []


def test_changes_since_lists_each_later_change_with_who_when_why_and_fields(clock, curator, lead):
    claim = make_claim()
    clock.move_to(T1)
    claim_review(claim=claim, user=curator, status="disputed", reason="Other sources differ")
    clock.move_to(T2)
    claim_update(
        claim=claim,
        user=lead,
        changes={"statement": "The AES was formed in September 2023."},
        reason="Clearer wording",
        expected_version=2,
    )

    changes = changes_since(Claim.objects.get(pk=claim.pk), version=1)

    assert [(c["version"], c["user"], c["date"], c["reason"]) for c in changes] == [
        (2, "hawa", T1, "disputed: Other sources differ"),
        (3, "boss", T2, "Clearer wording"),
    ]
    assert set(changes[0]["fields"]) == {"status", "status_reason", "reviewed_by", "reviewed_at"}
    assert set(changes[1]["fields"]) == {"statement", "curator_edited_at"}

    only_last = changes_since(claim, version=2)
    assert len(only_last) == 1 and only_last[0]["version"] == 3
    assert set(only_last[0]["fields"]) == {"statement", "curator_edited_at"}


def test_changes_since_version_zero_includes_the_creation_without_fields(clock):
    claim = make_claim()
    changes = changes_since(claim, version=0)
    assert changes == [{"version": 1, "user": "", "date": T0, "reason": "", "fields": []}]


def test_a_change_without_a_user_is_reported_with_an_empty_name(curator):
    claim = make_claim()
    claim.statement = "Changed by the importer."
    claim.version = 2
    claim._change_reason = "Re-import"
    claim.save()
    changes = changes_since(claim, version=1)
    assert [(c["user"], c["reason"], c["fields"]) for c in changes] == [
        ("", "Re-import", ["statement"])
    ]


def test_changes_since_reads_actors_and_events_too(curator, lead):
    actor, event = make_actor(), make_event()
    object_update(obj=actor, user=lead, changes={"description": "Founded 2014"}, reason="Bio")
    object_review(obj=event, user=curator, status="verified", reason="Official record")

    (actor_change,) = changes_since(actor, version=1)
    assert actor_change["user"] == "boss" and actor_change["reason"] == "Bio"
    assert set(actor_change["fields"]) == {"description", "curator_edited_at"}
    (event_change,) = changes_since(event, version=1)
    assert event_change["user"] == "hawa"
    assert event_change["reason"] == "verified: Official record"
    assert "status" in event_change["fields"]


def test_an_edit_of_mentions_shows_the_many_to_many_field(curator):
    claim = make_claim()
    mali = make_country()
    claim_update(
        claim=claim,
        user=curator,
        changes={"countries": [mali], "statement": "Mali and others."},
        reason="Mentions",
        expected_version=1,
    )
    changes = changes_since(claim, version=1)
    assert {c["version"] for c in changes} == {2}
    assert {(c["user"], c["reason"]) for c in changes} == {("hawa", "Mentions")}
    fields = {f for c in changes for f in c["fields"]}
    assert {"countries", "statement"} <= fields
    assert m2m_of(newest_history(claim), "countries") == {mali.pk}


# --- many_to_many_snapshot_statements -------------------------------------------------------


def test_snapshot_statements_for_nothing_or_a_model_without_tracked_mentions():
    assert many_to_many_snapshot_statements(Claim, []) == []
    assert many_to_many_snapshot_statements(Actor, [1, 2]) == []


def test_snapshot_statements_replace_then_insert_for_each_field():
    statements = many_to_many_snapshot_statements(Claim, ["7", 3, 7])
    assert [s.split()[0] for s in statements] == ["DELETE", "INSERT", "DELETE", "INSERT"]
    assert all("IN (3, 7)" in s for s in statements)
    countries_history, actors_history = (
        "facts_historicalclaim_countries",
        "facts_historicalclaim_actors",
    )
    assert countries_history in statements[0] and countries_history in statements[1]
    assert actors_history in statements[2] and actors_history in statements[3]
    assert "facts_claim_countries" in statements[1]

    inserts_only = many_to_many_snapshot_statements(Claim, [3], replace=False)
    assert [s.split()[0] for s in inserts_only] == ["INSERT", "INSERT"]

    (event_delete, event_insert) = many_to_many_snapshot_statements(Event, [5])
    assert event_delete.startswith("DELETE") and "facts_event_countries" in event_insert


def test_snapshot_statements_take_integer_keys_only():
    with pytest.raises(ValueError):
        many_to_many_snapshot_statements(Claim, ["1) OR (1=1"])


# --- many_to_many_snapshot ------------------------------------------------------------------


def test_snapshot_copies_current_mentions_into_the_newest_record_only():
    claim = make_claim()
    claim.save()  # a second history record
    mali, niger = make_country(), make_country()
    aes = make_actor()
    add_in_bulk(claim, countries=[mali, niger], actors=[aes])
    oldest, newest = claim.history.order_by("history_id")
    assert m2m_of(newest, "countries") == set()

    many_to_many_snapshot(Claim, [claim.pk])

    assert m2m_of(newest, "countries") == {mali.pk, niger.pk}
    assert m2m_of(newest, "actors") == {aes.pk}
    assert m2m_of(oldest, "countries") == set() and m2m_of(oldest, "actors") == set()

    many_to_many_snapshot(Claim, [claim.pk])  # again: replaced, not doubled
    assert newest.countries.count() == 2 and newest.actors.count() == 1


def test_snapshot_of_several_claims_keeps_each_ones_values():
    first, second, untouched = make_claim(), make_claim(), make_claim()
    mali, niger = make_country(), make_country()
    add_in_bulk(first, countries=[mali])
    add_in_bulk(second, countries=[niger])
    add_in_bulk(untouched, countries=[mali, niger])

    many_to_many_snapshot(Claim, [first.pk, second.pk])

    assert m2m_of(newest_history(first), "countries") == {mali.pk}
    assert m2m_of(newest_history(second), "countries") == {niger.pk}
    assert m2m_of(newest_history(untouched), "countries") == set()


def test_snapshot_of_events_and_of_models_without_mentions():
    event = make_event()
    mali = make_country()
    Event.countries.through.objects.create(event=event, country=mali)
    many_to_many_snapshot(Event, [event.pk])
    assert m2m_of(newest_history(event), "countries") == {mali.pk}
    many_to_many_snapshot(Actor, [make_actor().pk])  # nothing to copy, nothing fails
    many_to_many_snapshot(Claim, [])


def test_inserts_without_replace_fill_fresh_records():
    claim = make_claim()
    mali = make_country()
    add_in_bulk(claim, countries=[mali])
    with connection.cursor() as cursor:
        for sql in many_to_many_snapshot_statements(Claim, [claim.pk], replace=False):
            cursor.execute(sql)
    assert m2m_of(newest_history(claim), "countries") == {mali.pk}


def test_without_a_snapshot_the_next_review_appears_to_add_every_mention(curator):
    """Why the snapshot exists: a review then shows only the review fields."""
    snapshotted, bare = make_claim(), make_claim()
    mali = make_country()
    for claim in (snapshotted, bare):
        add_in_bulk(claim, countries=[mali])
    many_to_many_snapshot(Claim, [snapshotted.pk])

    for claim in (snapshotted, bare):
        claim_review(claim=claim, user=curator, status="verified", reason="ok")

    (clean,) = changes_since(snapshotted, version=1)
    assert "countries" not in clean["fields"] and "status" in clean["fields"]
    (noisy,) = changes_since(bare, version=1)
    assert "countries" in noisy["fields"]
