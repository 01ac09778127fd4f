"""Merging duplicate actors and events: every reference moves to the survivor."""

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from facts.choices import AliasKind
from facts.models import (
    Actor,
    ActorAlias,
    ActorRelation,
    Claim,
    ClaimLink,
    Event,
    EventParticipant,
)
from facts.names import normalize_name
from facts.services.errors import ReviewError
from facts.services.history import many_to_many_snapshot, note_change
from facts.services.review import advance_version


def _stamp(obj, user, reason: str) -> None:
    obj.curator_edited_at = timezone.now()
    advance_version(obj)
    note_change(obj, user=user, reason=reason)


def _current(model, merged: list) -> list:
    """Fresh, locked copies of the records to merge, so a record merged or deleted since the
    caller read it is refused, and the caller's own objects stay usable if the merge fails."""
    ids = [item.pk for item in merged]
    current = {obj.pk: obj for obj in model._default_manager.select_for_update().filter(pk__in=ids)}
    gone = [str(item) for item in merged if item.pk not in current]
    if gone:
        raise ReviewError(
            f"{', '.join(gone)} no longer exist{'s' if len(gone) == 1 else ''} (merged or "
            "deleted since you read it): reload and choose again."
        )
    return [current[pk] for pk in ids]


def _checked_merge(survivor, merged: list, reason: str, what: str) -> tuple[list, str]:
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError(f"Say why these {what} are the same.")
    merged = [item for item in merged if item.pk != survivor.pk]
    if not merged:
        raise ReviewError(f"Choose at least one other of the {what} to merge into the survivor.")
    return merged, reason


def actor_merge(*, survivor: Actor, merged: list[Actor], user, reason: str) -> Actor:
    """Fold `merged` actors into `survivor`.

    Claims, event participations, relations, aliases and children move to the survivor; each
    merged actor's name becomes an alias; the merged actors are deleted, which their history
    records with who merged them and why.
    """
    merged, reason = _checked_merge(survivor, merged, reason, "actors")
    note = f"Merged into {survivor.name} ({survivor.slug}): {reason}"
    with transaction.atomic():
        merged = _current(Actor, merged)
        ids = [a.pk for a in merged]
        for field in ("subject", "object_actor", "claimant"):
            for claim in Claim.objects.filter(**{f"{field}_id__in": ids}):
                setattr(claim, f"{field}_id", survivor.pk)
                if claim.subject_id and claim.subject_id == claim.object_actor_id:
                    claim.object_actor_id = None
                _stamp(claim, user, note)
                claim.save()
        through = Claim.actors.through
        mentioned = set(through.objects.filter(actor_id__in=ids).values_list("claim_id", flat=True))
        already = set(
            through.objects.filter(actor_id=survivor.pk, claim_id__in=mentioned).values_list(
                "claim_id", flat=True
            )
        )
        through.objects.filter(actor_id__in=ids).delete()
        through.objects.bulk_create(
            [through(claim_id=c, actor_id=survivor.pk) for c in mentioned - already]
        )
        for participation in EventParticipant.objects.filter(actor_id__in=ids):
            duplicate = EventParticipant.objects.filter(
                event_id=participation.event_id, actor=survivor, role=participation.role
            ).exists()
            note_change(participation, user=user, reason=note)
            if duplicate:
                participation.delete()
            else:
                participation.actor = survivor
                participation.save()
        for relation in ActorRelation.objects.filter(Q(subject_id__in=ids) | Q(object_id__in=ids)):
            if relation.subject_id in ids:
                relation.subject = survivor
            if relation.object_id in ids:
                relation.object = survivor
            note_change(relation, user=user, reason=note)
            if relation.subject_id == relation.object_id:
                relation.delete()
            else:
                relation.save()
        Actor.objects.filter(parent_id__in=ids).exclude(pk=survivor.pk).update(parent=survivor)
        if survivor.parent_id in ids:
            # A parent folded into its child: the child takes the parent's own parent.
            absorbed = next(a for a in merged if a.pk == survivor.parent_id)
            survivor.parent_id = absorbed.parent_id if absorbed.parent_id not in ids else None
            if survivor.parent_id == survivor.pk:
                survivor.parent_id = None
        survivor_key = normalize_name(survivor.name)
        for actor in merged:
            for alias in ActorAlias.objects.filter(actor=actor):
                alias.actor = survivor
                note_change(alias, user=user, reason=note)
                if alias.normalized == survivor_key:
                    alias.delete()
                else:
                    alias.save()
            key = normalize_name(actor.name)
            if key != survivor_key and not ActorAlias.objects.filter(normalized=key).exists():
                alias = ActorAlias(actor=survivor, name=actor.name, kind=AliasKind.SPELLING)
                note_change(alias, user=user, reason=note)
                alias.save()
            for field in ("wikidata_qid", "acled_name", "title", "description"):
                if not getattr(survivor, field) and getattr(actor, field):
                    setattr(survivor, field, getattr(actor, field))
            note_change(actor, user=user, reason=note)
            actor._merged_into = survivor.pk  # type: ignore[attr-defined]  # for tombstones
            actor.delete()
        _stamp(survivor, user, f"Absorbed {', '.join(a.name for a in merged)}: {reason}")
        survivor.save()
        survivor.refresh_from_db()
    return survivor


def event_merge(*, survivor: Event, merged: list[Event], user, reason: str) -> Event:
    """Fold duplicate events into `survivor`: claims, participants and places move over."""
    merged, reason = _checked_merge(survivor, merged, reason, "events")
    if any(e.kind != survivor.kind for e in merged):
        raise ReviewError("Only events of the same kind can be merged.")
    note = f"Merged into {survivor.title} ({survivor.slug}): {reason}"
    with transaction.atomic():
        merged = _current(Event, merged)
        ids = [e.pk for e in merged]
        for claim in Claim.objects.filter(event_id__in=ids):
            claim.event = survivor
            _stamp(claim, user, note)
            claim.save()
        have = set(survivor.participants.values_list("actor_id", "role"))
        for participation in EventParticipant.objects.filter(event_id__in=ids):
            note_change(participation, user=user, reason=note)
            if (participation.actor_id, participation.role) in have:
                participation.delete()
            else:
                have.add((participation.actor_id, participation.role))
                participation.event = survivor
                participation.save()
        # Written through the link table and then copied into the survivor's new history
        # record: countries.add() would record a change of its own, with no user or reason.
        through = Event.countries.through
        have_countries = set(survivor.countries.values_list("pk", flat=True))
        new_countries = (
            set(through.objects.filter(event_id__in=ids).values_list("country_id", flat=True))
            - have_countries
        )
        for event in merged:
            note_change(event, user=user, reason=note)
            event._merged_into = survivor.pk  # type: ignore[attr-defined]  # for tombstones
            event.delete()
        _stamp(survivor, user, f"Absorbed {', '.join(e.slug for e in merged)}: {reason}")
        survivor.save()
        through.objects.bulk_create(
            [through(event_id=survivor.pk, country_id=c) for c in sorted(new_countries)]
        )
        many_to_many_snapshot(Event, [survivor.pk])
        survivor.refresh_from_db()
    ClaimLink.objects.filter(from_claim_id=F("to_claim_id")).delete()
    return survivor
